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

    /** The SQLSTATE and message a statement fails with. */
    private static String failure(Statement s, String sql) {
        SQLException e = assertThrows(SQLException.class, () -> s.execute(sql), sql);
        String m = e.getMessage();
        int detail = m.indexOf('\n');
        return e.getSQLState() + " " + (detail < 0 ? m : m.substring(0, detail)).replaceFirst("^ERROR: ", "");
    }

    @ParameterizedTest
    @ValueSource(strings = {"pg", "tusk"})
    void roleAttributesAreKeptAndEnforced(String server) throws Exception {
        try (Connection su = as(server, "postgres"); Statement s = su.createStatement()) {
            s.execute("create role attr_plain login");
            s.execute("create role attr_mgr login createrole");
            s.execute("create role attr_dbc login createdb");
            s.execute("create role attr_lim login connection limit 1");
            s.execute("create role attr_exp login valid until '2000-01-01 00:00:00+00'");
            try (ResultSet rs = s.executeQuery("select rolname, rolcreaterole, rolcreatedb, rolconnlimit, rolvaliduntil"
                    + " from pg_roles where rolname like 'attr\\_%' order by rolname")) {
                StringBuilder b = new StringBuilder();
                while (rs.next()) {
                    b.append(rs.getString(1)).append(' ').append(rs.getBoolean(2)).append(' ').append(rs.getBoolean(3))
                            .append(' ').append(rs.getInt(4)).append(' ')
                            .append(rs.getTimestamp(5) == null ? "-" : rs.getTimestamp(5).toInstant()).append('\n');
                }
                assertEquals("attr_dbc false true -1 -\nattr_exp false false -1 2000-01-01T00:00:00Z\n"
                        + "attr_lim false false 1 -\nattr_mgr true false -1 -\nattr_plain false false -1 -\n", b.toString());
            }
            assertEquals("22023 invalid connection limit: -2", failure(s, "alter role attr_lim connection limit -2"));
        }
        try (Connection plain = as(server, "attr_plain"); Statement s = plain.createStatement()) {
            assertEquals("42501 permission denied to create role", failure(s, "create role attr_x"));
            assertEquals("42501 must be superuser to create superusers", failure(s, "create role attr_x superuser"));
            assertEquals("42501 permission denied to create database", failure(s, "create database attr_db"));
            assertEquals("42501 permission denied", failure(s, "alter role attr_plain createdb"));
            assertEquals("42501 permission denied", failure(s, "alter role attr_dbc password 'x'"));
            assertEquals("42501 must be superuser to alter superuser roles or change superuser attribute",
                    failure(s, "alter role attr_plain superuser"));
            assertEquals("42501 permission denied to drop role", failure(s, "drop role attr_dbc"));
            assertEquals("42501 must have admin option on role \"attr_dbc\"", failure(s, "grant attr_dbc to attr_plain"));
            s.execute("alter role attr_plain password 'mine'"); // one's own password
            assertEquals("42501 permission denied for table pg_authid", failure(s, "select rolpassword from pg_authid"));
            assertEquals("42501 permission denied for view pg_shadow", failure(s, "select passwd from pg_shadow"));
            try (ResultSet rs = s.executeQuery("select passwd from pg_user where usename = 'attr_plain'")) {
                rs.next();
                assertEquals("********", rs.getString(1));
            }
        }
        try (Connection mgr = as(server, "attr_mgr"); Statement s = mgr.createStatement()) {
            s.execute("create role attr_made createdb");
            s.execute("alter role attr_made nocreatedb connection limit 3");
            s.execute("grant attr_made to attr_plain");
            s.execute("revoke attr_made from attr_plain");
            assertEquals("42501 must be superuser to create superusers", failure(s, "create role attr_x superuser"));
            assertEquals("42501 must be superuser to alter superuser roles or change superuser attribute",
                    failure(s, "alter role attr_made superuser"));
            s.execute("drop role attr_made");
        }
        try (Connection dbc = as(server, "attr_dbc"); Statement s = dbc.createStatement()) {
            s.execute("create database attr_db");
            assertEquals("42501 must be member of role \"attr_plain\"", failure(s, "create database attr_db2 owner attr_plain"));
            assertEquals("42501 must be member of role \"attr_plain\"", failure(s, "alter database attr_db owner to attr_plain"));
            try (ResultSet rs = s.executeQuery("select pg_get_userbyid(datdba) from pg_database where datname = 'attr_db'")) {
                rs.next();
                assertEquals("attr_dbc", rs.getString(1));
            }
        }
        try (Connection plain = as(server, "attr_plain"); Statement s = plain.createStatement()) {
            assertEquals("42501 must be owner of database attr_db", failure(s, "drop database attr_db"));
            assertEquals("42501 must be owner of database attr_db", failure(s, "alter database attr_db owner to attr_plain"));
        }
        try (Connection su = as(server, "postgres"); Statement s = su.createStatement()) {
            assertEquals("2BP01 role \"attr_dbc\" cannot be dropped because some objects depend on it",
                    failure(s, "drop role attr_dbc"));
        }
        try (Connection dbc = as(server, "attr_dbc"); Statement s = dbc.createStatement()) {
            s.execute("drop database attr_db"); // its owner may
        }
        try (Connection first = as(server, "attr_lim")) {
            SQLException over = assertThrows(SQLException.class, () -> as(server, "attr_lim"));
            assertEquals("53300", over.getSQLState());
            assertTrue(over.getMessage().contains("too many connections for role \"attr_lim\""), over.getMessage());
            assertTrue(first.isValid(5));
        }
        try (Connection su = as(server, "postgres"); Statement s = su.createStatement()) {
            s.execute("drop role attr_plain, attr_mgr, attr_dbc, attr_lim, attr_exp");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"pg", "tusk"})
    void adminOptionLetsAMemberGrantItsRole(String server) throws Exception {
        try (Connection su = as(server, "postgres"); Statement s = su.createStatement()) {
            s.execute("create role adm_grp");
            s.execute("create role adm_a login");
            s.execute("create role adm_b login");
            s.execute("create role adm_r replication bypassrls");
            s.execute("grant adm_grp to adm_a with admin option");
            assertEquals("t", adminOption(s, "adm_a", "adm_grp"));
            assertEquals("t", one(s, "select rolreplication from pg_roles where rolname = 'adm_r'"));
            assertEquals("t", one(s, "select rolbypassrls from pg_roles where rolname = 'adm_r'"));
            assertEquals("f", one(s, "select rolsuper from pg_roles where rolname = 'adm_r'"));
        }
        try (Connection a = as(server, "adm_a"); Statement s = a.createStatement()) {
            s.execute("grant adm_grp to adm_b");
            s.execute("revoke adm_grp from adm_b");
            assertEquals("42501 must have admin option on role \"adm_b\"", failure(s, "grant adm_b to adm_a"));
        }
        try (Connection su = as(server, "postgres"); Statement s = su.createStatement()) {
            s.execute("revoke admin option for adm_grp from adm_a");
            assertEquals("f", adminOption(s, "adm_a", "adm_grp"));
        }
        try (Connection a = as(server, "adm_a"); Statement s = a.createStatement()) {
            assertEquals("42501 must have admin option on role \"adm_grp\"", failure(s, "grant adm_grp to adm_b"));
        }
        try (Connection su = as(server, "postgres"); Statement s = su.createStatement()) {
            s.execute("drop role adm_grp, adm_a, adm_b, adm_r");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"pg", "tusk"})
    void onlyTheOwnerAltersOrDropsWhatItCreated(String server) throws Exception {
        try (Connection su = as(server, "postgres"); Statement s = su.createStatement()) {
            s.execute("create role own_a login");
            s.execute("create role own_b login");
            s.execute("create role own_g");
            s.execute("grant own_g to own_a");
            s.execute("grant create on schema public to own_a, own_b, own_g");
        }
        try (Connection a = as(server, "own_a"); Statement s = a.createStatement()) {
            s.execute("create table own_t (id int)");
            s.execute("create view own_v as select 1 as x");
            assertEquals("own_a", one(s, "select tableowner from pg_tables where tablename = 'own_t'"));
            assertEquals("own_a", one(s, "select pg_get_userbyid(relowner) from pg_class where relname = 'own_v'"));
        }
        try (Connection b = as(server, "own_b"); Statement s = b.createStatement()) {
            if (server.equals("tusk")) { // where Tusk keeps owners is no one's to write but a superuser's
                assertEquals("42501 permission denied for table tusk_owners",
                        failure(s, "update pg_catalog.tusk_owners set owner = 'own_b'"));
            }
            assertEquals("42501 must be owner of table own_t", failure(s, "drop table own_t"));
            assertEquals("42501 must be owner of table own_t", failure(s, "alter table own_t add column x int"));
            assertEquals("42501 must be owner of table own_t", failure(s, "create index own_i on own_t (id)"));
            assertEquals("42501 must be owner of view own_v", failure(s, "drop view own_v"));
            assertEquals("42501 must be owner of view own_v", failure(s, "alter view own_v rename to own_w"));
            assertEquals("42501 must be owner of table own_t", failure(s, "alter table own_t owner to own_b"));
        }
        try (Connection a = as(server, "own_a"); Statement s = a.createStatement()) {
            assertEquals("42501 must be member of role \"own_b\"", failure(s, "alter table own_t owner to own_b"));
            assertEquals("42704 role \"nosuch\" does not exist", failure(s, "alter table own_t owner to nosuch"));
            s.execute("alter table own_t owner to own_g"); // a role it is a member of
            s.execute("alter table own_t add column x int"); // and so still its own to alter
            s.execute("alter table own_t rename to own_t2");
            assertEquals("own_g", one(s, "select tableowner from pg_tables where tablename = 'own_t2'"));
        }
        try (Connection su = as(server, "postgres"); Statement s = su.createStatement()) {
            SQLException dependent = assertThrows(SQLException.class, () -> s.execute("drop role own_g"));
            assertEquals("2BP01", dependent.getSQLState());
            assertTrue(dependent.getMessage().contains("role \"own_g\" cannot be dropped because some objects depend on it"),
                    dependent.getMessage());
        }
        try (Connection b = as(server, "own_b"); Statement s = b.createStatement()) {
            assertEquals("42501 permission denied to reassign objects", failure(s, "reassign owned by own_g to own_b"));
            assertEquals("42501 permission denied to drop objects", failure(s, "drop owned by own_a"));
        }
        try (Connection su = as(server, "postgres"); Statement s = su.createStatement()) {
            s.execute("reassign owned by own_g to own_b"); // the table moves on, and own_g can go
            assertEquals("own_b", one(s, "select tableowner from pg_tables where tablename = 'own_t2'"));
            s.execute("drop owned by own_a, own_b"); // the view and the table
            assertEquals("0", one(s, "select count(*) from pg_class where relname in ('own_t2', 'own_v')"));
            s.execute("revoke create on schema public from own_a, own_b, own_g");
            s.execute("drop role own_a, own_b, own_g");
        }
    }

    /** pg_auth_members.admin_option of member in group, as pgjdbc prints a boolean ("t"/"f"). */
    private static String adminOption(Statement s, String member, String group) throws SQLException {
        return one(s, "select m.admin_option from pg_auth_members m join pg_roles r on r.oid = m.member"
                + " join pg_roles g on g.oid = m.roleid where g.rolname = '" + group + "' and r.rolname = '" + member + "'");
    }

    private static String one(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return rs.getString(1);
        }
    }
}
