package dev.tusk.server.datadir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The installation's roles (cf. pg_authid and pg_auth_members), kept in global/pg_authid as one
 * line per role: name, superuser flag, stored password verifier ("-" for none), login flag, the
 * roles it is a member of ("*" after a name: WITH ADMIN OPTION), then CREATEROLE and CREATEDB flags,
 * connection limit (-1: none), the password's expiry (an instant, empty for none), REPLICATION and
 * BYPASSRLS flags; a file from before those fields reads as PostgreSQL's defaults. Shared by all databases, as in PostgreSQL; PostgreSQL's predefined roles
 * (pg_read_server_files, ...) always exist and are never written. Changes are written to a new file
 * that replaces the old one, so a crash leaves either version, never half of one.
 */
public final class Roles {
    /** PostgreSQL 15's predefined roles: nobody logs in as them; membership grants what their names say. */
    public static final List<String> PREDEFINED = List.of("pg_database_owner", "pg_read_all_data", "pg_write_all_data",
            "pg_monitor", "pg_read_all_settings", "pg_read_all_stats", "pg_stat_scan_tables", "pg_read_server_files",
            "pg_write_server_files", "pg_execute_server_program", "pg_signal_backend", "pg_checkpoint");

    /**
     * A role; passwordVerifier is as PostgreSQL stores it (SCRAM-SHA-256$... or md5...), or null;
     * adminOf: the roles of memberOf it may grant (WITH ADMIN OPTION); connectionLimit -1 for none;
     * validUntil null for a password that never expires.
     */
    public record Role(String name, boolean superuser, String passwordVerifier, boolean login, Set<String> memberOf,
                       Set<String> adminOf, boolean createRole, boolean createDb, int connectionLimit,
                       java.time.Instant validUntil, boolean replication, boolean bypassRls) {
        /** initdb's bootstrap superuser, which has every attribute. */
        public Role(String name, boolean superuser, String passwordVerifier) {
            this(name, superuser, passwordVerifier, true, Set.of(), Set.of(), superuser, superuser, -1, null, superuser, superuser);
        }

        public Role {
            memberOf = Set.copyOf(memberOf);
            adminOf = Set.copyOf(adminOf);
        }

        static Role plain(String name, boolean login) {
            return new Role(name, false, null, login, Set.of(), Set.of(), false, false, -1, null, false, false);
        }

        Role withMemberOf(Set<String> roles, Set<String> admin) {
            return new Role(name, superuser, passwordVerifier, login, roles, admin, createRole, createDb, connectionLimit,
                    validUntil, replication, bypassRls);
        }
    }

    /**
     * What CREATE or ALTER ROLE sets: each field null where the statement leaves it as it is (a new
     * role takes PostgreSQL's default); password "" removes the password; validUntil "infinity" for
     * none.
     */
    public record Attributes(Boolean superuser, Boolean login, String passwordVerifier, Boolean createRole,
                             Boolean createDb, Integer connectionLimit, java.time.Instant validUntil, boolean validUntilSet,
                             Boolean replication, Boolean bypassRls) {
    }

    private final Path file;
    private final Map<String, Role> roles = new LinkedHashMap<>();
    private Role bootstrap;

    private Roles(Path file) {
        this.file = file;
    }

