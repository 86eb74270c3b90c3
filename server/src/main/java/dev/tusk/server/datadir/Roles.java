package dev.tusk.server.datadir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The installation's roles (cf. pg_authid), kept in global/pg_authid as one line per role:
 * name, superuser flag, and the stored password verifier (or "-" for none). Shared by all
 * databases, as in PostgreSQL.
 */
public final class Roles {
    /** A role and its stored password verifier (SCRAM-SHA-256$... or md5..., as PostgreSQL stores them), or null. */
    public record Role(String name, boolean superuser, String passwordVerifier) {
    }

    private final Path file;
    private final Map<String, Role> roles = new ConcurrentHashMap<>();
    private volatile Role bootstrap;

    private Roles(Path file) {
        this.file = file;
    }

    public static Roles read(Path dataDirectory) throws IOException {
        Roles r = new Roles(dataDirectory.resolve("global").resolve("pg_authid"));
        for (String line : Files.readAllLines(r.file)) {
            String[] f = line.split("\t");
            if (f.length == 3) {
                Role role = new Role(f[0], f[1].equals("t"), f[2].equals("-") ? null : f[2]);
                r.roles.put(f[0], role);
                if (r.bootstrap == null) {
                    r.bootstrap = role; // initdb writes the bootstrap superuser first
                }
            }
        }
        return r;
    }

    static void create(Path dataDirectory, Role superuser) throws IOException {
        Path f = dataDirectory.resolve("global").resolve("pg_authid");
        Files.writeString(f, line(superuser));
    }

    private static String line(Role r) {
        return r.name() + "\t" + (r.superuser() ? "t" : "f") + "\t" + (r.passwordVerifier() == null ? "-" : r.passwordVerifier()) + "\n";
    }

    public Role get(String name) {
        return roles.get(name);
    }

    /** The superuser initdb created, which owns the installation's objects. */
    public Role bootstrapSuperuser() {
        return bootstrap;
    }

    public List<Role> all() {
        return new ArrayList<>(roles.values());
    }
}
