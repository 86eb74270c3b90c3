package dev.tusk.server.engine.h2;

import java.util.Map;

/**
 * PostgreSQL type names (and their internal aliases) as H2 spells them. Only names H2 would read
 * differently or not at all are listed; the rest pass through.
 */
final class TypeNames {
    private static final Map<String, String> H2_NAMES = Map.ofEntries(
            Map.entry("int2", "smallint"),
            Map.entry("int4", "integer"),
            Map.entry("int8", "bigint"),
            Map.entry("float4", "real"),
            Map.entry("float8", "double precision"),
            Map.entry("bool", "boolean"),
            // H2's TEXT is a CLOB (a large object, slow and not comparable); PostgreSQL's text is a string.
            Map.entry("text", "character varying"),
            // json, name and oid are Tusk's domains (see ColumnTypes), so a column keeps its type
            Map.entry("name", "pg_catalog.tusk_name"),
            Map.entry("json", "pg_catalog.tusk_json"),
            Map.entry("bpchar", "character"),
            Map.entry("bytea", "binary varying"),
            // numeric without precision: H2's NUMERIC would round to its default scale and has no NaN
            Map.entry("numeric", "decfloat"),
            Map.entry("decimal", "decfloat"),
            Map.entry("jsonb", "json"),
            Map.entry("timestamptz", "timestamp with time zone"),
            // PostgreSQL keeps microseconds by default; H2's TIME keeps whole seconds unless told.
            Map.entry("time", "time(6)"),
            Map.entry("timetz", "time(6) with time zone"),
            Map.entry("serial4", "serial"),
            Map.entry("serial8", "bigserial"),
            Map.entry("oid", "pg_catalog.tusk_oid"),
            Map.entry("regclass", "integer"),
            Map.entry("regtype", "integer"),
            Map.entry("regproc", "integer"),
            Map.entry("regprocedure", "integer"),
            Map.entry("regnamespace", "integer"),
            Map.entry("regrole", "integer"),
            Map.entry("regoper", "integer"),
            Map.entry("citext", "varchar_ignorecase"));

    private TypeNames() {
    }

    /** The H2 spelling of a PostgreSQL type name, or null if H2 reads the name as PostgreSQL does. */
    static String h2Name(String pgName) {
        return H2_NAMES.get(pgName);
    }
}
