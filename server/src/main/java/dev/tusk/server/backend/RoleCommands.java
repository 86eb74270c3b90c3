package dev.tusk.server.backend;

import dev.tusk.protocol.SqlState;
import dev.tusk.server.auth.Md5Password;
import dev.tusk.server.auth.ScramVerifier;
import dev.tusk.server.datadir.Roles;
import dev.tusk.server.error.PgException;
import dev.tusk.server.sql.Statement;
import java.io.IOException;
import java.util.Map;

/**
 * CREATE/ALTER/DROP ROLE and role membership (cf. commands/user.c): the installation's roles, shared
 * by all databases and kept by the postmaster, with the catalogs told after each change. Who may do
 * what is PostgreSQL 15's: superusers anything; CREATEROLE roles manage roles other than superusers
 * (and replication or BYPASSRLS ones); any role may change its own password. Changes take effect at
 * once and stay even if the surrounding transaction block rolls back. Object privileges are
 * {@link PrivilegeCommands}'.
 */
final class RoleCommands {
    private final Backend backend;
    private final Backend.Notices notices;

    RoleCommands(Backend backend, Backend.Notices notices) {
        this.backend = backend;
        this.notices = notices;
    }

    /** Carries out the command and returns its tag. */
    String execute(Statement.RoleCommand c) throws IOException {
        Roles roles = backend.postmaster.roles();
        if (c.action() == Statement.RoleAction.REASSIGN_OWNED) {
            reassignOwned(roles, c);
            return "REASSIGN OWNED";
        }
        if (c.action() == Statement.RoleAction.DROP_OWNED) {
            dropOwned(roles, c);
            return "DROP OWNED";
        }
        switch (c.action()) {
            case CREATE: create(roles, c.names().get(0), c.attributes()); break;
            case ALTER: alter(roles, c.names().get(0), c.attributes()); break;
            case DROP: drop(roles, c); break;
            default: membership(roles, c); break;
        }
        backend.postmaster.engine().rolesChanged();
        return c.action().name() + " ROLE";
    }

    /** cf. have_createrole_privilege(): the current user's own attribute, not one of its roles'. */
    private boolean mayManageRoles(Roles roles) {
        if (backend.isSuperuser()) {
            return true;
        }
        Roles.Role me = roles.get(backend.currentUser());
        return me != null && me.createRole();
    }

    private static PgException denied(String message) {
        return new PgException(SqlState.INSUFFICIENT_PRIVILEGE, message);
    }

    private void create(Roles roles, String name, Map<String, String> attrs) throws IOException {
        if ("true".equals(attrs.get("superuser"))) {
            if (!backend.isSuperuser()) {
                throw denied("must be superuser to create superusers");
            }
        } else if ("true".equals(attrs.get("replication"))) {
            if (!backend.isSuperuser()) {
                throw denied("must be superuser to create replication users");
            }
        } else if ("true".equals(attrs.get("bypassrls"))) {
            if (!backend.isSuperuser()) {
                throw denied("must be superuser to create bypassrls users");
            }
        } else if (!mayManageRoles(roles)) {
            throw denied("permission denied to create role");
        }
        if (name.startsWith("pg_")) {
            throw new PgException(SqlState.RESERVED_NAME, "role name \"" + name + "\" is reserved")
                    .detail("Role names starting with \"pg_\" are reserved.");
        }
        if (!roles.create(name, attributes(name, attrs))) {
            throw new PgException(SqlState.DUPLICATE_OBJECT, "role \"" + name + "\" already exists");
        }
    }

