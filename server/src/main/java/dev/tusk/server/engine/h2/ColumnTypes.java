package dev.tusk.server.engine.h2;

import dev.tusk.protocol.types.PgTypes;
import dev.tusk.server.catalog.PgOids;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One database's table columns declared json, name, oid or an enum type, and the catalogs' vectors. H2 has no such types: Tusk
 * declares them with domains (see {@link TypeNames}, {@link EnumTypes}), and H2's result metadata
 * names only the base type, so the column's PostgreSQL type comes from here, and an enum's name for
 * an error about its values. Reloaded from the engine's catalog
 * after any DDL Tusk runs in the database ({@link #invalidate}); not on H2's own modification meta
 * id, which every SET statement moves, so that a result's description never waits on a catalog
 * query in the steady state.
 */
final class ColumnTypes {
    /** Tusk's domains and the PostgreSQL types they stand for. */
    static final Map<String, Integer> DOMAINS = Map.of("tusk_json", PgTypes.JSON, "tusk_name", PgTypes.NAME,
            "tusk_oid", PgTypes.OID);

    /**
     * The catalogs' vector columns, which the engine holds as arrays: PostgreSQL's int2vector and
     * oidvector print space-separated.
     */
    private static final Map<String, Integer> VECTORS = Map.of("pg_catalog.pg_index.indkey", PgTypes.INT2VECTOR,
            "pg_catalog.pg_index.indoption", PgTypes.INT2VECTOR, "pg_catalog.pg_index.indcollation", PgTypes.OIDVECTOR,
            "pg_catalog.pg_index.indclass", PgTypes.OIDVECTOR, "pg_catalog.pg_trigger.tgattr", PgTypes.INT2VECTOR,
            "pg_catalog.pg_proc.proargtypes", PgTypes.OIDVECTOR);

    /** The domains, created in pg_catalog of every database. */
    static final String[] DOMAIN_DDL = {
        "CREATE DOMAIN IF NOT EXISTS pg_catalog.tusk_json AS CHARACTER VARYING CHECK (VALUE IS JSON)",
        "CREATE DOMAIN IF NOT EXISTS pg_catalog.tusk_name AS CHARACTER VARYING(63)",
        // oid is unsigned 32-bit: H2's INTEGER cannot hold the upper half
        "CREATE DOMAIN IF NOT EXISTS pg_catalog.tusk_oid AS BIGINT CHECK (VALUE BETWEEN 0 AND 4294967295)",
    };

    /**
     * types: schema.table.column to the PostgreSQL type's OID; enums: an enum's labels (as H2 lists
     * them in its type and its errors) to the enum type's name.
     */
    private record Snapshot(long version, Map<String, Integer> types, Map<List<String>, String> enums) {
    }

    private final java.util.concurrent.atomic.AtomicLong version = new java.util.concurrent.atomic.AtomicLong();
    private volatile Snapshot snapshot = new Snapshot(-1, Map.of(), Map.of());

    /** DDL ran in this database (in any session): reload before the next answer. */
    void invalidate() {
        version.incrementAndGet();
    }

    /** The PostgreSQL type of schema.table.column if it is one of the domains' types, else 0. */
    int typeOf(Connection c, String schema, String table, String column) throws SQLException {
        if (schema.equals("pg_catalog")) {
            return VECTORS.getOrDefault(schema + "." + table + "." + column, 0);
        }
        Snapshot s = current(c);
        return s.types().isEmpty() ? 0 : s.types().getOrDefault(schema + "." + table + "." + column, 0);
    }

    /** The name of the enum type with these labels (H2 names an enum by them in its errors), or null. */
    String enumName(Connection c, List<String> labels) throws SQLException {
        return current(c).enums().get(labels);
    }

    private Snapshot current(Connection c) throws SQLException {
        long v = version.get();
        Snapshot s = snapshot;
        return s.version() == v ? s : reload(c, v);
    }

    private synchronized Snapshot reload(Connection c, long v) throws SQLException {
        if (snapshot.version() == v) {
            return snapshot;
        }
        Map<String, Integer> types = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT table_schema, table_name, column_name, domain_name"
                + " FROM information_schema.columns WHERE domain_schema = 'pg_catalog'"
                + " AND domain_name IN ('tusk_json', 'tusk_name', 'tusk_oid')");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                types.put(rs.getString(1) + "." + rs.getString(2) + "." + rs.getString(3), DOMAINS.get(rs.getString(4)));
            }
        }
        Map<List<String>, String> enums = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT c.table_schema, c.table_name, c.column_name,"
                + " d.domain_schema, d.domain_name FROM information_schema.domains d LEFT JOIN information_schema.columns c"
                + " ON c.domain_schema = d.domain_schema AND c.domain_name = d.domain_name WHERE UPPER(d.data_type) = 'ENUM'");
             ResultSet rs = ps.executeQuery()) {
            Set<String> seen = new HashSet<>();
            while (rs.next()) {
                String schema = rs.getString(4);
                String name = rs.getString(5);
                if (seen.add(schema + "." + name)) {
                    enums.put(EnumTypes.labels(c, schema, name), name);
                }
                if (rs.getString(1) != null) {
                    types.put(rs.getString(1) + "." + rs.getString(2) + "." + rs.getString(3), PgOids.of('t', schema, name));
                }
            }
        }
        snapshot = new Snapshot(v, types, enums);
        return snapshot;
    }
}
