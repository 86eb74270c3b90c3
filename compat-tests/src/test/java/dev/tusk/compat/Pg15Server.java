package dev.tusk.compat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A throwaway PostgreSQL 15 for comparisons: initdb into a temporary directory and postgres on a
 * free port with its socket in that directory, run as the {@code postgres} OS user when the tests
 * run as root (PostgreSQL refuses root). Stopped with an immediate shutdown, then deleted.
 */
final class Pg15Server implements AutoCloseable {
    static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");

    final Path dir;
    final int port;
    private final Process process;

    private Pg15Server(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    static Pg15Server start() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("pg15-");
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Path data = dir.resolve("data");
        asPostgres(dir, List.of("chown", "-R", "postgres", dir.toString()));
        run(asPostgresCommand(List.of(BIN.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres",
                "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C")));
        int port = Ports.free();
        Process p = new ProcessBuilder(asPostgresCommand(List.of(BIN.resolve("postgres").toString(), "-D", data.toString(),
                "-p", Integer.toString(port), "-k", dir.toString(), "-c", "listen_addresses=127.0.0.1",
                "-c", "fsync=off", "-c", "TimeZone=UTC")))
                .redirectErrorStream(true).redirectOutput(dir.resolve("log").toFile()).start();
        Pg15Server s = new Pg15Server(dir, port, p);
        for (int i = 0; i < 200; i++) {
            if (Files.exists(dir.resolve(".s.PGSQL." + port))) {
                Thread.sleep(100);
                return s;
            }
            if (!p.isAlive()) {
                throw new IOException("postgres exited: " + Files.readString(dir.resolve("log")));
            }
            Thread.sleep(50);
        }
        s.close();
        throw new IOException("postgres did not start: " + Files.readString(dir.resolve("log")));
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres";
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static List<String> asPostgresCommand(List<String> cmd) {
        if (!isRoot()) {
            return cmd;
        }
        List<String> c = new java.util.ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        c.addAll(cmd);
        return c;
    }

    private static void asPostgres(Path dir, List<String> chown) throws IOException, InterruptedException {
        if (isRoot()) {
            run(chown);
        }
    }

    private static void run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
    }

    @Override
    public void close() throws IOException {
        process.destroy(); // SIGTERM: smart shutdown
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
