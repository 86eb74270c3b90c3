package dev.tusk.compat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Types;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * pgjdbc (the real PostgreSQL JDBC driver) against Tusk, in each of its query modes: the subclasses
 * say which connection options to use; the assertions are the same.
 */
abstract class PgjdbcTestBase {
    private static TuskServer tusk;

    /** Connection options appended to the URL. */
    abstract String options();

    @BeforeAll
    static void start() throws Exception {
        tusk = TuskServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        tusk.close();
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(tusk.jdbcUrl("postgres") + options());
    }

    /** Table names unique to the subclass, as all share one server per class. */
    String t(String name) {
        return name + "_" + getClass().getSimpleName().toLowerCase();
    }

    @Test
    void ddlDmlAndQueriesWithParameters() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("create table " + t("jdbc_items") + " (id int primary key, name text, price numeric(8,2), seen timestamp)");
            try (PreparedStatement ps = c.prepareStatement("insert into " + t("jdbc_items") + " values (?, ?, ?, ?)")) {
                for (int i = 1; i <= 3; i++) {
                    ps.setInt(1, i);
                    ps.setString(2, "item " + i + " it's");
                    ps.setBigDecimal(3, new BigDecimal("1.25").multiply(BigDecimal.valueOf(i)));
                    ps.setTimestamp(4, java.sql.Timestamp.valueOf("2024-01-0" + i + " 10:00:00"));
                    assertEquals(1, ps.executeUpdate());
                }
            }
            try (PreparedStatement ps = c.prepareStatement("select id, name, price, seen from " + t("jdbc_items") + " where id >= ? order by id")) {
                ps.setInt(1, 2);
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals(2, rs.getInt(1));
                    assertEquals("item 2 it's", rs.getString(2));
                    assertEquals(new BigDecimal("2.50"), rs.getBigDecimal(3));
                    assertEquals(java.sql.Timestamp.valueOf("2024-01-02 10:00:00"), rs.getTimestamp(4));
                    assertEquals(Types.INTEGER, rs.getMetaData().getColumnType(1));
                    assertEquals(Types.NUMERIC, rs.getMetaData().getColumnType(3));
                    assertTrue(rs.next());
                    assertFalse(rs.next());
                }
            }
            assertEquals(3, s.executeUpdate("update " + t("jdbc_items") + " set name = upper(name)"));
        }
    }

    @Test
    void transactionsRollbackAndSavepoints() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("create table " + t("jdbc_tx") + " (id int primary key)");
            c.setAutoCommit(false);
            s.execute("insert into " + t("jdbc_tx") + " values (1)");
            c.commit();
            s.execute("insert into " + t("jdbc_tx") + " values (2)");
            Savepoint sp = c.setSavepoint();
            s.execute("insert into " + t("jdbc_tx") + " values (3)");
            c.rollback(sp);
            s.execute("insert into " + t("jdbc_tx") + " values (4)");
            c.commit();
            s.execute("insert into " + t("jdbc_tx") + " values (5)");
            c.rollback();
            c.setAutoCommit(true);
            try (ResultSet rs = s.executeQuery("select string_agg(cast(id as text), ',' order by id) from " + t("jdbc_tx"))) {
                rs.next();
                assertEquals("1,2,4", rs.getString(1));
            }
        }
    }

    @Test
    void errorsCarryPostgresSqlStates() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            SQLException e = assertThrows(SQLException.class, () -> s.executeQuery("select * from no_such_table"));
            assertEquals("42P01", e.getSQLState());
            s.execute("create table " + t("jdbc_uniq") + " (id int primary key)");
            s.execute("insert into " + t("jdbc_uniq") + " values (1)");
            e = assertThrows(SQLException.class, () -> s.execute("insert into " + t("jdbc_uniq") + " values (1)"));
            assertEquals("23505", e.getSQLState());
            c.setAutoCommit(false);
            assertThrows(SQLException.class, () -> s.execute("select 1/0"));
            e = assertThrows(SQLException.class, () -> s.execute("select 1"));
            assertEquals("25P02", e.getSQLState());
            c.rollback();
            assertTrue(s.execute("select 1"));
        }
    }

    @Test
    void typesReadBackThroughGetters() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select true, 2::smallint, 3::bigint, 1.5::float8, date '2024-02-29', "
                     + "'x'::text, array[1,2,3], null::int")) {
            assertTrue(rs.next());
            assertTrue(rs.getBoolean(1));
            assertEquals(2, rs.getShort(2));
            assertEquals(3L, rs.getLong(3));
            assertEquals(1.5, rs.getDouble(4));
            assertEquals(java.sql.Date.valueOf("2024-02-29"), rs.getDate(5));
            assertEquals("x", rs.getString(6));
            assertArrayEquals(new Integer[] {1, 2, 3}, (Integer[]) rs.getArray(7).getArray());
            rs.getInt(8);
            assertTrue(rs.wasNull());
        }
    }

    @Test
    void sessionInformationMatchesTheConnection() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select current_database(), current_user, pg_backend_pid(), version()")) {
            rs.next();
            assertEquals("postgres", rs.getString(1));
            assertEquals("postgres", rs.getString(2));
            assertEquals(((org.postgresql.PGConnection) c).getBackendPID(), rs.getInt(3));
            assertTrue(rs.getString(4).startsWith("PostgreSQL 15"));
        }
    }
}
