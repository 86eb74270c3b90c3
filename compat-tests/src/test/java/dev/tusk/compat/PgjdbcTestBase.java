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
import org.junit.jupiter.api.Test;

/**
 * pgjdbc (the real PostgreSQL JDBC driver) against Tusk, in each of its query modes: the subclasses
 * say which connection options to use; the assertions are the same.
 */
abstract class PgjdbcTestBase extends TuskOnly {

    /** Connection options appended to the URL. */
    abstract String options();

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

    @Test
    void batchesGeneratedKeysAndRewrittenBatches() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("create table " + t("jdbc_batch") + " (id serial primary key, v text)");
            try (PreparedStatement ps = c.prepareStatement("insert into " + t("jdbc_batch") + " (v) values (?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, "first");
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    assertTrue(keys.next());
                    assertEquals(1, keys.getInt("id"));
                }
            }
            try (PreparedStatement ps = c.prepareStatement("insert into " + t("jdbc_batch") + " (v) values (?)")) {
                for (int i = 0; i < 500; i++) {
                    ps.setString(1, "row " + i);
                    ps.addBatch();
                }
                int[] counts = ps.executeBatch();
                assertEquals(500, counts.length);
            }
            try (Connection rewrite = DriverManager.getConnection(tusk.jdbcUrl("postgres") + options()
                    + "&reWriteBatchedInserts=true");
                 PreparedStatement ps = rewrite.prepareStatement("insert into " + t("jdbc_batch") + " (v) values (?)")) {
                for (int i = 0; i < 300; i++) {
                    ps.setString(1, "rewritten " + i);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (ResultSet rs = s.executeQuery("select count(*), max(id) from " + t("jdbc_batch"))) {
                rs.next();
                assertEquals(801, rs.getInt(1));
                assertEquals(801, rs.getInt(2));
            }
        }
    }

