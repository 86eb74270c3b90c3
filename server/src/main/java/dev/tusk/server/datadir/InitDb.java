package dev.tusk.server.datadir;

import dev.tusk.server.engine.Engine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Function;

/**
 * Creates an installation (cf. bin/initdb): the directory with mode 0700, postgresql.conf,
 * pg_hba.conf, the superuser role, and the databases postgres and template1.
 */
public final class InitDb {
    private InitDb() {
    }

    /**
     * @param superuser  name of the bootstrap superuser
     * @param password   its password, or null for none
     * @param authLocal  pg_hba.conf method for Unix-socket connections
     * @param authHost   pg_hba.conf method for TCP connections
     * @param engines    opens the engine over the new directory
     */
    public static void run(Path dir, String superuser, String password, String authLocal, String authHost,
                           Function<Path, Engine> engines) throws IOException {
        if (Files.exists(dir)) {
            try (var entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new IOException("directory \"" + dir + "\" exists but is not empty; remove it or run initdb "
                            + "with an empty or nonexistent directory");
                }
            }
        } else {
            Files.createDirectories(dir);
        }
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        Files.createDirectories(dir.resolve("global"));
        Files.createDirectories(dir.resolve("base"));
        Files.writeString(dir.resolve("PG_VERSION"), "15\n");
        Files.writeString(dir.resolve("postgresql.conf"), defaultConfig());
        Files.writeString(dir.resolve("pg_hba.conf"), hba(authLocal, authHost));
        // stored as PostgreSQL 15 stores it by default (password_encryption = scram-sha-256)
        Roles.create(dir, new Roles.Role(superuser, true,
                password == null ? null : dev.tusk.server.auth.ScramVerifier.create(password).stored()));
        try (Engine engine = engines.apply(dir)) {
            engine.createDatabase("template1", null);
            engine.createDatabase("postgres", null);
        }
    }

    private static String defaultConfig() {
        return String.join("\n",
                "# Tusk configuration (postgresql.conf syntax). Changes take effect at the next start.",
                "",
                "listen_addresses = 'localhost'   # comma-separated addresses; '*' for all; '' for Unix socket only",
                "port = 5432",
                "max_connections = 100",
                "unix_socket_directories = '/tmp' # comma-separated directories; '' for none",
                "fsync = on                       # a COMMIT waits until its changes are synced to disk",
                "backend_threads = virtual        # virtual or platform: the thread each backend runs on",
                "max_message_size = 1073741823    # largest Query/Parse/Bind/CopyData message accepted, in bytes",
                "",
                "# Session defaults",
                "timezone = 'UTC'",
                "datestyle = 'ISO, MDY'",
                "");
    }

    private static String hba(String authLocal, String authHost) {
        return String.join("\n",
                "# Client authentication (pg_hba.conf syntax): the first matching line decides.",
                "# TYPE  DATABASE        USER            ADDRESS                 METHOD",
                "local   all             all                                     " + authLocal,
                "host    all             all             127.0.0.1/32            " + authHost,
                "host    all             all             ::1/128                 " + authHost,
                "");
    }
}