    private void alter(Roles roles, String name, Map<String, String> attrs) throws IOException {
        existing(roles, name);
        Roles.Role target = roles.get(name);
        if (target.superuser() || attrs.containsKey("superuser")) {
            if (!backend.isSuperuser()) {
                throw denied("must be superuser to alter superuser roles or change superuser attribute");
            }
        } else if (attrs.containsKey("replication")) {
            if (!backend.isSuperuser()) {
                throw denied("must be superuser to alter replication roles or change replication attribute");
            }
        } else if (attrs.containsKey("bypassrls")) {
            if (!backend.isSuperuser()) {
                throw denied("must be superuser to change bypassrls attribute");
            }
        } else if (!mayManageRoles(roles)) {
            // without CREATEROLE a role may change nothing but its own password
            boolean onlyPassword = attrs.size() == 1 && attrs.containsKey("password");
            if (!onlyPassword || !name.equals(backend.currentUser())) {
                throw denied("permission denied");
            }
        }
        roles.alter(name, attributes(name, attrs));
    }

    /** The statement's attributes as Roles keeps them. */
    private Roles.Attributes attributes(String role, Map<String, String> attrs) {
        String password = verifier(role, attrs.get("password"));
        String limit = attrs.get("connection limit");
        Integer connectionLimit = null;
        if (limit != null) {
            try {
                connectionLimit = Integer.parseInt(limit);
            } catch (NumberFormatException e) {
                connectionLimit = Integer.MIN_VALUE;
            }
            if (connectionLimit < -1) {
                throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "invalid connection limit: " + limit);
            }
        }
        String until = attrs.get("valid until");
        return new Roles.Attributes(flag(attrs.get("superuser")), flag(attrs.get("login")), password,
                flag(attrs.get("createrole")), flag(attrs.get("createdb")), connectionLimit,
                until == null ? null : ValidUntil.parse(until, backend.settings.get("TimeZone")), until != null,
                flag(attrs.get("replication")), flag(attrs.get("bypassrls")));
    }

    /** The password as stored, by the session's password_encryption (md5 or scram-sha-256); "" for PASSWORD NULL. */
    private String verifier(String role, String password) {
        if (password == null || password.isEmpty()) {
            return password;
        }
        String method = backend.settings.get("password_encryption");
        return "md5".equalsIgnoreCase(method) ? Md5Password.verifier(role, password)
                : ScramVerifier.create(password).stored();
    }

    private static Boolean flag(String v) {
        return v == null ? null : Boolean.valueOf(v);
    }

    private void drop(Roles roles, Statement.RoleCommand c) throws IOException {
        if (!mayManageRoles(roles)) {
            throw denied("permission denied to drop role");
        }
        for (String name : c.names()) {
            if (roles.get(name) == null) {
                if (c.ifExists()) {
                    notices.notice(SqlState.SUCCESSFUL_COMPLETION, "role \"" + name + "\" does not exist, skipping");
                    continue;
                }
                throw new PgException(SqlState.UNDEFINED_OBJECT, "role \"" + name + "\" does not exist");
            }
            if (name.equals(backend.currentUser())) {
                throw new PgException(SqlState.OBJECT_IN_USE, "current user cannot be dropped");
            }
            if (name.equals(backend.sessionUser())) {
                throw new PgException(SqlState.OBJECT_IN_USE, "session user cannot be dropped");
            }
            if (Roles.PREDEFINED.contains(name) || name.equals(roles.bootstrapSuperuser().name())) {
                throw new PgException(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop role " + name
                        + " because it is required by the database system");
            }
            if (roles.get(name).superuser() && !backend.isSuperuser()) {
                throw denied("must be superuser to drop superusers");
            }
            ownsNothing(name);
            roles.drop(name);
        }
    }

    /**
     * cf. checkSharedDependencies: a role that owns a database, or an object in this one, stays (what
     * it owns in other databases Tusk does not look at).
     */
    private void ownsNothing(String role) {
        var engine = backend.postmaster.engine();
        // the installation's objects first, then this database's, as PostgreSQL lists shared dependencies
        java.util.List<String> owned = new java.util.ArrayList<>(engine.databases().stream()
                .filter(d -> role.equals(engine.databaseOwner(d))).map(d -> "owner of database " + d).toList());
        owned.addAll(engine.databases().stream().filter(d -> engine.databaseAcl(d) != null && engine.databaseAcl(d).items().stream()
                .anyMatch(i -> i.grantee().equals(role) || i.grantor().equals(role))).map(d -> "privileges for database " + d).toList());
        owned.addAll(backend.engine.ownedBy(role));
        if (!owned.isEmpty()) {
            throw new PgException(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "role \"" + role
                    + "\" cannot be dropped because some objects depend on it")
                    .detail(String.join("\n", owned));
        }
    }

    /** cf. shdepReassignOwned: this database's objects and the installation's databases, for roles one acts as. */
    private void reassignOwned(Roles roles, Statement.RoleCommand c) {
        String to = c.members().get(0);
        existing(roles, to);
        for (String from : c.names()) {
            existing(roles, from);
        }
        for (String role : c.names()) {
            if (!roles.hasPrivilegesOf(backend.currentUser(), role)) {
                throw denied("permission denied to reassign objects");
            }
        }
        if (!roles.hasPrivilegesOf(backend.currentUser(), to)) {
            throw denied("permission denied to reassign objects");
        }
        var engine = backend.postmaster.engine();
        for (String from : c.names()) {
            backend.engine.reassignOwned(from, to);
            for (String d : engine.databases()) {
                if (from.equals(engine.databaseOwner(d))) {
                    engine.setDatabaseOwner(d, to);
                }
            }
        }
    }

    /** cf. shdepDropOwned: drops what the roles own in this database (databases stay, as in PostgreSQL). */
    private void dropOwned(Roles roles, Statement.RoleCommand c) throws IOException {
        for (String role : c.names()) {
            existing(roles, role);
            if (!roles.hasPrivilegesOf(backend.currentUser(), role)) {
                throw denied("permission denied to drop objects");
            }
        }
        var engine = backend.postmaster.engine();
        backend.engine.dropOwned(c.names(), c.attributes().containsKey("cascade"), notices::notice);
        for (String role : c.names()) {
            for (String d : engine.databases()) {
                // grants on databases are the installation's: DROP OWNED takes them in every database, as PostgreSQL
                var acl = engine.databaseAcl(d);
                if (acl != null && !acl.without(role).equals(acl)) {
                    engine.setDatabaseAcl(d, acl.without(role));
                }
            }
        }
    }

    private void membership(Roles roles, Statement.RoleCommand c) throws IOException {
        boolean grant = c.action() == Statement.RoleAction.GRANT;
        for (String group : c.names()) {
            existing(roles, group);
            // cf. AddRoleMems/DelRoleMems: superusers, CREATEROLE roles, and members WITH ADMIN OPTION
            if (roles.get(group).superuser()) {
                if (!backend.isSuperuser()) {
                    throw denied("must be superuser to alter superusers");
                }
            } else if (!mayManageRoles(roles) && !roles.isAdminOf(backend.currentUser(), group)) {
                throw denied("must have admin option on role \"" + group + "\"");
            }
            for (String member : c.members()) {
                existing(roles, member);
                boolean already = roles.get(member).memberOf().contains(group);
                if (grant && roles.hasPrivilegesOf(group, member) && !roles.get(group).superuser()) {
                    throw new PgException(SqlState.INVALID_GRANT_OPERATION, "role \"" + member + "\" is a member of role \""
                            + group + "\"");
                }
                boolean admin = c.attributes().containsKey("admin option");
                if (grant && already && (!admin || roles.get(member).adminOf().contains(group))) {
                    notices.notice(SqlState.SUCCESSFUL_COMPLETION, "role \"" + member + "\" is already a member of role \"" + group + "\"");
                } else if (!grant && !already) {
                    notices.warning(SqlState.WARNING, "role \"" + member + "\" is not a member of role \"" + group + "\"");
                }
                roles.setMembership(group, member, grant, admin);
            }
        }
    }

    private static void existing(Roles roles, String name) {
        if (roles.get(name) == null) {
            throw new PgException(SqlState.UNDEFINED_OBJECT, "role \"" + name + "\" does not exist");
        }
    }
}
