package dev.tusk.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * REPEATABLE READ and SERIALIZABLE keep every acknowledged update, with the same assertions against
 * PostgreSQL 15 and Tusk (through pgjdbc): a read-modify-write counter with rollbacks ends with
 * exactly the committed increments (the conflicts fail with 40001 and are retried), a bank's total
 * never changes and no balance changes inside one reading transaction, and a transaction waiting
 * for a row another one holds fails when that one commits and goes on when it rolls back.
 */
class IsolationTest extends BothServers {

    private static Connection connect(String server, int isolation) throws SQLException {
        String url = server.equals("pg") ? pg.jdbcUrl("postgres") : tusk.jdbcUrl("postgres");
        Connection c = DriverManager.getConnection(url);
        c.setTransactionIsolation(isolation);
        c.setAutoCommit(false);
        return c;
    }

    private static int level(String name) {
        return name.equals("serializable") ? Connection.TRANSACTION_SERIALIZABLE : Connection.TRANSACTION_REPEATABLE_READ;
    }

    private static void setUp(String server, String sql) throws SQLException {
        try (Connection c = connect(server, Connection.TRANSACTION_READ_COMMITTED); Statement s = c.createStatement()) {
            for (String statement : sql.split(";")) {
                s.execute(statement);
            }
            c.commit();
        }
    }

