package dev.tusk.server.backend;

import dev.tusk.protocol.SqlState;
import dev.tusk.server.catalog.Acl;
import dev.tusk.server.catalog.AclChange;
import dev.tusk.server.datadir.Roles;
import dev.tusk.server.error.PgException;
import dev.tusk.server.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * GRANT and REVOKE of privileges on objects, and ALTER DEFAULT PRIVILEGES (cf. ExecuteGrantStmt):
 * grantees are resolved here; a database's list is the installation's and is written at once, the
 * lists of a database's own objects are written by the engine session in the transaction. Kinds of
 * object Tusk has only built-in ones of (functions, types, languages, tablespaces) accept the
 * statement and keep nothing, since every role may use them, as PostgreSQL's defaults allow.
 */
final class PrivilegeCommands {
    private static final Set<String> BUILT_IN_ONLY = Set.of("FUNCTION", "TYPE", "LANGUAGE", "TABLESPACE", "PARAMETER");

    private final Backend backend;
    private final Backend.Notices notices;

    PrivilegeCommands(Backend backend, Backend.Notices notices) {
        this.backend = backend;
        this.notices = notices;
    }

    String execute(Statement.GrantPrivileges g) {
        List<String> grantees = grantees(g.grantees());
        switch (g.objectType()) {
            case "DATABASE" -> databases(g, grantees);
            case "TABLE", "SEQUENCE", "SCHEMA" -> backend.engine.grant(g, grantees, this::warning);
            case "FOREIGN DATA WRAPPER" -> throw new PgException(SqlState.UNDEFINED_OBJECT,
                    "foreign-data wrapper \"" + g.objects().get(0).name() + "\" does not exist");
            case "FOREIGN SERVER" -> throw new PgException(SqlState.UNDEFINED_OBJECT,
                    "server \"" + g.objects().get(0).name() + "\" does not exist");
            case "LARGE OBJECT" -> throw new PgException(SqlState.UNDEFINED_OBJECT,
                    "large object " + g.objects().get(0).name() + " does not exist");
            default -> {
                if (!BUILT_IN_ONLY.contains(g.objectType())) {
                    throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "GRANT ON " + g.objectType() + " is not supported by Tusk yet");
                }
            }
        }
        return g.grant() ? "GRANT" : "REVOKE";
    }

    String execute(Statement.AlterDefaultPrivileges d) {
        Roles roles = backend.postmaster.roles();
        List<String> of = new ArrayList<>();
        for (String r : d.roles().isEmpty() ? List.of(backend.currentUser()) : d.roles()) {
            existing(roles, r);
            if (!backend.isSuperuser() && !roles.hasPrivilegesOf(backend.currentUser(), r)) {
                throw new PgException(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied to change default privileges");
            }
            of.add(r);
        }
        backend.engine.alterDefaultPrivileges(d, of, grantees(d.action().grantees()), this::warning);
        return "ALTER DEFAULT PRIVILEGES";
    }

    private void warning(String sqlState, String message) {
        notices.warning(sqlState, message);
    }

    /** PUBLIC as "", CURRENT_USER / CURRENT_ROLE / SESSION_USER as the roles they are; others must exist. */
    private List<String> grantees(List<String> names) {
        Roles roles = backend.postmaster.roles();
        List<String> out = new ArrayList<>();
        for (String n : names) {
            String r = switch (n) {
                case "public" -> "";
                case "current_user", "current_role" -> backend.currentUser();
                case "session_user" -> backend.sessionUser();
                default -> existing(roles, n);
            };
            if (!out.contains(r)) {
                out.add(r);
            }
        }
        return out;
    }

    private static String existing(Roles roles, String name) {
        if (roles.get(name) == null) {
            throw new PgException(SqlState.UNDEFINED_OBJECT, "role \"" + name + "\" does not exist");
        }
        return name;
    }

    /** GRANT/REVOKE ON DATABASE: CONNECT, CREATE, TEMPORARY (cf. ExecGrant_Database). */
    private void databases(Statement.GrantPrivileges g, List<String> grantees) {
        var engine = backend.postmaster.engine();
        Roles roles = backend.postmaster.roles();
        int mask = 0;
        for (Statement.Privilege p : g.privileges()) {
            int bit = Acl.privilege(p.name());
            if (bit == 0 || (bit & Acl.Kind.DATABASE.all()) == 0 || !p.columns().isEmpty()) {
                throw new PgException(SqlState.INVALID_GRANT_OPERATION, "invalid privilege type "
                        + p.name().toUpperCase(java.util.Locale.ROOT) + " for database");
            }
            mask |= bit;
        }
        for (Statement.ObjectName o : g.objects()) {
            String d = o.name();
            if (!engine.databaseExists(d)) {
                throw new PgException(SqlState.UNDEFINED_DATABASE, "database \"" + d + "\" does not exist");
            }
            String owner = engine.databaseOwner(d) != null ? engine.databaseOwner(d) : roles.bootstrapSuperuser().name();
            Acl acl = engine.databaseAcl(d);
            if (acl == null) {
                acl = Acl.defaultFor(Acl.Kind.DATABASE, owner);
            }
            String me = backend.currentUser();
            Predicate<String> actsAs = backend.isSuperuser() ? r -> true : r -> roles.hasPrivilegesOf(me, r);
            AclChange change = new AclChange(Acl.Kind.DATABASE, d, owner, actsAs, this::warning);
            Acl after = g.grant() ? change.grant(acl, mask, grantees, g.grantOption())
                    : change.revoke(acl, mask, grantees, g.grantOption(), g.cascade());
            if (!after.equals(acl) || engine.databaseAcl(d) == null) {
                engine.setDatabaseAcl(d, after);
            }
        }
    }
}
