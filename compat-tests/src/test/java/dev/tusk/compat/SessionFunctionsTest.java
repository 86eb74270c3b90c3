package dev.tusk.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What migration tools and pools use to coordinate and to restore a session: advisory locks
 * between two sessions, set_config(), and SET ROLE with current_user and session_user; the same
 * assertions on PostgreSQL 15 and Tusk, through pgjdbc.
 */
class SessionFunctionsTest extends BothServers {

    private static Connection connect(String server) throws SQLException {
        return DriverManager.getConnection(server.equals("pg") ? pg.jdbcUrl("postgres") : tusk.jdbcUrl("postgres"));
    }

    private static String one(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next());
            return rs.getString(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"pg", "tusk"})
    void advisoryLocksExcludeOtherSessions(String server) throws Exception {
        try (Connection a = connect(server); Statement sa = a.createStatement();
             Connection b = connect(server); Statement sb = b.createStatement()) {
            one(sa, "select pg_advisory_lock(4242)");
            assertEquals("t", one(sa, "select pg_try_advisory_lock(4242)"), "re-entrant for its holder");
            assertEquals("f", one(sb, "select pg_try_advisory_lock(4242)"));
            assertEquals("f", one(sb, "select pg_advisory_unlock(4242)"), "not held by b");
            assertEquals("t", one(sa, "select pg_advisory_unlock(4242)"));
            assertEquals("f", one(sb, "select pg_try_advisory_lock(4242)"), "still held once");
            assertEquals("t", one(sa, "select pg_advisory_unlock(4242)"));
            assertEquals("t", one(sb, "select pg_try_advisory_lock(4242)"));

            sb.execute("set statement_timeout = 200");
            one(sa, "select pg_advisory_lock(1, 2)");
            SQLException timeout = assertThrows(SQLException.class, () -> sb.executeQuery("select pg_advisory_lock(1, 2)"));
            assertEquals("57014", timeout.getSQLState());
            sb.execute("set statement_timeout = 0");

            a.setAutoCommit(false);
            assertEquals("t", one(sa, "select pg_try_advisory_xact_lock(77)"));
            assertEquals("f", one(sb, "select pg_try_advisory_xact_lock(77)"));
            a.commit();
            assertEquals("t", one(sb, "select pg_try_advisory_xact_lock(77)"), "released when a's transaction ended");
            a.setAutoCommit(true);
        }
        try (Connection c = connect(server); Statement s = c.createStatement()) {
            assertEquals("t", one(s, "select pg_try_advisory_lock(4242)"), "released when b's session ended");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"pg", "tusk"})
    void setConfigChangesTheSetting(String server) throws Exception {
        try (Connection c = connect(server); Statement s = c.createStatement()) {
            assertEquals("public, pg_catalog", one(s, "select set_config('search_path', 'public, pg_catalog', false)"));
            assertEquals("public, pg_catalog", one(s, "show search_path"));
            assertEquals("tool", one(s, "select set_config('application_name', 'tool', false)"));
            assertEquals("tool", one(s, "select current_setting('application_name')"));
            SQLException unknown = assertThrows(SQLException.class, () -> s.executeQuery("select set_config('no_such_setting', '1', false)"));
            assertEquals("42704", unknown.getSQLState());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"pg", "tusk"})
    void setRoleChangesTheCurrentUser(String server) throws Exception {
        try (Connection c = connect(server); Statement s = c.createStatement()) {
            s.execute("create role app_owner");
            s.execute("create role app_user login");
            assertEquals("none", one(s, "show role"));
            s.execute("set role app_owner");
            assertEquals("app_owner", one(s, "select current_user"));
            assertEquals("postgres", one(s, "select session_user"));
            assertEquals("app_owner", one(s, "show role"));
            s.execute("set role 'postgres'");
            assertEquals("postgres", one(s, "select current_user"));
            s.execute("reset role");
            assertEquals("none", one(s, "show role"));
            SQLException missing = assertThrows(SQLException.class, () -> s.execute("set role nobody_here"));
            assertEquals("22023", missing.getSQLState());
        }
        int port = server.equals("pg") ? pg.port : tusk.port();
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=app_user");
             Statement s = c.createStatement()) {
            SQLException denied = assertThrows(SQLException.class, () -> s.execute("set role app_owner"));
            assertEquals("42501", denied.getSQLState());
            assertFalse(one(s, "select current_user").equals("app_owner"));
        }
    }
}