    @ParameterizedTest
    @CsvSource({"pg, repeatable read", "tusk, repeatable read", "pg, serializable", "tusk, serializable"})
    void readModifyWriteLosesNoIncrement(String server, String isolation) throws Exception {
        String table = "counter_" + isolation.replace(' ', '_');
        setUp(server, "create table " + table + " (id int primary key, n bigint); insert into " + table + " values (1, 0)");
        AtomicInteger committed = new AtomicInteger();
        AtomicInteger conflicts = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            workers.add(pool.submit(() -> {
                try (Connection c = connect(server, level(isolation));
                     PreparedStatement read = c.prepareStatement("select n from " + table + " where id = 1");
                     PreparedStatement write = c.prepareStatement("update " + table + " set n = ? where id = 1")) {
                    for (int i = 0; i < 150; i++) {
                        try {
                            long n;
                            try (ResultSet rs = read.executeQuery()) {
                                rs.next();
                                n = rs.getLong(1);
                            }
                            write.setLong(1, n + 1);
                            write.executeUpdate();
                            if (ThreadLocalRandom.current().nextInt(7) == 0) {
                                c.rollback(); // on purpose: this increment must not count
                            } else {
                                c.commit();
                                committed.incrementAndGet();
                            }
                        } catch (SQLException e) {
                            assertEquals("40001", e.getSQLState(), e.getMessage());
                            conflicts.incrementAndGet();
                            c.rollback(); // and the client retries with the next iteration
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : workers) {
            f.get(5, TimeUnit.MINUTES);
        }
        pool.shutdown();
        try (Connection c = connect(server, Connection.TRANSACTION_READ_COMMITTED); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select n from " + table)) {
            rs.next();
            assertEquals(committed.get(), rs.getLong(1), "committed increments, conflicts: " + conflicts.get());
        }
        assertTrue(conflicts.get() > 0, "eight writers of one row must conflict");
    }

    /** What a client retries: serialization failures, deadlocks, and PostgreSQL's SSI running out of conflict slots. */
    private static boolean retryable(SQLException e) {
        return java.util.Set.of("40001", "40P01", "53200").contains(e.getSQLState());
    }

    @ParameterizedTest
    @CsvSource({"pg, repeatable read", "tusk, repeatable read", "pg, serializable", "tusk, serializable"})
    void bankTotalNeverChanges(String server, String isolation) throws Exception {
        String table = "bank_" + isolation.replace(' ', '_');
        StringBuilder sql = new StringBuilder("create table " + table + " (id int primary key, balance bigint)");
        for (int i = 0; i < 10; i++) {
            sql.append("; insert into ").append(table).append(" values (").append(i).append(", 1000)");
        }
        setUp(server, sql.toString());
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger transfers = new AtomicInteger();
        AtomicInteger checks = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(9);
        List<Future<?>> tasks = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            tasks.add(pool.submit(() -> {
                try (Connection c = connect(server, level(isolation));
                     PreparedStatement read = c.prepareStatement("select balance from " + table + " where id = ?");
                     PreparedStatement write = c.prepareStatement("update " + table + " set balance = ? where id = ?")) {
                    while (!stop.get()) {
                        int from = ThreadLocalRandom.current().nextInt(10);
                        int to = (from + 1 + ThreadLocalRandom.current().nextInt(9)) % 10;
                        int amount = ThreadLocalRandom.current().nextInt(1, 50);
                        try {
                            long[] balances = new long[2];
                            int[] ids = {from, to};
                            for (int k = 0; k < 2; k++) {
                                read.setInt(1, ids[k]);
                                try (ResultSet rs = read.executeQuery()) {
                                    rs.next();
                                    balances[k] = rs.getLong(1);
                                }
                            }
                            for (int k = 0; k < 2; k++) {
                                write.setLong(1, balances[k] + (k == 0 ? -amount : amount));
                                write.setInt(2, ids[k]);
                                write.executeUpdate();
                            }
                            c.commit();
                            transfers.incrementAndGet();
                        } catch (SQLException e) {
                            assertTrue(retryable(e), e.getSQLState() + " " + e.getMessage());
                            c.rollback();
                        }
                    }
                }
                return null;
            }));
        }
        tasks.add(pool.submit(() -> {
            try (Connection c = connect(server, level(isolation)); Statement s = c.createStatement()) {
                while (!stop.get()) {
                    long total = 0;
                    long[] first = new long[10];
                    try {
                        try (ResultSet rs = s.executeQuery("select id, balance from " + table + " order by id")) {
                            while (rs.next()) {
                                first[rs.getInt(1)] = rs.getLong(2);
                                total += rs.getLong(2);
                            }
                        }
                        assertEquals(10_000, total, "the bank's total");
                        try (ResultSet rs = s.executeQuery("select id, balance from " + table + " order by id")) {
                            while (rs.next()) {
                                assertEquals(first[rs.getInt(1)], rs.getLong(2), "a balance changed inside one transaction");
                            }
                        }
                        c.commit();
                        checks.incrementAndGet();
                    } catch (SQLException e) {
                        assertTrue(retryable(e), e.getSQLState() + " " + e.getMessage());
                        c.rollback();
                    }
                }
            }
            return null;
        }));
        Thread.sleep(20_000);
        stop.set(true);
        for (Future<?> f : tasks) {
            f.get(1, TimeUnit.MINUTES);
        }
        pool.shutdown();
        try (Connection c = connect(server, Connection.TRANSACTION_READ_COMMITTED); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select sum(balance) from " + table)) {
            rs.next();
            assertEquals(10_000, rs.getLong(1));
        }
        assertTrue(transfers.get() > 100 && checks.get() > 10, transfers + " transfers, " + checks + " checks");
    }

    @ParameterizedTest
    @CsvSource({"pg, repeatable read", "tusk, repeatable read", "pg, serializable", "tusk, serializable"})
    void aWaitingUpdateFailsIfTheOtherCommitsAndGoesOnIfItRollsBack(String server, String isolation) throws Exception {
        String table = "wait_" + isolation.replace(' ', '_');
        setUp(server, "create table " + table + " (id int primary key, n int); insert into " + table + " values (1, 0)");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        for (boolean otherCommits : new boolean[] {true, false}) {
            try (Connection waiter = connect(server, level(isolation)); Connection holder = connect(server, level(isolation));
                 Statement w = waiter.createStatement(); Statement h = holder.createStatement()) {
                w.executeQuery("select n from " + table).close(); // the waiter's snapshot
                h.executeUpdate("update " + table + " set n = n + 10 where id = 1");
                Future<Integer> waiting = pool.submit(() -> w.executeUpdate("update " + table + " set n = n + 1 where id = 1"));
                Thread.sleep(300);
                assertTrue(!waiting.isDone(), "the update waits for the row's holder");
                if (otherCommits) {
                    holder.commit();
                    java.util.concurrent.ExecutionException failed = assertThrows(java.util.concurrent.ExecutionException.class,
                            () -> waiting.get(30, TimeUnit.SECONDS));
                    SQLException e = (SQLException) failed.getCause();
                    assertEquals("40001", e.getSQLState());
                    assertEquals("ERROR: could not serialize access due to concurrent update", e.getMessage());
                    waiter.rollback();
                } else {
                    holder.rollback();
                    assertEquals(1, waiting.get(30, TimeUnit.SECONDS));
                    waiter.commit();
                }
            }
        }
        pool.shutdown();
        try (Connection c = connect(server, Connection.TRANSACTION_READ_COMMITTED); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select n from " + table)) {
            rs.next();
            assertEquals(11, rs.getInt(1)); // the first holder's 10, then the second waiter's 1
        }
    }

    /** One snapshot for all tables, from the first statement: a table read only later does not show a commit made since. */
    @ParameterizedTest
    @CsvSource({"pg, repeatable read", "tusk, repeatable read", "pg, serializable", "tusk, serializable"})
    void theSnapshotCoversTablesReadLater(String server, String isolation) throws Exception {
        String suffix = isolation.replace(' ', '_');
        setUp(server, "create table first_" + suffix + " (n int); insert into first_" + suffix + " values (1);"
                + " create table later_" + suffix + " (n int); insert into later_" + suffix + " values (1)");
        try (Connection reader = connect(server, level(isolation)); Connection writer = connect(server, Connection.TRANSACTION_READ_COMMITTED);
             Statement r = reader.createStatement(); Statement w = writer.createStatement()) {
            r.executeQuery("select n from first_" + suffix).close();
            w.executeUpdate("update later_" + suffix + " set n = 2");
            writer.commit();
            try (ResultSet rs = r.executeQuery("select n from later_" + suffix)) {
                rs.next();
                assertEquals(1, rs.getInt(1), "committed after the reader's first statement");
            }
            reader.commit();
            try (ResultSet rs = r.executeQuery("select n from later_" + suffix)) {
                rs.next();
                assertEquals(2, rs.getInt(1), "the next transaction sees it");
            }
        }
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"pg", "tusk"})
    void transactionModesAreSetAsPostgresSetsThem(String server) throws Exception {
        try (Connection c = connect(server, Connection.TRANSACTION_READ_COMMITTED); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            s.execute("begin isolation level repeatable read, read write");
            assertEquals("repeatable read", show(s, "transaction_isolation"));
            s.execute("select 1");
            SQLException late = assertThrows(SQLException.class, () -> s.execute("set transaction isolation level serializable"));
            assertEquals("25001", late.getSQLState());
            assertEquals("ERROR: SET TRANSACTION ISOLATION LEVEL must be called before any query", late.getMessage());
            s.execute("rollback");
            assertEquals("read committed", show(s, "transaction_isolation"));
            s.execute("set session characteristics as transaction isolation level serializable");
            assertEquals("serializable", show(s, "default_transaction_isolation"));
            s.execute("start transaction");
            assertEquals("serializable", show(s, "transaction_isolation"));
            s.execute("set transaction isolation level repeatable read");
            assertEquals("repeatable read", show(s, "transaction_isolation"));
            s.execute("commit");
            SQLException bad = assertThrows(SQLException.class, () -> s.execute("begin isolation level sometimes"));
            assertEquals("42601", bad.getSQLState());
        }
    }

    private static String show(Statement s, String setting) throws SQLException {
        try (ResultSet rs = s.executeQuery("show " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
