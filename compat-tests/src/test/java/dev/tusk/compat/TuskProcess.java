package dev.tusk.compat;

import dev.tusk.server.datadir.InitDb;
import dev.tusk.server.engine.h2.H2Engine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A Tusk server in its own JVM, started the way `tusk start` runs it, for tests that kill it or
 * bound its heap. The installation lives in a temporary directory with superuser "postgres".
 */
final class TuskProcess implements AutoCloseable {
    final Path dir;
    final Path data;
    final int port;
    private final List<String> jvmOptions;
    private Process process;
    private int starts;

    private TuskProcess(Path dir, Path data, int port, List<String> jvmOptions) {
        this.dir = dir;
        this.data = data;
        this.port = port;
        this.jvmOptions = jvmOptions;
    }

    static TuskProcess create(String... jvmOptions) throws IOException {
        Path dir = Files.createTempDirectory("tusk-proc-");
        Path data = dir.resolve("data");
        InitDb.run(data, "postgres", null, "trust", "trust", d -> new H2Engine(d, true));
        int port = Ports.free();
        Files.writeString(data.resolve("postgresql.conf"), "\nunix_socket_directories = ''\nlisten_addresses = '127.0.0.1'\n"
                + "port = " + port + "\n", StandardOpenOption.APPEND);
        return new TuskProcess(dir, data, port, List.of(jvmOptions));
    }

    String jdbcUrl(String options) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres" + options;
    }

    /** Starts the server and returns once it accepts connections. */
    void start() throws IOException, InterruptedException {
        start(List.of());
    }

    /** Starts it as a shell's background job would: with SIGINT ignored. */
    void startWithSigintIgnored() throws IOException, InterruptedException {
        start(List.of("sh", "-c", "trap '' INT; exec \"$@\"", "sh"));
    }

    private void start(List<String> prefix) throws IOException, InterruptedException {
        Path log = dir.resolve("log" + (++starts));
        List<String> cmd = new ArrayList<>(prefix);
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.tusk.server.cli.Tusk", "start", "-D",
                data.toString(), "--allow-root"));
        process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        for (int i = 0; i < 300; i++) {
            try (Connection c = DriverManager.getConnection(jdbcUrl(""))) {
                return;
            } catch (SQLException e) {
                if (!process.isAlive()) {
                    throw new IOException("server exited: " + Files.readString(log));
                }
                Thread.sleep(50);
            }
        }
        throw new IOException("server did not start: " + Files.readString(log));
    }

    /** The output of the latest start. */
    String log() throws IOException {
        return Files.readString(dir.resolve("log" + starts));
    }

    /** Runs {@code tusk stop -D data -m mode} in its own JVM, as a user would; its exit code. */
    int stop(String mode) throws IOException, InterruptedException {
        List<String> cmd = List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), "dev.tusk.server.cli.Tusk", "stop", "-D", data.toString(),
                "-m", mode);
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("stop.log").toFile())
                .start().waitFor();
    }

    /** Waits up to the given time for the server process to end. */
    boolean awaitExit(long seconds) throws InterruptedException {
        return process.waitFor(seconds, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** SIGKILL: no shutdown, no flush. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    @Override
    public void close() throws Exception {
        if (process != null) {
            process.destroy();
            process.waitFor();
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
