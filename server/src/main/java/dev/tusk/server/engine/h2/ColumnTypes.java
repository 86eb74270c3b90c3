package dev.tusk.server.engine.h2;

import dev.tusk.protocol.types.PgTypes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * One database's table columns declared json, name or oid. H2 has no such types: Tusk declares
 * them with domains over H2 types (see {@link TypeNames}), and H2's result metadata names only the
 * base type, so the column's PostgreSQL type comes from here. Reloaded from the engine's catalog
 * after any DDL Tusk runs in the database ({@link #invalidate}); not on H2's own modification meta
 * id, which every SET statement moves, so that a result's description never waits on a catalog
 * query in the steady state.
 */
final class ColumnTypes {
    /** Tusk's domains and the PostgreSQL types they stand for. */
    static final Map<String, Integer> DOMAINS = Map.of("tusk_json", PgTypes.JSON, "tusk_name", PgTypes.NAME,
            "tusk_oid", PgTypes.OID);

    /** The domains, created in pg_catalog of every database. */
    static final String[] DOMAIN_DDL = {
        "CREATE DOMAIN IF NOT EXISTS pg_catalog.tusk_json AS CHARACTER VARYING CHECK (VALUE IS JSON)",
        "CREATE DOMAIN IF NOT EXISTS pg_catalog.tusk_name AS CHARACTER VARYING(63)",
        // oid is unsigned 32-bit: H2's INTEGER cannot hold the upper half
        "CREATE DOMAIN IF NOT EXISTS pg_catalog.tusk_oid AS BIGINT CHECK (VALUE BETWEEN 0 AND 4294967295)",
    };

    private record Snapshot(long version, Map<String, Integer> types) {
    }

    private final java.util.concurrent.atomic.AtomicLong version = new java.util.concurrent.atomic.AtomicLong();
    private volatile Snapshot snapshot = new Snapshot(-1, Map.of());

    /** DDL ran in this database (in any session): reload before the next answer. */
    void invalidate() {
        version.incrementAndGet();
    }

    /** The PostgreSQL type of schema.table.column if it is one of the domains' types, else 0. */
    int typeOf(Connection c, String schema, String table, String column) throws SQLException {
        long v = version.get();
        Snapshot s = snapshot;
        if (s.version() != v) {
            s = reload(c, v);
        }
        return s.types().isEmpty() ? 0 : s.types().getOrDefault(schema + "." + table + "." + column, 0);
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
        snapshot = new Snapshot(v, types);
        return snapshot;
    }
}
