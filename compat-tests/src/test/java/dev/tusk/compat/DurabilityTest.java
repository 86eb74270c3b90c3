package dev.tusk.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tusk.server.datadir.InitDb;
import dev.tusk.server.engine.h2.H2Engine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Kills a Tusk server process with SIGKILL while clients commit, restarts it, and checks that every
 * acknowledged commit survived and no transaction survived in part.
 */
class DurabilityTest {
    private static final int PAIR_OFFSET = 1_000_000;

    @Test
    void acknowledgedCommitsSurviveKillNine() throws Exception {
        Path dir = Files.createTempDirectory("tusk-kill-");
        Path data = dir.resolve("data");
        InitDb.run(data, "postgres", null, "trust", "trust", d -> new H2Engine(d, true));
        int port = Ports.free();
        Files.writeString(data.resolve("postgresql.conf"), "\nunix_socket_directories = ''\nlisten_addresses = '127.0.0.1'\n"
                + "port = " + port + "\n", StandardOpenOption.APPEND);
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres&preferQueryMode=simple";

        Process server = startServer(data, dir.resolve("log1"), url);
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("create table ledger (id int primary key, side text)");
        }
        Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger next = new AtomicInteger(1);
        List<Thread> clients = new java.util.ArrayList<>();
        for (int t = 0; t < 4; t++) {
            clients.add(Thread.ofPlatform().start(() -> commitUntilFailure(url, next, acknowledged)));
        }
        Thread.sleep(2500);
        server.destroyForcibly(); // SIGKILL: no shutdown, no flush
        server.waitFor();
        for (Thread t : clients) {
            t.join();
        }
        assertTrue(acknowledged.size() > 50, "the clients committed (" + acknowledged.size() + ")");

        server = startServer(data, dir.resolve("log2"), url);
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select id from ledger")) {
            Set<Integer> present = new HashSet<>();
            while (rs.next()) {
                present.add(rs.getInt(1));
            }
            for (int id : acknowledged) {
                assertTrue(present.contains(id) && present.contains(id + PAIR_OFFSET), "acknowledged commit " + id + " lost");
            }
            for (int id : present) {
                int pair = id >= PAIR_OFFSET ? id - PAIR_OFFSET : id + PAIR_OFFSET;
                assertTrue(present.contains(pair), "half a transaction survived: " + id);
            }
            System.out.printf("kill -9 durability: %d acknowledged commits, all %d rows present after restart%n",
                    acknowledged.size(), present.size());
            assertEquals(0, present.size() % 2);
        } finally {
            server.destroy();
            server.waitFor();
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** Each transaction inserts a pair of rows; only a commit that returned counts as acknowledged. */
    private static void commitUntilFailure(String url, AtomicInteger next, Set<Integer> acknowledged) {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            while (true) {
                int id = next.getAndIncrement();
                s.execute("insert into ledger values (" + id + ", 'a')");
                s.execute("insert into ledger values (" + (id + PAIR_OFFSET) + ", 'b')");
                c.commit();
                acknowledged.add(id);
            }
        } catch (SQLException e) {
            // the server was killed
        }
    }

    private static Process startServer(Path data, Path log, String url) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "dev.tusk.server.cli.Tusk",
                "start", "-D", data.toString(), "--allow-root")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        for (int i = 0; i < 300; i++) {
            try (Connection c = DriverManager.getConnection(url)) {
                return p;
            } catch (SQLException e) {
                if (!p.isAlive()) {
                    throw new IOException("server exited: " + Files.readString(log));
                }
                Thread.sleep(50);
            }
        }
        throw new IOException("server did not start: " + Files.readString(log));
    }
}
