package dev.tusk.server.datadir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Set;

/**
 * An installation on disk (cf. PostgreSQL's data directory layout):
 * <pre>
 *   DIR/PG_VERSION         the PostgreSQL major version the installation emulates
 *   DIR/postgresql.conf    settings
 *   DIR/pg_hba.conf        client authentication rules
 *   DIR/global/pg_authid   roles
 *   DIR/base/NAME/         one engine database per Tusk database
 *   DIR/postmaster.pid     lock file while a postmaster runs
 *   DIR/log/               the log of a postmaster started in the background
 * </pre>
 */
public final class DataDirectory {
    private final Path dir;

    public DataDirectory(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    public Path path() {
        return dir;
    }

    public Path config() {
        return dir.resolve("postgresql.conf");
    }

    public Path hba() {
        return dir.resolve("pg_hba.conf");
    }

    public Path pidFile() {
        return dir.resolve("postmaster.pid");
    }

    public Path logFile() {
        return dir.resolve("log").resolve("tusk.log");
    }

    /** Refuses a directory that is not an initialized installation or whose permissions are loose. */
    public void checkUsable() throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("data directory \"" + dir + "\" does not exist; create it with: tusk initdb -D " + dir);
        }
        if (!Files.exists(dir.resolve("PG_VERSION"))) {
            throw new IOException("\"" + dir + "\" is not a valid data directory (PG_VERSION is missing); "
                    + "create one with: tusk initdb -D " + dir);
        }
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir);
        if (perms.contains(PosixFilePermission.GROUP_WRITE) || perms.contains(PosixFilePermission.OTHERS_READ)
                || perms.contains(PosixFilePermission.OTHERS_WRITE) || perms.contains(PosixFilePermission.OTHERS_EXECUTE)) {
            throw new IOException("data directory \"" + dir + "\" has invalid permissions; they should be u=rwx (0700) "
                    + "or u=rwx,g=rx (0750): chmod 700 " + dir);
        }
    }

    public Map<String, String> readConfig() throws IOException {
        return ConfigFile.read(config());
    }
}
