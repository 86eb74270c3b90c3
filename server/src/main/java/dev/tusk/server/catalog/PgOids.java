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
    public static final int INFORMATION_SCHEMA_NAMESPACE = 13207;
    public static final int HEAP_AM = 2;
    /** pg_class's own OID: the classoid of objects that are relations (pg_description, pg_depend). */
    public static final int PG_CLASS = 1259;
    public static final int BTREE_AM = 403;
    private static final int FIRST_NORMAL = 16384;

    private PgOids() {
    }

    /** Whether an OID is one Tusk derived for a user object (an enum type, in a RowDescription). */
    public static boolean isUserObject(int oid) {
        return oid >= FIRST_NORMAL;
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
     * PostgreSQL's fixed OIDs of its system catalogs, which queries name as 'pg_class'::regclass
     * to match pg_description.classoid and pg_depend.classid.
     */
    private static final java.util.Map<String, Integer> SYSTEM_CATALOGS = java.util.Map.ofEntries(
            java.util.Map.entry("pg_tablespace", 1213), java.util.Map.entry("pg_type", 1247),
            java.util.Map.entry("pg_attribute", 1249), java.util.Map.entry("pg_proc", 1255),
            java.util.Map.entry("pg_class", PG_CLASS), java.util.Map.entry("pg_authid", 1260),
            java.util.Map.entry("pg_auth_members", 1261), java.util.Map.entry("pg_database", 1262),
            java.util.Map.entry("pg_foreign_server", 1417), java.util.Map.entry("pg_sequence", 2224),
            java.util.Map.entry("pg_foreign_data_wrapper", 2328), java.util.Map.entry("pg_am", 2601),
            java.util.Map.entry("pg_attrdef", 2604), java.util.Map.entry("pg_constraint", 2606),
            java.util.Map.entry("pg_depend", 2608), java.util.Map.entry("pg_description", 2609),
            java.util.Map.entry("pg_index", 2610), java.util.Map.entry("pg_inherits", 2611),
            java.util.Map.entry("pg_language", 2612), java.util.Map.entry("pg_namespace", 2615),
            java.util.Map.entry("pg_rewrite", 2618), java.util.Map.entry("pg_trigger", 2620),
            java.util.Map.entry("pg_extension", 3079), java.util.Map.entry("pg_foreign_table", 3118),
            java.util.Map.entry("pg_policy", 3256), java.util.Map.entry("pg_partitioned_table", 3350),
            java.util.Map.entry("pg_statistic_ext", 3381), java.util.Map.entry("pg_collation", 3456),
            java.util.Map.entry("pg_event_trigger", 3466), java.util.Map.entry("pg_enum", 3501),
            java.util.Map.entry("pg_subscription", 6100), java.util.Map.entry("pg_publication", 6104),
            java.util.Map.entry("pg_publication_rel", 6106), java.util.Map.entry("pg_publication_namespace", 6237));

    /**
     * The OID of an object of a kind (r relation, i index, S sequence, c constraint, d database ...)
     * in a schema.
     */
    public static int of(char kind, String schema, String name) {
        if (kind == 'r' && schema.equals("pg_catalog")) {
            Integer fixed = SYSTEM_CATALOGS.get(name);
            if (fixed != null) {
                return fixed;
            }
        }
        CRC32C crc = new CRC32C();
        crc.update(kind);
        crc.update((schema + '\0' + name).getBytes(StandardCharsets.UTF_8));
        long h = crc.getValue();
        return FIRST_NORMAL + (int) (h % (Integer.MAX_VALUE - FIRST_NORMAL));
    }
}
