package dev.tusk.server.engine.h2;

import dev.tusk.protocol.types.PgTypes;
import dev.tusk.server.sql.Token;
import dev.tusk.server.sql.TokenType;
import java.util.List;
import java.util.Map;

/**
 * Type names as written in SQL: where a (possibly multi-word) type name ends, and the internal name
 * PostgreSQL labels a cast column with ({@code select 1::integer} is column {@code int4}).
 */
final class PgTypeLabels {
    private static final Map<String, String> INTERNAL = Map.ofEntries(
            Map.entry("int", "int4"), Map.entry("integer", "int4"), Map.entry("int4", "int4"),
            Map.entry("smallint", "int2"), Map.entry("int2", "int2"),
            Map.entry("bigint", "int8"), Map.entry("int8", "int8"),
            Map.entry("real", "float4"), Map.entry("float4", "float4"),
            Map.entry("double precision", "float8"), Map.entry("float8", "float8"), Map.entry("float", "float8"),
            Map.entry("boolean", "bool"), Map.entry("bool", "bool"),
            Map.entry("character varying", "varchar"), Map.entry("char varying", "varchar"), Map.entry("varchar", "varchar"),
            Map.entry("character", "bpchar"), Map.entry("char", "bpchar"), Map.entry("bpchar", "bpchar"),
            Map.entry("decimal", "numeric"), Map.entry("dec", "numeric"),
            Map.entry("timestamp with time zone", "timestamptz"),
            Map.entry("timestamp without time zone", "timestamp"),
            Map.entry("time with time zone", "timetz"), Map.entry("time without time zone", "time"));

    /** SQL-standard names for types in error messages ("invalid input syntax for type integer"). */
    private static final Map<String, String> SQL_NAMES = Map.ofEntries(
            Map.entry("int4", "integer"), Map.entry("int2", "smallint"), Map.entry("int8", "bigint"),
            Map.entry("float4", "real"), Map.entry("float8", "double precision"), Map.entry("bool", "boolean"),
            Map.entry("varchar", "character varying"), Map.entry("bpchar", "character"),
            Map.entry("timestamp", "timestamp without time zone"), Map.entry("timestamptz", "timestamp with time zone"),
            Map.entry("time", "time without time zone"), Map.entry("timetz", "time with time zone"));

    /** Functions PostgreSQL labels by the function its syntax stands for (trim(x) is btrim). */
    private static final Map<String, String> FUNCTION_LABELS = Map.of("trim", "btrim",
            // the JSON operators, rewritten to calls: PostgreSQL labels an operator expression ?column?
            "tusk_json_get", "?column?", "tusk_json_get_text", "?column?", "tusk_regex_match", "?column?");

    private PgTypeLabels() {
    }

    /** The OID of a built-in type by its internal name (int4, text, ...); 0 if not one Tusk knows. */
    static int oid(String internal) {
        switch (internal) {
            case "bool": return PgTypes.BOOL;
            case "bytea": return PgTypes.BYTEA;
            case "name": return PgTypes.NAME;
            case "int2": return PgTypes.INT2;
            case "int4": return PgTypes.INT4;
            case "int8": return PgTypes.INT8;
            case "text": return PgTypes.TEXT;
            case "oid": return PgTypes.OID;
            case "json": return PgTypes.JSON;
            case "jsonb": return PgTypes.JSONB;
            case "float4": return PgTypes.FLOAT4;
            case "float8": return PgTypes.FLOAT8;
            case "bpchar": return PgTypes.BPCHAR;
            case "varchar": return PgTypes.VARCHAR;
            case "date": return PgTypes.DATE;
            case "time": return PgTypes.TIME;
            case "timetz": return PgTypes.TIMETZ;
            case "timestamp": return PgTypes.TIMESTAMP;
            case "timestamptz": return PgTypes.TIMESTAMPTZ;
            case "interval": return PgTypes.INTERVAL;
            case "numeric": return PgTypes.NUMERIC;
            case "uuid": return PgTypes.UUID;
            default: return 0;
        }
    }

    static String sqlName(String internal) {
        return SQL_NAMES.getOrDefault(internal, internal);
    }

    static String functionLabel(String function) {
        return FUNCTION_LABELS.getOrDefault(function, function);
    }

    /** The end (exclusive) of the type name starting at i: words, (modifiers) and [] suffixes. */
    static int typeNameEnd(List<Token> t, int i, int to) {
        if (i >= to || !(t.get(i).is(TokenType.IDENT) || t.get(i).is(TokenType.QUOTED_IDENT))) {
            return i;
        }
        String w = t.get(i).value();
        i++;
        while (i + 1 < to && t.get(i).isPunct('.')) {
            i += 2;
        }
        if (w.equals("double") && i < to && t.get(i).isWord("precision")) {
            i++;
        } else if ((w.equals("character") || w.equals("char") || w.equals("bit")) && i < to && t.get(i).isWord("varying")) {
            i++;
        }
        i = modifiers(t, i, to);
        if ((w.equals("timestamp") || w.equals("time")) && i + 2 < to
                && (t.get(i).isWord("with") || t.get(i).isWord("without")) && t.get(i + 1).isWord("time")
                && t.get(i + 2).isWord("zone")) {
            i += 3;
        }
        while (i < to && t.get(i).isPunct('[')) {
            i = H2SqlGenerator.matching(t, i) + 1;
        }
        return i;
    }

    private static int modifiers(List<Token> t, int i, int to) {
        return i < to && t.get(i).isPunct('(') ? H2SqlGenerator.matching(t, i) + 1 : i;
    }

    /** PostgreSQL's column label for a cast to the type written at [from,to). */
    static String label(List<Token> t, int from, int to) {
        StringBuilder words = new StringBuilder();
        for (int i = from; i < to; i++) {
            Token x = t.get(i);
            if (x.isPunct('(') || x.isPunct('[')) {
                i = H2SqlGenerator.matching(t, i);
                continue;
            }
            if (x.isPunct('.')) {
                words.setLength(0);
                continue;
            }
            if (x.is(TokenType.IDENT) || x.is(TokenType.QUOTED_IDENT)) {
                if (words.length() > 0) {
                    words.append(' ');
                }
                words.append(x.value());
            }
        }
        String name = words.toString();
        return INTERNAL.getOrDefault(name, name.isEmpty() ? "?column?" : name);
    }
}
