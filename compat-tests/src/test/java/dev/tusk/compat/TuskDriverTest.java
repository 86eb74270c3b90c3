package dev.tusk.compat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tusk.driver.TuskConnection;
import dev.tusk.driver.TuskNotification;
import dev.tusk.driver.TuskSQLException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTimeoutException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tusk's JDBC driver, one suite run twice with the same assertions: against a real PostgreSQL 15
 * and against Tusk. Each test takes the server's name and makes its own tables.
 */
class TuskDriverTest extends BothServers {

    static String url(String server, String options) {
        int port = server.equals("pg") ? pg.port : tusk.port();
        return "jdbc:tusk://127.0.0.1:" + port + "/postgres?user=postgres" + options;
    }

    static Connection connect(String server) throws SQLException {
        return DriverManager.getConnection(url(server, ""));
    }

    static Connection connect(String server, String options) throws SQLException {
        return DriverManager.getConnection(url(server, options));
    }

    @ParameterizedTest
    @ValueSource(strings = {"pg", "tusk"})
    void connectsOverTcpAndUnixSocket(String server) throws Exception {
        try (Connection c = connect(server); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select 1 + 1")) {
            assertTrue(rs.next());
            assertEquals(2, rs.getInt(1));
            assertTrue(c.unwrap(TuskConnection.class).getBackendPid() > 0);
            assertTrue(c.isValid(1));
        }
        String dir = server.equals("pg") ? pg.dir.toString() : tusk.dir.toString();
        try (Connection c = connect(server, "&unixSocketDirectory=" + dir); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select current_user")) {
            assertTrue(rs.next());
            assertEquals("postgres", rs.getString(1));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"pg", "tusk"})
    void typesRoundTripInEveryMode(String server) throws Exception {
        for (String options : List.of("", "&prepareThreshold=1", "&prepareThreshold=0", "&prepareThreshold=1&binaryTransfer=false")) {
            try (Connection c = connect(server, options); Statement s = c.createStatement()) {
                String t = "drv_types_" + server + "_" + Math.abs(options.hashCode());
                s.execute("create table " + t + " (i int, b bigint, sm smallint, r real, d double precision, n numeric(12,3),"
                        + " tx text, vc varchar(20), bo boolean, by bytea, da date, ts timestamp, tz timestamptz, u uuid, j jsonb,"
                        + " ia int[])");
                UUID u = UUID.randomUUID();
                try (PreparedStatement ps = c.prepareStatement("insert into " + t + " values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?::jsonb,?)")) {
                    for (int k = 0; k < 3; k++) {
                        ps.setInt(1, 42 + k);
                        ps.setLong(2, 9_000_000_000L);
                        ps.setShort(3, (short) 7);
                        ps.setFloat(4, 1.5f);
                        ps.setDouble(5, Math.PI);
                        ps.setBigDecimal(6, new BigDecimal("1234.567"));
                        ps.setString(7, "it's \"quoted\" ü");
                        ps.setString(8, "short");
                        ps.setBoolean(9, true);
                        ps.setBytes(10, new byte[] {0, 1, (byte) 0xff});
                        ps.setObject(11, LocalDate.of(2024, 2, 29));
                        ps.setObject(12, LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_456_000));
                        ps.setObject(13, OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC));
                        ps.setObject(14, u);
                        ps.setString(15, "{\"a\": [1, 2]}");
                        ps.setArray(16, c.createArrayOf("int4", new Integer[] {1, null, 3}));
                        assertEquals(1, ps.executeUpdate());
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("select * from " + t + " where i = ?")) {
                    for (int k = 0; k < 3; k++) {
                        ps.setInt(1, 42 + k);
                        try (ResultSet rs = ps.executeQuery()) {
                            assertTrue(rs.next(), options);
                            assertEquals(42 + k, rs.getInt("i"));
                            assertEquals(9_000_000_000L, rs.getLong(2));
                            assertEquals(7, rs.getShort(3));
                            assertEquals(1.5f, rs.getFloat(4));
                            assertEquals(Math.PI, rs.getDouble(5));
                            assertEquals(new BigDecimal("1234.567"), rs.getBigDecimal(6));
                            assertEquals("it's \"quoted\" ü", rs.getString(7));
                            assertEquals("short", rs.getObject(8));
                            assertEquals(Boolean.TRUE, rs.getObject(9));
                            assertArrayEquals(new byte[] {0, 1, (byte) 0xff}, rs.getBytes(10));
                            assertEquals(LocalDate.of(2024, 2, 29), rs.getObject(11, LocalDate.class));
                            assertEquals(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_456_000), rs.getObject(12, LocalDateTime.class));
                            assertEquals(OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC).toInstant(),
                                    rs.getObject(13, OffsetDateTime.class).toInstant());
                            assertEquals(u, rs.getObject(14));
                            assertEquals("{\"a\": [1, 2]}", rs.getString(15));
                            assertArrayEquals(new Integer[] {1, null, 3}, (Object[]) rs.getArray(16).getArray());
                            assertEquals(Integer.class, rs.getObject(1).getClass());
                            assertEquals(java.sql.Types.NUMERIC, rs.getMetaData().getColumnType(6));
                            assertEquals("int4", rs.getMetaData().getColumnTypeName(1));
                            assertFalse(rs.next());
                        }
                    }
                }
                try (ResultSet rs = s.executeQuery("select null::int, 'x'")) {
                    assertTrue(rs.next());
                    assertEquals(0, rs.getInt(1));
                    assertTrue(rs.wasNull());
                    assertNull(rs.getObject(1));
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"pg", "tusk"})
    void batchesGeneratedKeysAndMultipleResults(String server) throws Exception {
        try (Connection c = connect(server); Statement s = c.createStatement()) {
            s.execute("create table drv_batch (id serial primary key, v text)");
            try (PreparedStatement ps = c.prepareStatement("insert into drv_batch (v) values (?)")) {
                for (int i = 0; i < 20_000; i++) {
                    ps.setString(1, "v" + i);
                    ps.addBatch();
                }
                int[] counts = ps.executeBatch();
                assertEquals(20_000, counts.length);
                assertEquals(1, counts[19_999]);
            }
            try (ResultSet rs = s.executeQuery("select count(*), count(distinct v) from drv_batch")) {
                assertTrue(rs.next());
                assertEquals(20_000, rs.getLong(1));
                assertEquals(20_000, rs.getLong(2));
            }
            try (PreparedStatement ps = c.prepareStatement("insert into drv_batch (v) values (?)", Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, "keyed");
                assertEquals(1, ps.executeUpdate());
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    assertTrue(keys.next());
                    assertEquals(20_001, keys.getInt("id"));
                }
                // a batch returns each row's key too
                for (int i = 0; i < 3; i++) {
                    ps.setString(1, "batch-keyed");
                    ps.addBatch();
                }
                assertArrayEquals(new int[] {1, 1, 1}, ps.executeBatch());
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    for (int id = 20_002; id <= 20_004; id++) {
                        assertTrue(keys.next());
                        assertEquals(id, keys.getInt("id"));
                    }
                    assertFalse(keys.next());
                }
            }
            // A failing entry aborts the whole batch (one implicit transaction), as with pgjdbc.
            try (PreparedStatement ps = c.prepareStatement("insert into drv_batch (id, v) values (?, ?)")) {
                ps.setInt(1, 30_000);
                ps.setString(2, "new");
                ps.addBatch();
                ps.setInt(1, 1);
                ps.setString(2, "duplicate");
                ps.addBatch();
                BatchUpdateException e = assertThrows(BatchUpdateException.class, ps::executeBatch);
                assertEquals("23505", e.getSQLState());
            }
            try (ResultSet rs = s.executeQuery("select count(*) from drv_batch where id = 30000")) {
                assertTrue(rs.next());
                assertEquals(0, rs.getInt(1));
            }
            assertTrue(s.execute("select 1; update drv_batch set v = v where id <= 3; select 'two'"));
            assertEquals(1, s.getResultSet().getMetaData().getColumnCount());
            assertFalse(s.getMoreResults());
            assertEquals(3, s.getUpdateCount());
            assertTrue(s.getMoreResults());
            ResultSet last = s.getResultSet();
            assertTrue(last.next());
            assertEquals("two", last.getString(1));
            assertFalse(s.getMoreResults());
            assertEquals(-1, s.getUpdateCount());
            s.execute("drop table drv_batch");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"pg", "tusk"})
    void batchedInsertsTravelAsMultiRowInsertsWithTheSameResults(String server) throws Exception {
        for (String options : new String[] {"", "&reWriteBatchedInserts=false"}) {
            try (Connection c = connect(server, options); Statement s = c.createStatement()) {
                s.execute("create table drv_multi (id int primary key, n int, v text, d date)");
                try (PreparedStatement ps = c.prepareStatement("insert into drv_multi (id, n, v, d) values (?, ?, upper(?), ?)")) {
                    for (int i = 0; i < 300; i++) { // two full statements of 128 rows and one of 44
                        ps.setInt(1, i);
                        if (i % 7 == 0) {
                            ps.setNull(2, java.sql.Types.INTEGER); // a parameter's type changes within the batch
                        } else {
                            ps.setLong(2, i * 10L);
                        }
                        ps.setString(3, "v" + i);
                        ps.setObject(4, java.time.LocalDate.of(2026, 1, 1).plusDays(i));
                        ps.addBatch();
                    }
                    int[] counts = ps.executeBatch();
                    assertEquals(300, counts.length);
                    assertTrue(java.util.Arrays.stream(counts).allMatch(n -> n == 1), options);
                }
                try (ResultSet rs = s.executeQuery("select count(*), count(n), sum(id), max(v), max(d) from drv_multi")) {
                    assertTrue(rs.next());
                    assertEquals(300, rs.getInt(1));
                    assertEquals(300 - 43, rs.getInt(2));
                    assertEquals(299 * 300 / 2, rs.getInt(3));
                    assertEquals("V99", rs.getString(4));
                    assertEquals(java.time.LocalDate.of(2026, 1, 1).plusDays(299), rs.getObject(5, java.time.LocalDate.class));
                }
                // a duplicate in row 200 fails the batch, which is one transaction: nothing of it stays
                try (PreparedStatement ps = c.prepareStatement("insert into drv_multi (id, v) values (?, ?)")) {
                    for (int i = 0; i < 300; i++) {
                        ps.setInt(1, i == 200 ? 5 : 1000 + i);
                        ps.setString(2, "again");
                        ps.addBatch();
                    }
                    BatchUpdateException e = assertThrows(BatchUpdateException.class, ps::executeBatch);
                    assertEquals("23505", e.getSQLState());
                    assertTrue(e.getUpdateCounts().length <= 200, options + ": " + e.getUpdateCounts().length);
                }
                try (ResultSet rs = s.executeQuery("select count(*) from drv_multi where v = 'again'")) {
                    assertTrue(rs.next());
                    assertEquals(0, rs.getInt(1));
                }
                // ON CONFLICT DO NOTHING keeps one execution per row: each count says whether its row went in
                try (PreparedStatement ps = c.prepareStatement("insert into drv_multi (id) values (?) on conflict do nothing")) {
                    for (int id : new int[] {0, 5000, 1, 5001}) {
                        ps.setInt(1, id);
                        ps.addBatch();
                    }
                    assertArrayEquals(new int[] {0, 1, 0, 1}, ps.executeBatch());
                }
                s.execute("drop table drv_multi");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"pg", "tusk"})
    void fetchSizeStreamsThroughAPortal(String server) throws Exception {
        try (Connection c = connect(server)) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("select g, repeat('x', 20) from generate_series(1, 100000) g")) {
                ps.setFetchSize(1000);
                long sum = 0;
                int n = 0;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sum += rs.getInt(1);
                        n++;
                    }
                }
                assertEquals(100_000, n);
                assertEquals(5_000_050_000L, sum);
            }
            c.commit();
            try (Statement s = c.createStatement()) {
                s.setMaxRows(5);
                try (ResultSet rs = s.executeQuery("select g from generate_series(1, 100) g")) {
                    int n = 0;
                    while (rs.next()) {
                        n++;
                    }
                    assertEquals(5, n);
                }
            }
            c.rollback();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"pg", "tusk"})
    void transactionsSavepointsAndErrors(String server) throws Exception {
        try (Connection c = connect(server); Statement s = c.createStatement()) {
            s.execute("create table drv_tx (id int primary key)");
            c.setAutoCommit(false);
            s.execute("insert into drv_tx values (1)");
            c.commit();
            s.execute("insert into drv_tx values (2)");
            Savepoint sp = c.setSavepoint();
            s.execute("insert into drv_tx values (3)");
            c.rollback(sp);
            s.execute("insert into drv_tx values (4)");
            c.rollback();
            s.execute("insert into drv_tx values (5)");
            SQLException dup = assertThrows(SQLException.class, () -> s.execute("insert into drv_tx values (1)"));
            assertInstanceOf(SQLIntegrityConstraintViolationException.class, dup);
            assertEquals("23505", dup.getSQLState());
            assertNotNull(((TuskSQLException.ServerError) dup).serverErrorMessage().detail());
            SQLException aborted = assertThrows(SQLException.class, () -> s.execute("select 1"));
            assertEquals("25P02", aborted.getSQLState());
            SQLException commitFailed = assertThrows(SQLException.class, c::commit);
            assertEquals("25P02", commitFailed.getSQLState(), "a failed transaction cannot commit: the server rolled it back");
            c.rollback();
            c.setAutoCommit(true);
            List<Integer> ids = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("select id from drv_tx order by id")) {
                while (rs.next()) {
                    ids.add(rs.getInt(1));
                }
            }
            assertEquals(List.of(1), ids);
            SQLException syntax = assertThrows(SQLException.class, () -> s.execute("selec 1"));
            assertInstanceOf(SQLSyntaxErrorException.class, syntax);
            assertEquals("42601", syntax.getSQLState());
            s.execute("drop table drv_tx");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"pg", "tusk"})
    void namedStatementsSurviveSchemaChanges(String server) throws Exception {
        try (Connection c = connect(server, "&prepareThreshold=1"); Statement s = c.createStatement()) {
            s.execute("create table drv_shape (a int)");
            s.execute("insert into drv_shape values (1)");
            try (PreparedStatement ps = c.prepareStatement("select * from drv_shape")) {
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals(1, rs.getMetaData().getColumnCount());
                }
                s.execute("alter table drv_shape add column b text default 'x'");
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals(2, rs.getMetaData().getColumnCount());
                    assertEquals("x", rs.getString(2));
                }
            }
            s.execute("drop table drv_shape");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"pg", "tusk"})
    void queryTimeoutCancels(String server) throws Exception {
        try (Connection c = connect(server); Statement s = c.createStatement()) {
            s.setQueryTimeout(1);
            SQLException e = assertThrows(SQLException.class, () -> s.execute("select pg_sleep(5)"));
            assertInstanceOf(SQLTimeoutException.class, e);
            assertEquals("57014", e.getSQLState());
            s.setQueryTimeout(0);
            try (ResultSet rs = s.executeQuery("select 7")) {
                assertTrue(rs.next());
                assertEquals(7, rs.getInt(1));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"pg", "tusk"})
    void copyInAndOut(String server) throws Exception {
        try (Connection c = connect(server); Statement s = c.createStatement()) {
            s.execute("create table drv_copy (id int, name text)");
            TuskConnection tc = c.unwrap(TuskConnection.class);
            StringBuilder data = new StringBuilder();
            for (int i = 0; i < 10_000; i++) {
                data.append(i).append('\t').append("name ").append(i).append('\n');
            }
            assertEquals(10_000, tc.copyIn("copy drv_copy from stdin",
                    new ByteArrayInputStream(data.toString().getBytes(StandardCharsets.UTF_8))));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertEquals(10_000, tc.copyOut("copy (select * from drv_copy order by id) to stdout", out));
            assertEquals(data.toString(), out.toString(StandardCharsets.UTF_8));
            SQLException bad = assertThrows(SQLException.class, () -> tc.copyIn("copy drv_copy from stdin",
                    new ByteArrayInputStream("1\tok\nnot-a-number\tx\n".getBytes(StandardCharsets.UTF_8))));
            assertEquals("22P02", bad.getSQLState());
            try (ResultSet rs = s.executeQuery("select count(*) from drv_copy")) {
                assertTrue(rs.next());
                assertEquals(10_000, rs.getInt(1));
            }
            s.execute("drop table drv_copy");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"pg", "tusk"})
    void notificationsPolledAndPushed(String server) throws Exception {
        String unix = "&unixSocketDirectory=" + (server.equals("pg") ? pg.dir : tusk.dir);
        // the pushed ones over the Unix socket: an idle channel must be watched there too
        try (Connection listener = connect(server); Connection pusher = connect(server, unix); Connection sender = connect(server)) {
            try (Statement s = listener.createStatement()) {
                s.execute("listen drv_polled");
            }
            List<TuskNotification> pushed = new CopyOnWriteArrayList<>();
            try (Statement s = pusher.createStatement()) {
                s.execute("listen drv_pushed");
            }
            pusher.unwrap(TuskConnection.class).addNotificationListener(pushed::add);
            try (Statement s = sender.createStatement()) {
                s.execute("notify drv_polled, 'one'");
                s.execute("notify drv_pushed, 'two'");
                sender.setAutoCommit(false);
                s.execute("notify drv_polled, 'rolled back'");
                sender.rollback();
                sender.setAutoCommit(true);
            }
            List<TuskNotification> got = listener.unwrap(TuskConnection.class).getNotifications(5000);
            assertEquals(1, got.size());
            assertEquals("drv_polled", got.get(0).channel());
            assertEquals("one", got.get(0).payload());
            for (int i = 0; i < 100 && pushed.isEmpty(); i++) {
                Thread.sleep(50); // the pusher connection issues no query: delivery must come by itself
            }
            assertEquals(1, pushed.size());
            assertEquals("two", pushed.get(0).payload());
            assertTrue(listener.unwrap(TuskConnection.class).getNotifications(200).isEmpty());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"pg", "tusk"})
    void oneConnectionSharedByThreads(String server) throws Exception {
        try (Connection c = connect(server, "&prepareThreshold=1")) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<Long>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int base = t * 1000;
                results.add(pool.submit(() -> {
                    long sum = 0;
                    for (int i = 0; i < 200; i++) {
                        try (PreparedStatement ps = c.prepareStatement("select ?::int + 1")) {
                            ps.setInt(1, base + i);
                            try (ResultSet rs = ps.executeQuery()) {
                                rs.next();
                                sum += rs.getInt(1);
                            }
                        }
                    }
                    return sum;
                }));
            }
            for (int t = 0; t < 8; t++) {
                long expected = 0;
                for (int i = 0; i < 200; i++) {
                    expected += t * 1000 + i + 1;
                }
                assertEquals(expected, results.get(t).get(30, TimeUnit.SECONDS));
            }
            pool.shutdown();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"pg", "tusk"})
    void databaseMetaDataFromPgCatalog(String server) throws Exception {
        try (Connection c = connect(server); Statement s = c.createStatement()) {
            s.execute("create table drv_meta (id int primary key, name varchar(40) not null, price numeric(8,2))");
            DatabaseMetaData md = c.getMetaData();
            assertEquals("PostgreSQL", md.getDatabaseProductName());
            assertEquals(15, md.getDatabaseMajorVersion());
            try (ResultSet rs = md.getTables(null, "public", "drv_meta", new String[] {"TABLE"})) {
                assertTrue(rs.next());
                assertEquals("drv_meta", rs.getString("TABLE_NAME"));
                assertEquals("TABLE", rs.getString("TABLE_TYPE"));
                assertFalse(rs.next());
            }
            List<String> cols = new ArrayList<>();
            try (ResultSet rs = md.getColumns(null, "public", "drv_meta", "%")) {
                while (rs.next()) {
                    cols.add(rs.getString("COLUMN_NAME") + " " + rs.getString("TYPE_NAME") + " " + rs.getInt("COLUMN_SIZE")
                            + " " + rs.getString("IS_NULLABLE"));
                }
            }
            assertEquals(List.of("id int4 10 NO", "name varchar 40 NO", "price numeric 8 YES"), cols);
            try (ResultSet rs = md.getPrimaryKeys(null, "public", "drv_meta")) {
                assertTrue(rs.next());
                assertEquals("id", rs.getString("COLUMN_NAME"));
                assertEquals("drv_meta_pkey", rs.getString("PK_NAME"));
            }
            try (ResultSet rs = md.getSchemas()) {
                List<String> schemas = new ArrayList<>();
                while (rs.next()) {
                    schemas.add(rs.getString(1));
                }
                assertTrue(schemas.contains("public"));
                assertTrue(schemas.contains("pg_catalog"));
            }
            s.execute("create table drv_meta_child (id int primary key, meta_id int references drv_meta (id))");
            s.execute("create index drv_meta_name on drv_meta (name)");
            try (ResultSet rs = md.getImportedKeys(null, "public", "drv_meta_child")) {
                assertTrue(rs.next());
                assertEquals("drv_meta", rs.getString("PKTABLE_NAME"));
                assertEquals("id", rs.getString("PKCOLUMN_NAME"));
                assertEquals("meta_id", rs.getString("FKCOLUMN_NAME"));
                assertFalse(rs.next());
            }
            try (ResultSet rs = md.getExportedKeys(null, "public", "drv_meta")) {
                assertTrue(rs.next());
                assertEquals("drv_meta_child", rs.getString("FKTABLE_NAME"));
            }
            List<String> indexes = new ArrayList<>();
            try (ResultSet rs = md.getIndexInfo(null, "public", "drv_meta", false, true)) {
                while (rs.next()) {
                    indexes.add(rs.getString("INDEX_NAME") + " " + rs.getString("COLUMN_NAME") + " " + rs.getBoolean("NON_UNIQUE"));
                }
            }
            assertEquals(List.of("drv_meta_pkey id false", "drv_meta_name name true"), indexes);
            try (ResultSet rs = md.getCatalogs()) {
                assertTrue(rs.next());
                assertEquals("postgres", rs.getString(1));
            }
            List<String> tableTypes = new ArrayList<>();
            try (ResultSet rs = md.getTableTypes()) {
                while (rs.next()) {
                    tableTypes.add(rs.getString(1));
                }
            }
            assertTrue(tableTypes.contains("TABLE") && tableTypes.contains("VIEW"));
            List<String> typeNames = new ArrayList<>();
            try (ResultSet rs = md.getTypeInfo()) {
                while (rs.next()) {
                    typeNames.add(rs.getString("TYPE_NAME"));
                }
            }
            assertTrue(typeNames.containsAll(List.of("int4", "text", "numeric", "timestamptz", "bool")), typeNames.toString());
            try (ResultSet rs = md.getFunctions(null, "pg_catalog", "nosuchfunction%")) {
                assertFalse(rs.next());
            }
            try (ResultSet rs = md.getProcedures(null, "public", "%")) {
                assertEquals(9, rs.getMetaData().getColumnCount());
            }
            s.execute("drop table drv_meta_child");
            s.execute("drop table drv_meta");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"pg", "tusk"})
    void scrollableResultsCallableAndMetaData(String server) throws Exception {
        try (Connection c = connect(server);
             Statement s = c.createStatement(ResultSet.TYPE_SCROLL_INSENSITIVE, ResultSet.CONCUR_READ_ONLY);
             ResultSet rs = s.executeQuery("select g::int4, g::int4 * 2 as twice from generate_series(1, 5) g")) {
            assertTrue(rs.last());
            assertEquals(5, rs.getRow());
            assertTrue(rs.absolute(2));
            assertEquals(4, rs.getInt("twice"));
            assertTrue(rs.previous());
            assertEquals(1, rs.getInt(1));
            assertFalse(rs.previous());
            assertTrue(rs.isBeforeFirst());
            assertTrue(rs.relative(3));
            assertEquals(3, rs.getInt(1));
            assertEquals("twice", rs.getMetaData().getColumnLabel(2));
            assertEquals("java.lang.Integer", rs.getMetaData().getColumnClassName(1));
        }
        try (Connection c = connect(server); java.sql.CallableStatement cs = c.prepareCall("{? = call upper(?)}")) {
            cs.registerOutParameter(1, java.sql.Types.VARCHAR);
            cs.setString(2, "shout");
            cs.execute();
            assertEquals("SHOUT", cs.getString(1));
        }
        try (Connection c = connect(server); PreparedStatement ps = c.prepareStatement("select ?::int4 + 1 as next, 'x'::text as label")) {
            assertEquals(2, ps.getMetaData().getColumnCount());
            assertEquals("next", ps.getMetaData().getColumnName(1));
            assertEquals(java.sql.Types.INTEGER, ps.getParameterMetaData().getParameterType(1));
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select {fn ucase('a')}, {d '2024-01-02'}")) {
                assertTrue(rs.next());
                assertEquals("A", rs.getString(1));
                assertEquals(java.sql.Date.valueOf("2024-01-02"), rs.getDate(2));
            }
        }
    }
}
