package dev.tusk.jmh.driver;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Tusk's driver against pgjdbc on the same server in the same run (jmh/bin/side-by-side starts the
 * servers and passes their ports): connect (trust and SCRAM-SHA-256), prepared point select, a
 * 1,000,000-row fetch with a fetch size, a 100,000-row batch insert and a single-row insert-commit.
 * Run with -t 1 and -t 8 for one and eight concurrent clients.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
public class DriverBenchmark {
    static final int POINT_ROWS = 10_000;
    static final int FETCH_ROWS = 1_000_000;
    static final int BATCH_ROWS = 100_000;

    @Param({"tusk", "pgjdbc"})
    public String driver;

    /** jdbc URL host:port of the server under test, e.g. 127.0.0.1:5432. */
    @Param("127.0.0.1:5432")
    public String server;

    private final AtomicInteger threadIds = new AtomicInteger();

    String url() {
        String scheme = driver.equals("tusk") ? "jdbc:tusk://" : "jdbc:postgresql://";
        return scheme + server + "/postgres?user=postgres";
    }

    @Setup(Level.Trial)
    public void createTables() throws SQLException {
        try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement()) {
            s.execute("create table if not exists bench_point (id int primary key, v text)");
            try (ResultSet rs = s.executeQuery("select count(*) from bench_point")) {
                rs.next();
                if (rs.getInt(1) == 0) {
                    s.execute("insert into bench_point select g, 'value ' || g from generate_series(1, " + POINT_ROWS + ") g");
                }
            }
            s.execute("create table if not exists bench_fetch (id int, v text)");
            try (ResultSet rs = s.executeQuery("select count(*) from bench_fetch")) {
                rs.next();
                if (rs.getInt(1) == 0) {
                    s.execute("insert into bench_fetch select g, 'row ' || g from generate_series(1, " + FETCH_ROWS + ") g");
                }
            }
            s.execute("create table if not exists bench_insert (id bigint, v text)");
        }
    }

    /** One client's connection and statements. */
    @State(Scope.Thread)
    public static class Client {
        Connection conn;
        PreparedStatement point;
        PreparedStatement insert;
        String batchTable;

        @Setup(Level.Trial)
        public void open(DriverBenchmark b) throws SQLException {
            conn = DriverManager.getConnection(b.url());
            point = conn.prepareStatement("select id, v from bench_point where id = ?");
            insert = conn.prepareStatement("insert into bench_insert values (?, ?)");
            batchTable = "bench_batch_" + b.driver + "_" + b.threadIds.incrementAndGet();
            try (Statement s = conn.createStatement()) {
                s.execute("drop table if exists " + batchTable);
                s.execute("create table " + batchTable + " (id int, v text)");
            }
        }

        @TearDown(Level.Trial)
        public void close() throws SQLException {
            try (Statement s = conn.createStatement()) {
                s.execute("drop table if exists " + batchTable);
            }
            conn.close();
        }
    }

    @Benchmark
    public void connect() throws SQLException {
        DriverManager.getConnection(url()).close();
    }

    /** Connect, authenticate with SCRAM-SHA-256 (role bench_scram, which side-by-side sets up) and close. */
    @Benchmark
    public void connectScram() throws SQLException {
        DriverManager.getConnection(url().replace("user=postgres", "user=bench_scram&password=bench")).close();
    }

    @Benchmark
    public void pointSelect(Client c, Blackhole bh) throws SQLException {
        c.point.setInt(1, 1 + ThreadLocalRandom.current().nextInt(POINT_ROWS));
        try (ResultSet rs = c.point.executeQuery()) {
            rs.next();
            bh.consume(rs.getInt(1));
            bh.consume(rs.getString(2));
        }
    }

    @Benchmark
    public void insertCommit(Client c) throws SQLException {
        c.insert.setLong(1, ThreadLocalRandom.current().nextLong());
        c.insert.setString(2, "x");
        c.insert.executeUpdate();
    }

    @Benchmark
    public long fetchMillionRows(Client c, Blackhole bh) throws SQLException {
        c.conn.setAutoCommit(false);
        long n = 0;
        try (Statement s = c.conn.createStatement()) {
            s.setFetchSize(10_000);
            try (ResultSet rs = s.executeQuery("select id, v from bench_fetch")) {
                while (rs.next()) {
                    bh.consume(rs.getInt(1));
                    bh.consume(rs.getString(2));
                    n++;
                }
            }
        } finally {
            c.conn.commit();
            c.conn.setAutoCommit(true);
        }
        return n;
    }

    @Benchmark
    public void batchInsert100k(Client c) throws SQLException {
        try (PreparedStatement ps = c.conn.prepareStatement("insert into " + c.batchTable + " values (?, ?)")) {
            for (int i = 0; i < BATCH_ROWS; i++) {
                ps.setInt(1, i);
                ps.setString(2, "batch row");
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (Statement s = c.conn.createStatement()) {
            s.execute("truncate " + c.batchTable);
        }
    }
}
