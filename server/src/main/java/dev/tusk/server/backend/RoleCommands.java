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
 * by all databases and kept by the postmaster, with the catalogs told after each change. Only
 * superusers manage roles here (PostgreSQL also lets CREATEROLE roles). Changes take effect at once
 * and stay even if the surrounding transaction block rolls back. Object privileges (GRANT ... ON)
 * are accepted for existing roles and not enforced.
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
        if (c.action() == Statement.RoleAction.GRANT_PRIVILEGES || c.action() == Statement.RoleAction.REVOKE_PRIVILEGES) {
            for (String grantee : c.names()) {
                if (!grantee.equals("public") && !grantee.equals("current_user") && !grantee.equals("session_user")) {
                    existing(roles, grantee);
                }
            }
            return c.action() == Statement.RoleAction.GRANT_PRIVILEGES ? "GRANT" : "REVOKE";
        }
        String verb = c.action().name().toLowerCase(java.util.Locale.ROOT);
        if (!backend.isSuperuser()) {
            throw new PgException(SqlState.INSUFFICIENT_PRIVILEGE, c.action() == Statement.RoleAction.GRANT
                    || c.action() == Statement.RoleAction.REVOKE
                    ? "must have admin option on role \"" + c.names().get(0) + "\""
                    : "permission denied to " + verb + " role");
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

    private void create(Roles roles, String name, Map<String, String> attrs) throws IOException {
        if (name.startsWith("pg_")) {
            throw new PgException(SqlState.RESERVED_NAME, "role name \"" + name + "\" is reserved")
                    .detail("Role names starting with \"pg_\" are reserved.");
        }
        String verifier = verifier(name, attrs.get("password"));
        if (!roles.create(name, "true".equals(attrs.get("superuser")), "true".equals(attrs.get("login")),
                verifier == null || verifier.isEmpty() ? null : verifier)) {
            throw new PgException(SqlState.DUPLICATE_OBJECT, "role \"" + name + "\" already exists");
        }
    }

    private void alter(Roles roles, String name, Map<String, String> attrs) throws IOException {
        existing(roles, name);
        roles.alter(name, flag(attrs.get("superuser")), flag(attrs.get("login")), verifier(name, attrs.get("password")));
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
            if (name.equals(backend.user)) {
                throw new PgException(SqlState.OBJECT_IN_USE, "session user cannot be dropped");
            }
            if (Roles.PREDEFINED.contains(name) || name.equals(roles.bootstrapSuperuser().name())) {
                throw new PgException(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop role " + name
                        + " because it is required by the database system");
            }
            roles.drop(name);
        }
    }

    private void membership(Roles roles, Statement.RoleCommand c) throws IOException {
        boolean grant = c.action() == Statement.RoleAction.GRANT;
        for (String group : c.names()) {
            existing(roles, group);
            for (String member : c.members()) {
                existing(roles, member);
                boolean already = roles.get(member).memberOf().contains(group);
                if (grant && roles.hasPrivilegesOf(group, member) && !roles.get(group).superuser()) {
                    throw new PgException(SqlState.INVALID_GRANT_OPERATION, "role \"" + member + "\" is a member of role \""
                            + group + "\"");
                }
                if (grant && already) {
                    notices.notice(SqlState.SUCCESSFUL_COMPLETION, "role \"" + member + "\" is already a member of role \"" + group + "\"");
                } else if (!grant && !already) {
                    notices.warning(SqlState.WARNING, "role \"" + member + "\" is not a member of role \"" + group + "\"");
                }
                roles.setMembership(group, member, grant);
            }
        }
    }

    private static void existing(Roles roles, String name) {
        if (roles.get(name) == null) {
            throw new PgException(SqlState.UNDEFINED_OBJECT, "role \"" + name + "\" does not exist");
        }
    }
}
