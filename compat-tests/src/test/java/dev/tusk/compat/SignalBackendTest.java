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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * pg_cancel_backend and pg_terminate_backend with PostgreSQL's rules, the same assertions on
 * PostgreSQL 15 and Tusk: an ordinary role can signal neither a superuser's backend nor another
 * role's, a member of pg_signal_backend can signal any non-superuser backend, and the signalled
 * backend ends its query with 57014 or its session with 57P01.
 */
class SignalBackendTest extends BothServers {

    private static Connection as(String server, String user) throws SQLException {
        int port = server.equals("pg") ? pg.port : tusk.port();
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=" + user);
    }

    private static int pid(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static String refused(Connection c, String sql) {
        SQLException e = assertThrows(SQLException.class, () -> {
            try (Statement s = c.createStatement()) {
                s.execute(sql);
            }
        }, sql);
        assertEquals("42501", e.getSQLState(), e.getMessage());
        return e.getMessage().replaceFirst("^ERROR: ", "");
    }

    private static boolean signal(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"pg", "tusk"})
    void signalsFollowPostgresRules(String server) throws Exception {
        try (Connection su = as(server, "postgres"); Statement s = su.createStatement()) {
            s.execute("create role carol_sig login");
            s.execute("create role dave_sig login");
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (Connection su = as(server, "postgres"); Connection carol = as(server, "carol_sig");
             Connection dave = as(server, "dave_sig"); Connection dave2 = as(server, "dave_sig")) {
            int suPid = pid(su);
            int davePid = pid(dave);
            int dave2Pid = pid(dave2);
            assertEquals("must be a superuser to cancel superuser query", refused(carol, "select pg_cancel_backend(" + suPid + ")"));
            assertEquals("must be a superuser to terminate superuser process", refused(carol, "select pg_terminate_backend(" + suPid + ")"));
            assertEquals("must be a member of the role whose query is being canceled or member of pg_signal_backend",
                    refused(carol, "select pg_cancel_backend(" + davePid + ")"));
            assertEquals("must be a member of the role whose process is being terminated or member of pg_signal_backend",
                    refused(carol, "select pg_terminate_backend(" + davePid + ")"));
            assertFalse(signal(carol, "select pg_cancel_backend(1)"), "no such backend");
            try (Statement s = su.createStatement()) {
                s.execute("grant pg_signal_backend to carol_sig");
            }
            Future<?> sleeping = pool.submit(() -> {
                try (Statement s = dave.createStatement()) {
                    s.execute("select pg_sleep(30)");
                }
                return null;
            });
            Thread.sleep(500);
            assertTrue(signal(carol, "select pg_cancel_backend(" + davePid + ")"));
            java.util.concurrent.ExecutionException cancelled = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> sleeping.get(20, TimeUnit.SECONDS));
            assertEquals("57014", ((SQLException) cancelled.getCause()).getSQLState());
            assertTrue(signal(carol, "select pg_terminate_backend(" + dave2Pid + ")"));
            SQLException ended = assertThrows(SQLException.class, () -> {
                for (int i = 0; i < 50; i++) {
                    try (Statement s = dave2.createStatement()) {
                        s.execute("select 1");
                    }
                    Thread.sleep(100);
                }
            });
            assertTrue(ended.getSQLState() == null || ended.getSQLState().equals("57P01") || ended.getSQLState().startsWith("08"),
                    ended.getSQLState() + " " + ended.getMessage());
        } finally {
            pool.shutdownNow();
        }
    }
}
