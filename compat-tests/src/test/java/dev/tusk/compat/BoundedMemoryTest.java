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

    /**
     * A runaway recursive query in a 128 MiB server: it fails with 53200 "out of memory" (the
     * postmaster's memory guard cancels it), and a session that was open all along, and the
     * database, go on working.
     */
    @Test
    void aRunawayQueryFailsWithOutOfMemoryAndOthersGoOn() throws Exception {
        try (TuskProcess server = TuskProcess.create("-Xmx128m")) {
            server.start();
            try (Connection bystander = DriverManager.getConnection(server.jdbcUrl(""));
                 Connection runaway = DriverManager.getConnection(server.jdbcUrl(""));
                 Statement b = bystander.createStatement(); Statement r = runaway.createStatement()) {
                b.execute("create table bystander (n int)");
                b.execute("insert into bystander values (1)");
                java.sql.SQLException e = org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class, () -> r.executeQuery(
                        "with recursive r(n, s) as (select 1, repeat('x', 1000) union all select n + 1, s from r) select count(*) from r"));
                assertEquals("53200", e.getSQLState(), e.getMessage());
                b.execute("insert into bystander values (2)");
                try (ResultSet rs = b.executeQuery("select count(*) from bystander")) {
                    rs.next();
                    assertEquals(2, rs.getInt(1));
                }
                try (ResultSet rs = r.executeQuery("select 1")) {
                    assertTrue(rs.next(), "the runaway's own session goes on too");
                }
                // one allocation larger than the heap (the engine folds the constant while planning)
                java.sql.SQLException huge = org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class,
                        () -> r.executeQuery("select length(repeat('x', 200000000))"));
                assertEquals("53200", huge.getSQLState(), huge.getMessage());
                try (ResultSet rs = r.executeQuery("select count(*) from bystander")) {
                    assertTrue(rs.next(), "and its session still goes on");
                    assertEquals(2, rs.getInt(1));
                }
            }
            assertTrue(server.isAlive(), "the server survived");
        }
    }
}