    @Test
    void fetchSizeStreamsALargeResultInsideATransaction() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.setFetchSize(1000);
            long sum = 0;
            int n = 0;
            try (ResultSet rs = s.executeQuery("select g from generate_series(1, 100000) as g")) {
                while (rs.next()) {
                    sum += rs.getInt(1);
                    n++;
                }
            }
            assertEquals(100_000, n);
            assertEquals(5_000_050_000L, sum);
            c.commit();
        }
    }

    @Test
    void everyTypeRoundTripsThroughSetObjectAndGetObject() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("create table " + t("jdbc_types") + " (b boolean, i2 smallint, i4 integer, i8 bigint, f4 real,"
                    + " f8 double precision, n numeric(20,5), tx text, vc varchar(10), ch char(3), by bytea, d date,"
                    + " tm time, ts timestamp, tz timestamptz, u uuid, j jsonb, ia int[], ta text[])");
            java.util.UUID uuid = java.util.UUID.randomUUID();
            try (PreparedStatement ps = c.prepareStatement("insert into " + t("jdbc_types")
                    + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)")) {
                ps.setBoolean(1, true);
                ps.setShort(2, (short) -7);
                ps.setInt(3, 123456);
                ps.setLong(4, 9_000_000_000L);
                ps.setFloat(5, 1.25f);
                ps.setDouble(6, Math.PI);
                ps.setBigDecimal(7, new BigDecimal("12345.67891"));
                ps.setString(8, "text ünïcode");
                ps.setString(9, "short");
                ps.setString(10, "abc");
                ps.setBytes(11, new byte[] {0, 1, (byte) 0xff});
                ps.setObject(12, java.time.LocalDate.of(2024, 2, 29));
                ps.setObject(13, java.time.LocalTime.of(13, 45, 6, 250_000_000));
                ps.setObject(14, java.time.LocalDateTime.of(2024, 2, 29, 13, 45, 6, 123_456_000));
                ps.setObject(15, java.time.OffsetDateTime.parse("2024-06-01T12:00:00+02:00"));
                ps.setObject(16, uuid);
                ps.setString(17, "{\"a\": [1, 2]}");
                ps.setArray(18, c.createArrayOf("int4", new Integer[] {1, null, 3}));
                ps.setArray(19, c.createArrayOf("text", new String[] {"x", "y z"}));
                assertEquals(1, ps.executeUpdate());
            }
            for (int round = 0; round < 3; round++) { // beyond prepareThreshold, results may come in binary
                try (ResultSet rs = s.executeQuery("select * from " + t("jdbc_types"))) {
                    assertTrue(rs.next());
                    assertEquals(true, rs.getObject(1));
                    assertEquals(-7, rs.getShort(2));
                    assertEquals(123456, rs.getObject(3));
                    assertEquals(9_000_000_000L, rs.getObject(4));
                    assertEquals(1.25f, rs.getFloat(5));
                    assertEquals(Math.PI, rs.getDouble(6));
                    assertEquals(new BigDecimal("12345.67891"), rs.getBigDecimal(7));
                    assertEquals("text ünïcode", rs.getString(8));
                    assertEquals("short", rs.getString(9));
                    assertEquals("abc", rs.getString(10));
                    assertArrayEquals(new byte[] {0, 1, (byte) 0xff}, rs.getBytes(11));
                    assertEquals(java.time.LocalDate.of(2024, 2, 29), rs.getObject(12, java.time.LocalDate.class));
                    assertEquals(java.time.LocalTime.of(13, 45, 6, 250_000_000), rs.getObject(13, java.time.LocalTime.class));
                    assertEquals(java.time.LocalDateTime.of(2024, 2, 29, 13, 45, 6, 123_456_000),
                            rs.getObject(14, java.time.LocalDateTime.class));
                    assertEquals(java.time.OffsetDateTime.parse("2024-06-01T10:00:00Z").toInstant(),
                            rs.getObject(15, java.time.OffsetDateTime.class).toInstant());
                    assertEquals(uuid, rs.getObject(16));
                    assertEquals("{\"a\": [1, 2]}", rs.getString(17));
                    assertArrayEquals(new Integer[] {1, null, 3}, (Integer[]) rs.getArray(18).getArray());
                    assertArrayEquals(new String[] {"x", "y z"}, (String[]) rs.getArray(19).getArray());
                }
            }
        }
    }

    @Test
    void jsonNameOidTimetzAndNumericNanRoundTrip() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("create table " + t("jdbc_more_types") + " (j json, nm name, o oid, tt timetz, nn numeric)");
            java.time.OffsetTime tt = java.time.OffsetTime.parse("13:45:06.250001+02:00");
            try (PreparedStatement ps = c.prepareStatement("insert into " + t("jdbc_more_types")
                    + " values (?::json, ?, ?, ?, ?::numeric)")) {
                ps.setString(1, "{\"b\":1,  \"a\":[1,2]}");
                ps.setString(2, "pg_catalog");
                ps.setLong(3, 4_000_000_000L);
                ps.setObject(4, tt);
                ps.setString(5, "NaN");
                assertEquals(1, ps.executeUpdate());
            }
            for (int round = 0; round < 3; round++) { // beyond prepareThreshold, results may come in binary
                try (PreparedStatement ps = c.prepareStatement("select * from " + t("jdbc_more_types"));
                     ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals("json", rs.getMetaData().getColumnTypeName(1));
                    assertEquals("name", rs.getMetaData().getColumnTypeName(2));
                    assertEquals("oid", rs.getMetaData().getColumnTypeName(3));
                    assertEquals("timetz", rs.getMetaData().getColumnTypeName(4));
                    assertEquals("{\"b\":1,  \"a\":[1,2]}", rs.getString(1));
                    assertEquals("pg_catalog", rs.getString(2));
                    assertEquals(4_000_000_000L, rs.getLong(3));
                    assertEquals(tt, rs.getObject(4, java.time.OffsetTime.class));
                    assertTrue(Double.isNaN(rs.getDouble(5)));
                }
            }
        }
    }

    @Test
    void enumColumnsAreDescribedAsTheirTypeAndCheckTheirLabels() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("create type " + t("mood") + " as enum ('sad', 'ok')");
            s.execute("create table " + t("jdbc_enum") + " (id int, m " + t("mood") + ")");
            try (PreparedStatement ps = c.prepareStatement("insert into " + t("jdbc_enum") + " values (?, ?::" + t("mood") + ")")) {
                ps.setInt(1, 1);
                ps.setString(2, "ok");
                assertEquals(1, ps.executeUpdate());
                ps.setInt(1, 2);
                ps.setString(2, "grumpy");
                SQLException e = assertThrows(SQLException.class, ps::executeUpdate);
                assertEquals("22P02", e.getSQLState());
                assertTrue(e.getMessage().contains("invalid input value for enum " + t("mood") + ": \"grumpy\""), e.getMessage());
            }
            for (int round = 0; round < 3; round++) { // beyond prepareThreshold, results may come in binary
                try (PreparedStatement ps = c.prepareStatement("select m from " + t("jdbc_enum") + " where id = ?")) {
                    ps.setInt(1, 1);
                    try (ResultSet rs = ps.executeQuery()) {
                        assertTrue(rs.next());
                        assertEquals(t("mood"), rs.getMetaData().getColumnTypeName(1));
                        assertEquals("ok", rs.getString(1));
                        assertEquals("ok", String.valueOf(rs.getObject(1)));
                    }
                }
            }
        }
    }
}
