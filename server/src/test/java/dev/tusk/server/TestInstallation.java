package dev.tusk.server;

import dev.tusk.server.datadir.InitDb;
import dev.tusk.server.engine.h2.H2Engine;
import dev.tusk.server.postmaster.Postmaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;

/** A throwaway installation with a running postmaster on a free port, its Unix socket in the same temp directory. */
public final class TestInstallation implements AutoCloseable {
    public final Path dir;
    public final Path data;
    public final Postmaster postmaster;

    private TestInstallation(Path dir, Path data, Postmaster postmaster) {
        this.dir = dir;
        this.data = data;
        this.postmaster = postmaster;
    }

    public static TestInstallation start() throws IOException {
        return start("");
    }

    /** extraConfig is appended to postgresql.conf before the start. */
    public static TestInstallation start(String extraConfig) throws IOException {
        Path dir = Files.createTempDirectory("tusk-test-");
        Path data = dir.resolve("data");
        InitDb.run(data, "tusk", null, "trust", "trust", d -> new H2Engine(d, false));
        Files.writeString(data.resolve("postgresql.conf"), "\nunix_socket_directories = '" + dir + "'\n"
                + "listen_addresses = '127.0.0.1'\nport = 0\n" + extraConfig + "\n", StandardOpenOption.APPEND);
        return new TestInstallation(dir, data, Postmaster.start(data, null));
    }

    public int port() {
        return postmaster.port();
    }

    public WireClient connect() throws IOException {
        return WireClient.tcp(port(), "tusk", "postgres");
    }

    @Override
    public void close() throws IOException {
        postmaster.close();
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
