package dev.tusk.server.engine.h2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The engine with only Tusk's {@link StoreLock}: eight transactions increment one row, one in seven
 * rolls back, and each commit is followed by a 1 ms pause (as a group commit's fsync wait makes it).
 * READ COMMITTED must not lose an increment. With a plain {@code rollback()} H2 2.4.240 (and 2.5.252)
 * loses a few in nearly every run: a rollback racing another session's store commit restores the
 * old value twice, the second time over an update committed in between.
 */
class H2LostUpdateTest {
    @Test
    void concurrentIncrementsWithRollbacksAreAllKept() throws Exception {
        Path dir = Files.createTempDirectory("h2-lost-update");
        String url = "jdbc:h2:file:" + dir.resolve("db") + ";WRITE_DELAY=0;LOCK_TIMEOUT=100000";
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("create table counter (id int primary key, n bigint)");
            s.execute("insert into counter values (1, 0)");
        }
        ExecutorService ex = Executors.newFixedThreadPool(8);
        List<Future<Integer>> commits = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            commits.add(ex.submit(() -> {
                int n = 0;
                try (Connection c = DriverManager.getConnection(url)) {
                    c.setAutoCommit(false);
                    StoreLock storeLock = StoreLock.of(c);
                    PreparedStatement ps = c.prepareStatement("update counter set n = n + 1 where id = 1");
                    for (int i = 0; i < 500; i++) {
                        ps.executeUpdate();
                        if (i % 7 == 0) {
                            storeLock.rollback(c);
                        } else {
                            c.commit();
                            n++;
                            Thread.sleep(1);
                        }
                    }
                }
                return n;
            }));
        }
        int expected = 0;
        for (Future<Integer> f : commits) {
            expected += f.get();
        }
        ex.shutdown();
        try (Connection c = DriverManager.getConnection(url); ResultSet rs = c.createStatement().executeQuery("select n from counter")) {
            rs.next();
            assertEquals(expected, rs.getLong(1));
        }
    }
}
