package dev.tusk.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A million rows in and out of a server whose heap is capped at 96 MiB: pgbench's default
 * initialization COPYs 1,000,000 rows in, and pgjdbc streams them back out with a fetch size.
 * Either would fail with OutOfMemoryError if the server held them in memory.
 */
class BoundedMemoryTest {

    @Test
    void aMillionRowsStreamThroughASmallHeap() throws Exception {
        try (TuskProcess server = TuskProcess.create("-Xmx96m")) {
            server.start();
            Process p = new ProcessBuilder("pgbench", "-h", "127.0.0.1", "-p", Integer.toString(server.port), "-U", "postgres",
                    "-i", "-s", "10", "postgres").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(120, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), out);
            System.out.println("pgbench -i -s 10 (COPY of 1,000,000 rows) into a 96 MiB server: "
                    + out.lines().filter(l -> l.startsWith("done")).findFirst().orElse(""));
            try (Connection c = DriverManager.getConnection(server.jdbcUrl("")); Statement s = c.createStatement()) {
                c.setAutoCommit(false);
                s.setFetchSize(5000);
                long rows = 0;
                long sum = 0;
                try (ResultSet rs = s.executeQuery("select aid, abalance from pgbench_accounts")) {
                    while (rs.next()) {
                        rows++;
                        sum += rs.getInt(1);
                    }
                }
                assertEquals(1_000_000, rows);
                assertEquals(500_000_500_000L, sum);
            }
            assertTrue(server.isAlive(), "the server survived");
        }
    }
}
