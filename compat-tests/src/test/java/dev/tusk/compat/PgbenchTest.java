package dev.tusk.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The real pgbench against Tusk: server-side initialization, then the TPC-B-like script for ten
 * seconds with four clients in each query mode, with no failed transaction and balances that agree.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PgbenchTest extends TuskOnly {

    @Test
    @Order(0)
    void initializesWithClientSideCopy() throws Exception {
        // pgbench's default initialization at scale 10: a million accounts through COPY FROM STDIN
        String out = pgbench("-i", "-s", "10");
        assertTrue(out.contains("client-side generate"), out);
        try (Connection c = DriverManager.getConnection(tusk.jdbcUrl("postgres"));
             ResultSet rs = c.createStatement().executeQuery("select count(*), sum(abalance) from pgbench_accounts")) {
            rs.next();
            assertEquals(1_000_000, rs.getInt(1));
            assertEquals(0, rs.getInt(2));
        }
    }

    @Test
    @Order(1)
    void initializesWithServerSideGeneration() throws Exception {
        String out = pgbench("-i", "-s", "1", "-I", "dtGvp");
        assertTrue(out.contains("done in"), out);
        try (Connection c = DriverManager.getConnection(tusk.jdbcUrl("postgres"));
             ResultSet rs = c.createStatement().executeQuery("select count(*) from pgbench_accounts")) {
            rs.next();
            assertEquals(100_000, rs.getInt(1));
        }
    }

    @ParameterizedTest
    @Order(2)
    @ValueSource(strings = {"simple", "extended", "prepared"})
    void runsTheDefaultScriptWithoutFailures(String mode) throws Exception {
        String out = pgbench("-c", "4", "-T", "10", "-M", mode);
        Matcher processed = Pattern.compile("number of transactions actually processed: (\\d+)").matcher(out);
        assertTrue(processed.find(), out);
        assertTrue(Integer.parseInt(processed.group(1)) > 0, out);
        assertTrue(out.contains("number of failed transactions: 0 (0.000%)"), out);
        Matcher tps = Pattern.compile("tps = ([0-9.]+)").matcher(out);
        System.out.println("pgbench -M " + mode + " -c 4 -T 10 against Tusk: " + processed.group(1)
                + " transactions, tps = " + (tps.find() ? tps.group(1) : "?"));
        try (Connection c = DriverManager.getConnection(tusk.jdbcUrl("postgres"));
             ResultSet rs = c.createStatement().executeQuery("select (select sum(abalance) from pgbench_accounts),"
                     + " (select sum(bbalance) from pgbench_branches), (select sum(tbalance) from pgbench_tellers)")) {
            rs.next();
            assertEquals(rs.getLong(1), rs.getLong(2), "accounts and branches agree");
            assertEquals(rs.getLong(2), rs.getLong(3), "branches and tellers agree");
        }
    }

    private static String pgbench(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("pgbench", "-h", "127.0.0.1", "-p", Integer.toString(tusk.port()),
                "-U", "postgres"));
        cmd.addAll(List.of(args));
        cmd.add("postgres");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
