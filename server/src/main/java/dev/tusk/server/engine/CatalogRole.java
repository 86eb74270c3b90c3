package dev.tusk.server.engine;

import java.util.List;

/**
 * A role as the catalogs show it (pg_authid, pg_auth_members): its OID, name, whether it is a
 * superuser and may log in, and the OIDs of the roles it is a member of.
 */
public record CatalogRole(int oid, String name, boolean superuser, boolean canLogin, List<Integer> memberOf) {
    public CatalogRole(int oid, String name, boolean superuser) {
        this(oid, name, superuser, true, List.of());
    }
}
