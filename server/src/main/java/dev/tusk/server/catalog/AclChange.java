package dev.tusk.server.catalog;

import dev.tusk.protocol.SqlState;
import dev.tusk.server.error.PgException;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * One GRANT or REVOKE applied to one object's list, with PostgreSQL's rules (cf. ExecGrant_Relation,
 * restrict_and_check_grant, select_best_grantor and recursive_revoke in aclchk.c / acl.c): the owner
 * (or a superuser, on the owner's behalf) grants anything; another role only what it holds the grant
 * option of, as grantor itself, with a warning for what it could not pass on and 42501 when it holds
 * nothing at all; revoking a grant option that was used needs CASCADE.
 *
 * @param kind       the object's kind (which privileges it has, and its name in messages)
 * @param objectName the object as messages name it
 * @param owner      the object's owner
 * @param actsAs     whether the current user has the privileges of a role (always true for a superuser)
 */
public record AclChange(Acl.Kind kind, String objectName, String owner, Predicate<String> actsAs,
                        BiConsumer<String, String> warnings) {

    /**
     * GRANT privileges (0: ALL) to grantees ("" for PUBLIC) on acl (the object's list, or its
     * default); returns the new list.
     */
    public Acl grant(Acl acl, int privileges, List<String> grantees, boolean grantOption) {
        if (grantOption && grantees.contains("")) {
            throw new PgException(SqlState.INVALID_GRANT_OPERATION, "grant options can only be granted to roles");
        }
        String grantor = grantor(acl);
        int granted = restrict(acl, grantor, privileges, true);
        if (granted == 0) {
            return acl;
        }
        for (String grantee : grantees) {
            acl = acl.grant(grantee, granted, grantOption, grantor);
        }
        return acl;
    }

    /** REVOKE [GRANT OPTION FOR] privileges (0: ALL) from grantees. */
    public Acl revoke(Acl acl, int privileges, List<String> grantees, boolean grantOptionOnly, boolean cascade) {
        String grantor = grantor(acl);
        int revoked = restrict(acl, grantor, privileges, false);
        if (revoked == 0) {
            return acl;
        }
        for (String grantee : grantees) {
            acl = revokeFrom(acl, grantee, revoked, grantOptionOnly, grantor, cascade);
        }
        return acl;
    }

    private Acl revokeFrom(Acl acl, String grantee, int privileges, boolean grantOptionOnly, String grantor, boolean cascade) {
        int optionsLost = 0;
        for (Acl.Item i : acl.items()) {
            if (i.grantee().equals(grantee) && i.grantor().equals(grantor)) {
                optionsLost |= i.grantOptions() & privileges;
            }
        }
        acl = acl.revoke(grantee, privileges, grantOptionOnly, grantor);
        if (optionsLost != 0 && !grantee.isEmpty() && !stillHeld(acl, grantee, optionsLost)) {
            List<Acl.Item> dependent = acl.grantedBy(grantee, optionsLost);
            if (!dependent.isEmpty() && !cascade) {
                throw new PgException(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "dependent privileges exist")
                        .hint("Use CASCADE to revoke them too.");
            }
            for (Acl.Item d : dependent) {
                acl = revokeFrom(acl, d.grantee(), optionsLost, false, grantee, true);
            }
        }
        return acl;
    }

    /** Whether another grantor still gives grantee these grant options (then its own grants stand). */
    private static boolean stillHeld(Acl acl, String grantee, int options) {
        int held = 0;
        for (Acl.Item i : acl.items()) {
            if (i.grantee().equals(grantee)) {
                held |= i.grantOptions();
            }
        }
        return (held & options) == options;
    }

    private boolean ownerPrivileges() {
        return actsAs.test(owner);
    }

    /** cf. select_best_grantor: the owner when one acts as the owner, else the role whose grant options serve. */
    private String grantor(Acl acl) {
        if (ownerPrivileges()) {
            return owner;
        }
        String best = null;
        int bestCount = -1;
        for (Acl.Item i : acl.items()) {
            if (!i.grantee().isEmpty() && i.grantOptions() != 0 && actsAs.test(i.grantee())) {
                int count = Integer.bitCount(i.grantOptions());
                if (count > bestCount) {
                    best = i.grantee();
                    bestCount = count;
                }
            }
        }
        return best != null ? best : "";
    }

    /** cf. restrict_and_check_grant: the privileges this grantor may pass on, with PostgreSQL's warnings and error. */
    private int restrict(Acl acl, String grantor, int privileges, boolean grant) {
        int wanted = privileges == 0 ? kind.all() : privileges;
        if (ownerPrivileges()) {
            return wanted;
        }
        int options = 0;
        for (Acl.Item i : acl.items()) {
            if (i.grantee().equals(grantor)) {
                options |= i.grantOptions();
            }
        }
        if (options == 0 && Acl.privilegesOf(acl.mask(actsAs)) == 0 && Acl.grantOptionsOf(acl.mask(actsAs)) == 0) {
            throw new PgException(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied for " + kind.noun() + " " + objectName);
        }
        int allowed = wanted & options;
        if (allowed == 0) {
            warnings.accept(grant ? SqlState.WARNING_PRIVILEGE_NOT_GRANTED : SqlState.WARNING_PRIVILEGE_NOT_REVOKED,
                    (grant ? "no privileges were granted for \"" : "no privileges could be revoked for \"") + objectName + "\"");
        } else if (allowed != wanted && privileges != 0) {
            warnings.accept(grant ? SqlState.WARNING_PRIVILEGE_NOT_GRANTED : SqlState.WARNING_PRIVILEGE_NOT_REVOKED,
                    (grant ? "not all privileges were granted for \"" : "not all privileges could be revoked for \"") + objectName + "\"");
        }
        return allowed;
    }
}
