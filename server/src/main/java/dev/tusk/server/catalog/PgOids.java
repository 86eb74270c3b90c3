package dev.tusk.server.catalog;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * Object identifiers for the catalogs. PostgreSQL numbers objects from a counter; Tusk derives the
 * OID of a user object from what it is and its qualified name, so every session and every
 * catalog view agrees on it without storing it. Results lie at or above 16384
 * (FirstNormalObjectId), where PostgreSQL's own user objects start; the built-in ones below are
 * PostgreSQL's fixed numbers.
 */
public final class PgOids {
    /** The bootstrap superuser, as in PostgreSQL. */
    public static final int BOOTSTRAP_SUPERUSER = 10;
    /** The pg_database_owner role, which owns schema public in PostgreSQL 15. */
    public static final int PG_DATABASE_OWNER = 6171;
    public static final int PG_CATALOG_NAMESPACE = 11;
    public static final int PUBLIC_NAMESPACE = 2200;
    public static final int INFORMATION_SCHEMA_NAMESPACE = 13000;
    public static final int HEAP_AM = 2;
    /** pg_class's own OID: the classoid of objects that are relations (pg_description, pg_depend). */
    public static final int PG_CLASS = 1259;
    public static final int BTREE_AM = 403;
    private static final int FIRST_NORMAL = 16384;

    private PgOids() {
    }

    /** The OID of a schema. */
    public static int namespace(String name) {
        switch (name) {
            case "pg_catalog": return PG_CATALOG_NAMESPACE;
            case "public": return PUBLIC_NAMESPACE;
            case "information_schema": return INFORMATION_SCHEMA_NAMESPACE;
            default: return of('n', "", name);
        }
    }

    /**
     * The OID of an object of a kind (r relation, i index, S sequence, c constraint, d database ...)
     * in a schema.
     */
    public static int of(char kind, String schema, String name) {
        CRC32C crc = new CRC32C();
        crc.update(kind);
        crc.update((schema + '\0' + name).getBytes(StandardCharsets.UTF_8));
        long h = crc.getValue();
        return FIRST_NORMAL + (int) (h % (Integer.MAX_VALUE - FIRST_NORMAL));
    }
}