    public static Roles read(Path dataDirectory) throws IOException {
        Roles r = new Roles(dataDirectory.resolve("global").resolve("pg_authid"));
        for (String name : PREDEFINED) {
            r.roles.put(name, Role.plain(name, false));
        }
        for (String line : Files.readAllLines(r.file)) {
            String[] f = line.split("\t", -1);
            if (f.length >= 3) {
                boolean login = f.length < 4 || f[3].equals("t");
                Set<String> memberOf = new HashSet<>();
                Set<String> adminOf = new HashSet<>();
                for (String g : f.length < 5 || f[4].isEmpty() ? new String[0] : f[4].split(",")) {
                    boolean admin = g.endsWith("*");
                    String group = admin ? g.substring(0, g.length() - 1) : g;
                    memberOf.add(group);
                    if (admin) {
                        adminOf.add(group);
                    }
                }
                boolean superuser = f[1].equals("t");
                boolean first = r.bootstrap == null;
                Role role = new Role(f[0], superuser, f[2].equals("-") ? null : f[2], login, memberOf, adminOf,
                        f.length > 5 ? f[5].equals("t") : first, f.length > 6 ? f[6].equals("t") : first,
                        f.length > 7 ? Integer.parseInt(f[7]) : -1,
                        f.length > 8 && !f[8].isEmpty() ? java.time.Instant.parse(f[8]) : null,
                        f.length > 9 ? f[9].equals("t") : first, f.length > 10 ? f[10].equals("t") : first);
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
        return r.name() + "\t" + (r.superuser() ? "t" : "f") + "\t" + (r.passwordVerifier() == null ? "-" : r.passwordVerifier())
                + "\t" + (r.login() ? "t" : "f") + "\t"
                + String.join(",", new TreeSet<>(r.memberOf()).stream().map(g -> r.adminOf().contains(g) ? g + "*" : g).toList())
                + "\t" + (r.createRole() ? "t" : "f") + "\t" + (r.createDb() ? "t" : "f") + "\t" + r.connectionLimit()
                + "\t" + (r.validUntil() == null ? "" : r.validUntil().toString())
                + "\t" + (r.replication() ? "t" : "f") + "\t" + (r.bypassRls() ? "t" : "f") + "\n";
    }

    public synchronized Role get(String name) {
        return roles.get(name);
    }

    /** The superuser initdb created, which owns the installation's objects. */
    public synchronized Role bootstrapSuperuser() {
        return bootstrap;
    }

    public synchronized List<Role> all() {
        return new ArrayList<>(roles.values());
    }

    /** Whether role has the privileges of target: is it, a superuser, or a member of it directly or through other roles. */
    public synchronized boolean hasPrivilegesOf(String role, String target) {
        Role r = roles.get(role);
        if (r == null) {
            return false;
        }
        if (r.superuser() || role.equals(target)) {
            return true;
        }
        Deque<String> todo = new ArrayDeque<>(r.memberOf());
        Set<String> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            String g = todo.pop();
            if (g.equals(target)) {
                return true;
            }
            Role gr = roles.get(g);
            if (seen.add(g) && gr != null) {
                todo.addAll(gr.memberOf());
            }
        }
        return false;
    }

    /** Adds a role with the attributes given (the others PostgreSQL's defaults); false if one of that name exists. */
    public synchronized boolean create(String name, Attributes a) throws IOException {
        if (roles.containsKey(name)) {
            return false;
        }
        roles.put(name, apply(Role.plain(name, false), a));
        save();
        return true;
    }

    /** Changes the attributes given. */
    public synchronized void alter(String name, Attributes a) throws IOException {
        roles.put(name, apply(roles.get(name), a));
        save();
    }

    private static Role apply(Role r, Attributes a) {
        String verifier = a.passwordVerifier() == null ? r.passwordVerifier()
                : a.passwordVerifier().isEmpty() ? null : a.passwordVerifier();
        return new Role(r.name(), or(a.superuser(), r.superuser()), verifier, or(a.login(), r.login()), r.memberOf(),
                r.adminOf(), or(a.createRole(), r.createRole()), or(a.createDb(), r.createDb()),
                a.connectionLimit() == null ? r.connectionLimit() : a.connectionLimit(),
                a.validUntilSet() ? a.validUntil() : r.validUntil(), or(a.replication(), r.replication()),
                or(a.bypassRls(), r.bypassRls()));
    }

    private static boolean or(Boolean given, boolean was) {
        return given == null ? was : given;
    }

    public synchronized void drop(String name) throws IOException {
        roles.remove(name);
        for (Role r : new ArrayList<>(roles.values())) {
            if (r.memberOf().contains(name)) {
                Set<String> m = new HashSet<>(r.memberOf());
                m.remove(name);
                Set<String> admin = new HashSet<>(r.adminOf());
                admin.remove(name);
                roles.put(r.name(), r.withMemberOf(m, admin));
            }
        }
        save();
    }

    /**
     * Makes member a member of group (grant) or not (revoke); with admin, a grant adds the admin
     * option and a revoke takes only the admin option away (REVOKE ADMIN OPTION FOR).
     */
    public synchronized void setMembership(String group, String member, boolean grant, boolean admin) throws IOException {
        Role r = roles.get(member);
        Set<String> m = new HashSet<>(r.memberOf());
        Set<String> a = new HashSet<>(r.adminOf());
        if (grant) {
            m.add(group);
            if (admin) {
                a.add(group);
            }
        } else {
            a.remove(group);
            if (!admin) {
                m.remove(group);
            }
        }
        if (!m.equals(r.memberOf()) || !a.equals(r.adminOf())) {
            roles.put(member, r.withMemberOf(m, a));
            save();
        }
    }

    /** cf. is_admin_of_role: whether role, or a role it belongs to, was granted group WITH ADMIN OPTION. */
    public synchronized boolean isAdminOf(String role, String group) {
        Deque<String> todo = new ArrayDeque<>(List.of(role));
        Set<String> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            Role r = roles.get(todo.pop());
            if (r == null || !seen.add(r.name())) {
                continue;
            }
            if (r.adminOf().contains(group)) {
                return true;
            }
            todo.addAll(r.memberOf());
        }
        return false;
    }

    private void save() throws IOException {
        StringBuilder b = new StringBuilder();
        if (bootstrap != null) {
            b.append(line(roles.get(bootstrap.name())));
        }
        for (Role r : roles.values()) {
            if (!PREDEFINED.contains(r.name()) && (bootstrap == null || !r.name().equals(bootstrap.name()))) {
                b.append(line(r));
            }
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, b.toString());
        try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
