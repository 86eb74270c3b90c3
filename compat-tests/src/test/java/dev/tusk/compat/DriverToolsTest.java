package dev.tusk.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tusk.driver.TuskDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Software no one here wrote, using Tusk's driver against both servers: HikariCP and sqlline. */
class DriverToolsTest extends BothServers {

    @ParameterizedTest
    @ValueSource(strings = {"pg", "tusk"})
    void hikariPoolsTheDriverUnderLoad(String server) throws Exception {
        try (Connection c = TuskDriverTest.connect(server); Statement s = c.createStatement()) {
            // One counter row per thread: this tests the pool; one hot row is ConcurrentUpdateTest's job.
            s.execute("create table pool_counter (id int primary key, n bigint)");
            s.execute("insert into pool_counter select g, 0 from generate_series(0, 15) g");
            s.execute("create table pool_log (thread int, i int)");
        }
        HikariConfig cfg = new HikariConfig();
        TuskDataSource ds = new TuskDataSource();
        ds.setUrl(TuskDriverTest.url(server, ""));
        cfg.setDataSource(ds);
        cfg.setMaximumPoolSize(8);
        cfg.setAutoCommit(true);
        cfg.setLeakDetectionThreshold(10_000);
        cfg.setConnectionTimeout(10_000);
        int threads = 16;
        int perThread = 250;
        AtomicInteger dirty = new AtomicInteger();
        try (HikariDataSource pool = new HikariDataSource(cfg)) {
            ExecutorService ex = Executors.newFixedThreadPool(threads);
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int me = t;
                fs.add(ex.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        try (Connection c = pool.getConnection()) {
                            // Whatever the previous borrower left, Hikari must have reset it.
                            if (!c.getAutoCommit() || c.isReadOnly()) {
                                dirty.incrementAndGet();
                            }
                            c.setAutoCommit(false);
                            if (i % 10 == 0) {
                                c.setReadOnly(false);
                            }
                            try (PreparedStatement ps = c.prepareStatement("update pool_counter set n = n + 1 where id = ?")) {
                                ps.setInt(1, me);
                                ps.executeUpdate();
                            }
                            try (PreparedStatement ps = c.prepareStatement("insert into pool_log values (?, ?)")) {
                                ps.setInt(1, me);
                                ps.setInt(2, i);
                                ps.executeUpdate();
                            }
                            if ((me + i) % 7 == 0) {
                                c.rollback();
                            } else {
                                c.commit();
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : fs) {
                f.get(120, TimeUnit.SECONDS);
            }
            ex.shutdown();
            int committed = 0;
            for (int t = 0; t < threads; t++) {
                for (int i = 0; i < perThread; i++) {
                    if ((t + i) % 7 != 0) {
                        committed++;
                    }
                }
            }
            try (Connection c = pool.getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select (select sum(n) from pool_counter), (select count(*) from pool_log)")) {
                assertTrue(rs.next());
                assertEquals(committed, rs.getLong(1));
                assertEquals(committed, rs.getLong(2));
                assertTrue(c.isValid(1));
            }
            assertEquals(0, dirty.get());
            assertEquals(0, pool.getHikariPoolMXBean().getActiveConnections());
        }
        try (Connection c = TuskDriverTest.connect(server); Statement s = c.createStatement()) {
            s.execute("drop table pool_counter");
            s.execute("drop table pool_log");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"pg", "tusk"})
    void sqllineListsAndDescribesTables(String server) throws Exception {
        try (Connection c = TuskDriverTest.connect(server); Statement s = c.createStatement()) {
            s.execute("create table sqlline_items (id int primary key, label varchar(30) not null, price numeric(8,2))");
        }
        Path script = Files.createTempFile("sqlline", ".sql");
        Files.writeString(script, "!tables\n!columns sqlline_items\n!describe sqlline_items\n"
                + "select id, label from sqlline_items;\n!quit\n");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), "sqlline.SqlLine",
                "-d", "dev.tusk.driver.TuskDriver", "-u", TuskDriverTest.url(server, ""), "-n", "postgres", "-p", "",
                "--run=" + script, "--color=false", "--outputFormat=csv", "--maxWidth=400")
                .redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        Files.delete(script);
        assertTrue(out.contains("sqlline_items"), out);
        assertTrue(out.contains("label") && out.contains("varchar"), out);
        assertTrue(out.contains("price") && out.contains("numeric"), out);
        assertTrue(!out.contains("Error:") && !out.contains("SQLException"), out);
        try (Connection c = TuskDriverTest.connect(server); Statement s = c.createStatement()) {
            s.execute("drop table sqlline_items");
        }
    }
}
