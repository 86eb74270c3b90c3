package dev.tusk.server.engine;

/** A role as the catalogs show it (pg_authid): its OID, name and whether it is a superuser. */
public record CatalogRole(int oid, String name, boolean superuser) {
}
