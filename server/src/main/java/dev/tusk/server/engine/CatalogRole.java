package dev.tusk.server.engine;

import java.util.List;

/**
 * A role as the catalogs show it (pg_authid, pg_auth_members): its OID, name, attributes (superuser,
 * may log in, CREATEROLE, CREATEDB, connection limit or -1, password expiry or null, REPLICATION,
 * BYPASSRLS), the OIDs of the roles it is a member of, and of those it holds WITH ADMIN OPTION.
 */
public record CatalogRole(int oid, String name, boolean superuser, boolean canLogin, List<Integer> memberOf,
                          List<Integer> adminOf, boolean createRole, boolean createDb, int connectionLimit,
                          java.time.Instant validUntil, boolean replication, boolean bypassRls) {
}
