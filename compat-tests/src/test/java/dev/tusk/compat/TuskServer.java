package dev.tusk.compat;

import dev.tusk.server.datadir.InitDb;
import dev.tusk.server.engine.h2.H2Engine;
import dev.tusk.server.postmaster.Postmaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A throwaway Tusk installation and postmaster, in this JVM: initdb into a temporary directory
 * with superuser "postgres" (as the PostgreSQL the tests compare with), then a postmaster on a free
 * port with its Unix socket in the same directory.
 */
final class TuskServer implements AutoCloseable {
    final Path dir;
    final Postmaster postmaster;

    private TuskServer(Path dir, Postmaster postmaster) {
        this.dir = dir;
        this.postmaster = postmaster;
    }

    static TuskServer start() throws IOException {
        return start("trust", null);
    }

    /** An installation whose TCP connections authenticate with hostMethod, the superuser having this password. */
    static TuskServer start(String hostMethod, String password) throws IOException {
        Path dir = Files.createTempDirectory("tusk-");
        Path data = dir.resolve("data");
        InitDb.run(data, "postgres", password, "trust", hostMethod, d -> new H2Engine(d, true));
        int port = Ports.free();
        Files.writeString(data.resolve("postgresql.conf"), "\nunix_socket_directories = '" + dir + "'\n"
                + "listen_addresses = '127.0.0.1'\n", java.nio.file.StandardOpenOption.APPEND);
        return new TuskServer(dir, Postmaster.start(data, port));
    }

    /**
     * An installation with TLS on (initdb --ssl's self-signed certificate for localhost) whose TCP
     * connections must be encrypted: hostssl lines only, SCRAM-SHA-256 with the superuser's password.
     */
    static TuskServer startWithTls(String password) throws IOException {
        Path dir = Files.createTempDirectory("tusk-tls-");
        Path data = dir.resolve("data");
        InitDb.run(data, "postgres", password, "trust", "scram-sha-256", d -> new H2Engine(d, true));
        dev.tusk.server.datadir.SelfSignedCertificate.create(data);
        Files.writeString(data.resolve("pg_hba.conf"), "local all all trust\nhostssl all all 127.0.0.1/32 scram-sha-256\n");
        int port = Ports.free();
        Files.writeString(data.resolve("postgresql.conf"), "\nunix_socket_directories = '" + dir + "'\n"
                + "listen_addresses = '127.0.0.1'\nssl = on\n", java.nio.file.StandardOpenOption.APPEND);
        return new TuskServer(dir, Postmaster.start(data, port));
    }

    int port() {
        return postmaster.port();
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database + "?user=postgres";
    }

    @Override
    public void close() throws IOException {
        postmaster.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
