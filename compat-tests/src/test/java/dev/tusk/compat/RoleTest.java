package dev.tusk.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Roles and the predefined roles that open server-side COPY to non-superusers, with the same
 * assertions against PostgreSQL 15 and Tusk (through Tusk's driver).
 */
class RoleTest extends BothServers {

    private static Connection as(String server, String user) throws SQLException {
        int port = server.equals("pg") ? pg.port : tusk.port();
        return DriverManager.getConnection("jdbc:tusk://127.0.0.1:" + port + "/postgres?user=" + user);
    }

    @ParameterizedTest
    @ValueSource(strings = {"pg", "tusk"})
    void membershipOpensServerSideCopy(String server) throws Exception {
        Path dir = Files.createTempDirectory("roles-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path csv = dir.resolve("in.csv");
        Files.writeString(csv, "1,one\n2,two\n");
        Files.setPosixFilePermissions(csv, PosixFilePermissions.fromString("rw-r--r--"));
        try (Connection su = as(server, "postgres"); Statement s = su.createStatement()) {
            s.execute("create role reader login");
            s.execute("create role nologin_role");
            s.execute("create table role_copy (id int, t text)");
            s.execute("grant all on role_copy to reader");
            SQLException dup = assertThrows(SQLException.class, () -> s.execute("create role reader"));
            assertEquals("42710", dup.getSQLState());
            SQLException reserved = assertThrows(SQLException.class, () -> s.execute("create role pg_mine"));
            assertEquals("42939", reserved.getSQLState());
        }
        try (Connection reader = as(server, "reader"); Statement s = reader.createStatement()) {
            SQLException denied = assertThrows(SQLException.class, () -> s.execute("copy role_copy from '" + csv + "' csv"));
            assertEquals("42501", denied.getSQLState());
            assertTrue(denied.getMessage().contains("pg_read_server_files"), denied.getMessage());
            SQLException create = assertThrows(SQLException.class, () -> s.execute("create role other"));
            assertEquals("42501", create.getSQLState());
        }
        try (Connection su = as(server, "postgres"); Statement s = su.createStatement()) {
            s.execute("grant pg_read_server_files to reader");
            try (ResultSet rs = s.executeQuery("select count(*) from pg_auth_members m join pg_roles r on r.oid = m.member"
                    + " join pg_roles g on g.oid = m.roleid where r.rolname = 'reader' and g.rolname = 'pg_read_server_files'")) {
                rs.next();
                assertEquals(1, rs.getInt(1));
            }
        }
        try (Connection reader = as(server, "reader"); Statement s = reader.createStatement()) {
            s.execute("copy role_copy from '" + csv + "' csv");
            try (ResultSet rs = s.executeQuery("select count(*) from role_copy")) {
                rs.next();
                assertEquals(2, rs.getInt(1));
            }
            SQLException write = assertThrows(SQLException.class, () -> s.execute("copy role_copy to '" + dir.resolve("out.csv") + "'"));
            assertEquals("42501", write.getSQLState(), "reading files does not grant writing them");
        }
        SQLException nologin = assertThrows(SQLException.class, () -> as(server, "nologin_role"));
        assertEquals("28000", nologin.getSQLState());
        try (Connection su = as(server, "postgres"); Statement s = su.createStatement()) {
            s.execute("revoke pg_read_server_files from reader");
            s.execute("drop table role_copy");
            s.execute("drop role reader, nologin_role");
            s.execute("drop role if exists reader");
            try (ResultSet rs = s.executeQuery("select count(*) from pg_roles where rolname in ('reader', 'nologin_role')")) {
                rs.next();
                assertEquals(0, rs.getInt(1));
            }
        }
    }
}
