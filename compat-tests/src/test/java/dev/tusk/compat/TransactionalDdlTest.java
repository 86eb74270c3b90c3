package dev.tusk.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * DDL inside transaction blocks as migration tools send it, through pgjdbc, same assertions on
 * PostgreSQL 15 and Tusk: a table created, constrained, indexed and commented in one block vanishes
 * with a rollback; COMMENT ON an existing table is undone by a rollback and kept by a commit.
 */
class TransactionalDdlTest extends BothServers {

    private static Connection connect(String server) throws SQLException {
        return DriverManager.getConnection(server.equals("pg") ? pg.jdbcUrl("postgres") : tusk.jdbcUrl("postgres"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"pg", "tusk"})
    void everythingDoneToANewTableRollsBackWithIt(String server) throws Exception {
        try (Connection c = connect(server); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("create table ddl_new (id int not null, code text)");
            s.execute("alter table ddl_new add constraint ddl_new_pk primary key (id)");
            s.execute("alter table ddl_new add constraint ddl_new_code unique (code)");
            s.execute("create index on ddl_new (code)");
            s.execute("comment on table ddl_new is 'gone soon'");
            s.execute("comment on column ddl_new.code is 'also gone'");
            c.rollback();
            try (ResultSet rs = s.executeQuery("select count(*) from pg_class where relname like 'ddl_new%'")) {
                rs.next();
                assertEquals(0, rs.getInt(1));
            }
            c.commit();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"pg", "tusk"})
    void commentOnAnExistingTableFollowsTheTransaction(String server) throws Exception {
        try (Connection c = connect(server); Statement s = c.createStatement()) {
            s.execute("create table ddl_commented (id int)");
            s.execute("comment on table ddl_commented is 'first'");
            c.setAutoCommit(false);
            s.execute("comment on table ddl_commented is 'second'");
            assertEquals("second", comment(s));
            c.rollback();
            assertEquals("first", comment(s));
            s.execute("comment on table ddl_commented is null");
            c.commit();
            assertFalse(hasComment(s));
        }
    }

    private static String comment(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("select d.description from pg_description d join pg_class c on c.oid = d.objoid"
                + " where c.relname = 'ddl_commented' and d.objsubid = 0")) {
            assertTrue(rs.next());
            return rs.getString(1);
        }
    }

    private static boolean hasComment(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("select 1 from pg_description d join pg_class c on c.oid = d.objoid"
                + " where c.relname = 'ddl_commented'")) {
            return rs.next();
        }
    }
}
