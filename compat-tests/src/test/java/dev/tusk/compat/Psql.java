package dev.tusk.compat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real psql (PostgreSQL 15's client) against a server and returns everything it printed. */
final class Psql {
    private Psql() {
    }

    /** Runs a script file with its input echoed (-a), errors not stopping it, no psqlrc. */
    static String runFile(String host, int port, String database, Path script) throws IOException, InterruptedException {
        return run(host, port, database, List.of("-a", "-f", script.toString()));
    }

    static String command(String host, int port, String database, String sql) throws IOException, InterruptedException {
        return run(host, port, database, List.of("-c", sql));
    }

    static String run(String host, int port, String database, List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("psql", "-X", "-h", host, "-p", Integer.toString(port), "-U", "postgres",
                "-d", database, "-v", "VERBOSITY=default"));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("PGTZ", "UTC");
        pb.environment().remove("PGOPTIONS");
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("psql did not finish");
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
