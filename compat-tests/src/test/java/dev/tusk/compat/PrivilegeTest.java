package dev.tusk.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Privileges on objects, with the same assertions against PostgreSQL 15 and Tusk (through Tusk's
 * driver): owners, grantees and PUBLIC, column grants, grant options and CASCADE, default privileges,
 * schemas (PostgreSQL 15's public), views read with their owner's privileges, sequences, databases,
 * and what the catalogs and has_*_privilege say about all of it.
 */
class PrivilegeTest extends BothServers {

    private static Connection as(String server, String user) throws SQLException {
        int port = server.equals("pg") ? pg.port : tusk.port();
        return DriverManager.getConnection("jdbc:tusk://127.0.0.1:" + port + "/postgres?user=" + user);
    }

    private static void superuser(String server, String script) throws SQLException {
        try (Connection c = as(server, "postgres"); Statement s = c.createStatement()) {
            for (String st : script.split(";")) {
                s.execute(st);
            }
        }
    }

    private static String denied(Statement s, String sql) {
        SQLException e = assertThrows(SQLException.class, () -> s.execute(sql), sql);
        assertEquals("42501", e.getSQLState(), e.getMessage());
        return e.getMessage();
    }

    private static String one(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return rs.getString(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"pg", "tusk"})
    void ownerGrantsToRolesAndPublic(String server) throws Exception {
        superuser(server, "create role pr_owner login; create role pr_reader login; create role pr_other login;"
                + " grant create on schema public to pr_owner");
        try (Connection c = as(server, "pr_owner"); Statement s = c.createStatement()) {
            s.execute("create table pr_t (id int primary key, v text)");
            s.execute("insert into pr_t values (1, 'one')");
            s.execute("grant select on pr_t to pr_reader");
            assertEquals("{pr_owner=arwdDxt/pr_owner,pr_reader=r/pr_owner}", one(s, "select relacl from pg_class where relname = 'pr_t'"));
        }
        try (Connection c = as(server, "pr_reader"); Statement s = c.createStatement()) {
            assertEquals("one", one(s, "select v from pr_t"));
            assertEquals("permission denied for table pr_t", messageOf(denied(s, "insert into pr_t values (2, 'two')")));
            denied(s, "update pr_t set v = 'x' where id = 1");
            denied(s, "delete from pr_t");
            denied(s, "truncate pr_t");
            denied(s, "drop table pr_t");
            assertEquals("t", one(s, "select has_table_privilege('pr_t', 'select')"));
            assertEquals("f", one(s, "select has_table_privilege('pr_t', 'insert')"));
        }
        try (Connection c = as(server, "pr_other"); Statement s = c.createStatement()) {
            denied(s, "select * from pr_t");
            assertEquals("f", one(s, "select has_table_privilege('pr_other', 'pr_t', 'select')"));
        }
        try (Connection c = as(server, "pr_owner"); Statement s = c.createStatement()) {
            s.execute("grant select, insert on pr_t to public");
        }
        try (Connection c = as(server, "pr_other"); Statement s = c.createStatement()) {
            s.execute("insert into pr_t values (3, 'three')");
            assertEquals("2", one(s, "select count(*) from pr_t"));
        }
        try (Connection c = as(server, "pr_owner"); Statement s = c.createStatement()) {
            s.execute("revoke all on pr_t from public");
            List<String> grants = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("select grantee, privilege_type from information_schema.table_privileges"
                    + " where table_name = 'pr_t' and grantee <> 'pr_owner' order by 1, 2")) {
                while (rs.next()) {
                    grants.add(rs.getString(1) + ":" + rs.getString(2));
                }
            }
            assertEquals(List.of("pr_reader:SELECT"), grants);
        }
        try (Connection c = as(server, "pr_other"); Statement s = c.createStatement()) {
            denied(s, "select * from pr_t");
        }
        superuser(server, "drop table pr_t; revoke create on schema public from pr_owner; drop role pr_owner, pr_reader, pr_other");
    }

    /** The message without the driver's decoration (the server's words only). */
    private static String messageOf(String message) {
        int nl = message.indexOf('\n');
        String first = nl >= 0 ? message.substring(0, nl) : message;
        return first.startsWith("ERROR: ") ? first.substring(7) : first;
    }

    @ParameterizedTest
    @ValueSource(strings = {"pg", "tusk"})
    void columnGrantsCoverTheColumnsNamed(String server) throws Exception {
        superuser(server, "create role pc_user login; create table pc_t (id int primary key, pub text, secret text);"
                + " insert into pc_t values (1, 'p', 's'); grant select (id, pub), update (pub) on pc_t to pc_user");
        try (Connection c = as(server, "pc_user"); Statement s = c.createStatement()) {
            assertEquals("p", one(s, "select pub from pc_t where id = 1"));
            assertEquals("1", one(s, "select count(*) from pc_t"));
            denied(s, "select * from pc_t");
            denied(s, "select secret from pc_t");
            assertEquals(1, s.executeUpdate("update pc_t set pub = 'q' where id = 1"));
            denied(s, "update pc_t set secret = 'x' where id = 1");
            denied(s, "update pc_t set (pub, secret) = ('a', 'b') where id = 1");
            assertEquals(1, s.executeUpdate("update pc_t set pub = pub || 'x' where id = 1")); // reads what it may read
            assertEquals("t", one(s, "select has_column_privilege('pc_t', 'pub', 'update')"));
            assertEquals("f", one(s, "select has_column_privilege('pc_t', 'secret', 'select')"));
            assertEquals("t", one(s, "select has_any_column_privilege('pc_t', 'select')"));
            assertEquals("f", one(s, "select has_table_privilege('pc_t', 'select')"));
        }
        try (Connection c = as(server, "postgres"); Statement s = c.createStatement()) {
            assertEquals("{pc_user=rw/postgres}", one(s, "select attacl from pg_attribute where attrelid = 'pc_t'::regclass"
                    + " and attname = 'pub'"));
            s.execute("revoke all on pc_t from pc_user");
            assertEquals("0", one(s, "select count(*) from pg_attribute where attrelid = 'pc_t'::regclass and attacl is not null"));
        }
        superuser(server, "drop table pc_t; drop role pc_user");
    }

    @ParameterizedTest
    @ValueSource(strings = {"pg", "tusk"})
    void grantOptionsPassOnAndRevokeNeedsCascade(String server) throws Exception {
        superuser(server, "create role go_a login; create role go_b login; create role go_c login;"
                + " create table go_t (i int); grant select on go_t to go_a with grant option;"
                + " grant select on go_t to go_b");
        try (Connection c = as(server, "go_b"); Statement s = c.createStatement()) {
            s.execute("grant select on go_t to go_c");
            SQLWarning w = s.getWarnings();
            assertTrue(w != null && w.getMessage().contains("no privileges were granted for \"go_t\""), String.valueOf(w));
        }
        try (Connection c = as(server, "go_c"); Statement s = c.createStatement()) {
            denied(s, "grant select on go_t to go_b"); // holding nothing at all
        }
        try (Connection c = as(server, "go_a"); Statement s = c.createStatement()) {
            s.execute("grant select on go_t to go_c");
        }
        try (Connection c = as(server, "go_c"); Statement s = c.createStatement()) {
            s.execute("select * from go_t");
        }
        try (Connection c = as(server, "postgres"); Statement s = c.createStatement()) {
            assertEquals("{postgres=arwdDxt/postgres,go_a=r*/postgres,go_b=r/postgres,go_c=r/go_a}",
                    one(s, "select relacl from pg_class where relname = 'go_t'"));
            SQLException dependent = assertThrows(SQLException.class, () -> s.execute("revoke select on go_t from go_a"));
            assertEquals("2BP01", dependent.getSQLState());
            s.execute("revoke select on go_t from go_a cascade");
            assertEquals("{postgres=arwdDxt/postgres,go_b=r/postgres}", one(s, "select relacl from pg_class where relname = 'go_t'"));
        }
        try (Connection c = as(server, "go_c"); Statement s = c.createStatement()) {
            denied(s, "select * from go_t");
        }
        superuser(server, "drop table go_t; drop role go_a, go_b, go_c");
    }

    @ParameterizedTest
    @ValueSource(strings = {"pg", "tusk"})
    void schemasNeedUsageAndPublicRefusesCreate(String server) throws Exception {
        superuser(server, "create role ps_user login; create schema ps_s; create table ps_s.t (i int); grant select on ps_s.t to ps_user");
        try (Connection c = as(server, "ps_user"); Statement s = c.createStatement()) {
            assertEquals("permission denied for schema public", messageOf(denied(s, "create table ps_mine (i int)")));
            assertEquals("permission denied for schema ps_s", messageOf(denied(s, "select * from ps_s.t")));
            denied(s, "create schema ps_other");
            assertEquals("f", one(s, "select has_schema_privilege('public', 'create')"));
            assertEquals("t", one(s, "select has_schema_privilege('public', 'usage')"));
        }
        superuser(server, "grant usage on schema ps_s to ps_user; grant create on database postgres to ps_user");
        try (Connection c = as(server, "ps_user"); Statement s = c.createStatement()) {
            assertFalse(s.executeQuery("select * from ps_s.t").next());
            s.execute("create schema ps_other");
            s.execute("create table ps_other.mine (i int)");
            s.execute("drop schema ps_other cascade");
        }
        try (Connection c = as(server, "postgres"); Statement s = c.createStatement()) {
            assertEquals("{postgres=UC/postgres,ps_user=U/postgres}", one(s, "select nspacl from pg_namespace where nspname = 'ps_s'"));
            assertEquals("{pg_database_owner=UC/pg_database_owner,=U/pg_database_owner}",
                    one(s, "select nspacl from pg_namespace where nspname = 'public'"));
        }
        superuser(server, "revoke create on database postgres from ps_user; drop schema ps_s cascade; drop role ps_user");
    }

    @ParameterizedTest
    @ValueSource(strings = {"pg", "tusk"})
    void viewsReadWithTheirOwnersPrivileges(String server) throws Exception {
        superuser(server, "create role pv_owner login; create role pv_user login; create table pv_secret (i int, s text);"
                + " insert into pv_secret values (1, 'hidden'); grant create on schema public to pv_owner, pv_user;"
                + " grant select on pv_secret to pv_owner");
        try (Connection c = as(server, "pv_owner"); Statement s = c.createStatement()) {
            s.execute("create view pv_v as select i from pv_secret");
            s.execute("grant select on pv_v to pv_user");
        }
        try (Connection c = as(server, "pv_user"); Statement s = c.createStatement()) {
            assertEquals("1", one(s, "select i from pv_v"));
            denied(s, "select * from pv_secret");
            s.execute("create view pv_mine as select s from pv_secret");
            assertEquals("permission denied for table pv_secret", messageOf(denied(s, "select * from pv_mine")));
            denied(s, "select * from (select * from pv_v) x join pv_secret on true");
            // every CTE and derived table counts, however many there are and however deep
            denied(s, "select * from (select 1) a, (select * from pv_secret) b");
            denied(s, "with a as (select 1), b as (select s from pv_secret) select * from a, b");
            denied(s, "select * from (select * from (with y as (select s from pv_secret) select s from y) a) z");
            s.execute("drop view pv_mine");
        }
        superuser(server, "revoke select on pv_secret from pv_owner");
        try (Connection c = as(server, "pv_user"); Statement s = c.createStatement()) {
            assertEquals("permission denied for table pv_secret", messageOf(denied(s, "select i from pv_v")));
        }
        superuser(server, "drop view pv_v; drop table pv_secret; revoke create on schema public from pv_owner, pv_user;"
                + " drop role pv_owner, pv_user");
    }

    @ParameterizedTest
    @ValueSource(strings = {"pg", "tusk"})
    void defaultPrivilegesReachNewObjects(String server) throws Exception {
        superuser(server, "create role pd_owner login; create role pd_user login; grant create on schema public to pd_owner");
        try (Connection c = as(server, "pd_owner"); Statement s = c.createStatement()) {
            s.execute("alter default privileges grant select on tables to pd_user");
            s.execute("create table pd_t (i int)");
            s.execute("create sequence pd_s");
        }
        try (Connection c = as(server, "pd_user"); Statement s = c.createStatement()) {
            assertFalse(s.executeQuery("select * from pd_t").next());
            denied(s, "insert into pd_t values (1)");
            assertEquals("permission denied for sequence pd_s", messageOf(denied(s, "select nextval('pd_s')")));
        }
        try (Connection c = as(server, "pd_owner"); Statement s = c.createStatement()) {
            assertEquals("{pd_owner=arwdDxt/pd_owner,pd_user=r/pd_owner}", one(s, "select defaclacl from pg_default_acl"));
            s.execute("grant usage on sequence pd_s to pd_user");
            s.execute("alter default privileges revoke select on tables from pd_user");
            assertEquals("0", one(s, "select count(*) from pg_default_acl"));
        }
        try (Connection c = as(server, "pd_user"); Statement s = c.createStatement()) {
            assertEquals("1", one(s, "select nextval('pd_s')"));
        }
        superuser(server, "drop table pd_t; drop sequence pd_s; revoke create on schema public from pd_owner;"
                + " drop role pd_owner, pd_user");
    }

    @ParameterizedTest
    @ValueSource(strings = {"pg", "tusk"})
    void connectCanBeRevoked(String server) throws Exception {
        superuser(server, "create role pn_user login; create database pn_db; revoke connect on database pn_db from public");
        int port = server.equals("pg") ? pg.port : tusk.port();
        SQLException e = assertThrows(SQLException.class,
                () -> DriverManager.getConnection("jdbc:tusk://127.0.0.1:" + port + "/pn_db?user=pn_user").close());
        assertEquals("42501", e.getSQLState());
        assertTrue(e.getMessage().contains("permission denied for database \"pn_db\""), e.getMessage());
        superuser(server, "grant connect on database pn_db to pn_user");
        DriverManager.getConnection("jdbc:tusk://127.0.0.1:" + port + "/pn_db?user=pn_user").close();
        try (Connection c = as(server, "postgres"); Statement s = c.createStatement()) {
            assertEquals("{=T/postgres,postgres=CTc/postgres,pn_user=c/postgres}",
                    one(s, "select datacl from pg_database where datname = 'pn_db'"));
            assertEquals("f", one(s, "select has_database_privilege('pn_user', 'pn_db', 'create')"));
        }
        superuser(server, "drop database pn_db; drop role pn_user");
    }

    @ParameterizedTest
    @ValueSource(strings = {"pg", "tusk"})
    void serialDefaultsAndRowLocksNeedTheirPrivileges(String server) throws Exception {
        superuser(server, "create role pl_user login; create table pl_t (id serial primary key, v text);"
                + " grant select, insert on pl_t to pl_user");
        try (Connection c = as(server, "pl_user"); Statement s = c.createStatement()) {
            assertEquals("permission denied for sequence pl_t_id_seq", messageOf(denied(s, "insert into pl_t (v) values ('a')")));
            s.execute("insert into pl_t (id, v) values (10, 'b')"); // no default runs
            assertEquals("permission denied for table pl_t", messageOf(denied(s, "select * from pl_t for update")));
            denied(s, "select id from pl_t for share");
        }
        superuser(server, "grant usage on sequence pl_t_id_seq to pl_user; grant update on pl_t to pl_user");
        try (Connection c = as(server, "pl_user"); Statement s = c.createStatement()) {
            s.execute("insert into pl_t (v) values ('a')");
            assertEquals("2", one(s, "select count(*) from (select id from pl_t for update) x"));
        }
        try (Connection c = as(server, "postgres"); Statement s = c.createStatement()) {
            s.execute("alter table pl_t owner to pl_user"); // its serial sequence goes with it
            assertEquals("pl_user", one(s, "select pg_get_userbyid(relowner) from pg_class where relname = 'pl_t_id_seq'"));
            assertEquals("{pl_user=rwU/pl_user}", one(s, "select relacl from pg_class where relname = 'pl_t_id_seq'"));
        }
        superuser(server, "drop table pl_t; drop role pl_user");
    }

    @ParameterizedTest
    @ValueSource(strings = {"pg", "tusk"})
    void sessionAuthorizationActsAsAnotherRole(String server) throws Exception {
        superuser(server, "create role pz_user login; create role pz_other login; create table pz_t (i int)");
        try (Connection c = as(server, "postgres"); Statement s = c.createStatement()) {
            s.execute("set session authorization pz_user");
            assertEquals("pz_user pz_user", one(s, "select session_user || ' ' || current_user"));
            denied(s, "select * from pz_t");
            s.execute("set session authorization pz_other"); // still the authenticated superuser's to change
            s.execute("reset session authorization");
            assertEquals("postgres", one(s, "select session_user"));
            assertFalse(s.executeQuery("select * from pz_t").next());
        }
        try (Connection c = as(server, "pz_user"); Statement s = c.createStatement()) {
            assertEquals("permission denied to set session authorization \"pz_other\"",
                    messageOf(denied(s, "set session authorization pz_other")));
            s.execute("set session authorization pz_user");
        }
        superuser(server, "drop table pz_t; drop role pz_user, pz_other");
    }

    /** A revoke reaches a session that already ran the statement, once it commits (and not before). */
    @ParameterizedTest
    @ValueSource(strings = {"pg", "tusk"})
    void aRevokeReachesAnOpenSessionAtCommit(String server) throws Exception {
        superuser(server, "create role pa_user login; create table pa_t (id int, v text); insert into pa_t values (1, 'one');"
                + " grant select on pa_t to pa_user");
        try (Connection user = as(server, "pa_user"); Connection su = as(server, "postgres");
             java.sql.PreparedStatement ps = user.prepareStatement("select v from pa_t where id = ?");
             Statement simple = user.createStatement(); Statement admin = su.createStatement()) {
            ps.setInt(1, 1);
            for (int i = 0; i < 6; i++) { // past the driver's threshold for server-side prepared statements
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                }
            }
            assertEquals("one", one(simple, "select v from pa_t"));
            su.setAutoCommit(false);
            admin.execute("revoke select on pa_t from pa_user");
            assertEquals("one", one(simple, "select v from pa_t"), "not yet committed");
            su.commit();
            SQLException e = assertThrows(SQLException.class, ps::executeQuery);
            assertEquals("42501", e.getSQLState());
            denied(simple, "select v from pa_t");
            admin.execute("grant select on pa_t to pa_user");
            su.rollback();
            denied(simple, "select v from pa_t");
            admin.execute("grant select on pa_t to pa_user");
            su.commit();
            assertEquals("one", one(simple, "select v from pa_t"));
            su.setAutoCommit(true);
        }
        superuser(server, "drop table pa_t; drop role pa_user");
    }

    @ParameterizedTest
    @ValueSource(strings = {"pg", "tusk"})
    void badGrantsAreRefusedAsPostgresDoes(String server) throws Exception {
        superuser(server, "create table pb_t (i int); create sequence pb_s");
        try (Connection c = as(server, "postgres"); Statement s = c.createStatement()) {
            assertEquals("42704", assertThrows(SQLException.class, () -> s.execute("grant select on pb_t to pb_nobody")).getSQLState());
            assertEquals("0LP01", assertThrows(SQLException.class, () -> s.execute("grant usage on pb_t to public")).getSQLState());
            assertEquals("42809", assertThrows(SQLException.class, () -> s.execute("grant select on sequence pb_t to public")).getSQLState());
            assertEquals("42P01", assertThrows(SQLException.class, () -> s.execute("grant select on pb_nosuch to public")).getSQLState());
            assertEquals("0LP01", assertThrows(SQLException.class,
                    () -> s.execute("grant select on pb_t to public with grant option")).getSQLState());
            assertEquals("22023", assertThrows(SQLException.class,
                    () -> s.execute("select has_table_privilege('pb_t', 'frob')")).getSQLState());
            s.execute("grant insert on pb_s to public");
            assertTrue(s.getWarnings().getMessage().contains("only supports USAGE, SELECT, and UPDATE privileges"));
        }
        superuser(server, "drop table pb_t; drop sequence pb_s");
    }
}
