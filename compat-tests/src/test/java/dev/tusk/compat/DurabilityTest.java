package dev.tusk.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        try (TuskProcess server = TuskProcess.create()) {
            String url = server.jdbcUrl("&preferQueryMode=simple");
            server.start();
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
            server.kill();
            for (Thread t : clients) {
                t.join();
            }
            assertTrue(acknowledged.size() > 50, "the clients committed (" + acknowledged.size() + ")");

            server.start();
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
}
