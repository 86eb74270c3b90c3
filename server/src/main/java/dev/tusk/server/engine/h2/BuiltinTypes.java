package dev.tusk.server.engine.h2;

import dev.tusk.protocol.types.PgTypes;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The built-in types Tusk has, as pg_type describes them (cf. catalog/pg_type.dat): storage
 * properties and the comment PostgreSQL 15 gives each. pg_type's rows, pg_attribute's
 * attlen/attbyval/attalign and pg_description's type comments all come from here, so they agree.
 */
public final class BuiltinTypes {
    private BuiltinTypes() {
    }

    /** One base type; its array type follows from it. */
    record Type(int oid, String name, int len, String category, String description) {
        boolean byValue() {
            return len > 0 && len <= 8;
        }

        String align() {
            if (len == 8 || len == 12 || oid == PgTypes.INTERVAL) {
                return "d";
            }
            return len == 2 ? "s" : len == 1 || len == 64 || oid == PgTypes.UUID ? "c" : "i";
        }

        String storage() {
            return len > 0 ? "p" : oid == PgTypes.NUMERIC ? "m" : "x";
        }
    }

    static final Type[] TYPES = {
        new Type(16, "bool", 1, "B", "boolean, 'true'/'false'"),
        new Type(17, "bytea", -1, "U", "variable-length string, binary values escaped"),
        new Type(19, "name", 64, "S", "63-byte type for storing system identifiers"),
        new Type(20, "int8", 8, "N", "~18 digit integer, 8-byte storage"),
        new Type(21, "int2", 2, "N", "-32 thousand to 32 thousand, 2-byte storage"),
        new Type(23, "int4", 4, "N", "-2 billion to 2 billion integer, 4-byte storage"),
        new Type(25, "text", -1, "S", "variable-length string, no limit specified"),
        new Type(26, "oid", 4, "N", "object identifier(oid), maximum 4 billion"),
        new Type(114, "json", -1, "U", "JSON stored as text"),
        new Type(700, "float4", 4, "N", "single-precision floating point number, 4-byte storage"),
        new Type(701, "float8", 8, "N", "double-precision floating point number, 8-byte storage"),
        new Type(1042, "bpchar", -1, "S", "char(length), blank-padded string, fixed storage length"),
        new Type(1043, "varchar", -1, "S", "varchar(length), non-blank-padded string, variable storage length"),
        new Type(1082, "date", 4, "D", "date"),
        new Type(1083, "time", 8, "D", "time of day"),
        new Type(1114, "timestamp", 8, "D", "date and time"),
        new Type(1184, "timestamptz", 8, "D", "date and time with time zone"),
        new Type(1186, "interval", 16, "T", "@ <number> <units>, time interval"),
        new Type(1266, "timetz", 12, "D", "time of day with time zone"),
        new Type(1700, "numeric", -1, "N", "numeric(precision, decimal), arbitrary precision number"),
        new Type(2950, "uuid", 16, "U", "UUID datatype"),
        new Type(3802, "jsonb", -1, "U", "Binary JSON"),
    };

    private static final Map<Integer, Type> BY_OID = Stream.of(TYPES).collect(Collectors.toMap(Type::oid, Function.identity()));

    /** Types whose I/O functions are named type_in, type_out ... rather than typein, typeout ... */
    private static final java.util.Set<String> UNDERSCORED_IO = java.util.Set.of("date", "time", "timestamp",
            "timestamptz", "interval", "timetz", "numeric", "uuid", "json", "jsonb");

    /** pg_attribute.attlen of a column of the type (arrays and unknown types are variable-length). */
    public static Short typlen(Integer oid) {
        Type t = oid == null ? null : BY_OID.get(oid);
        return (short) (t == null ? -1 : t.len());
    }

    public static Boolean typbyval(Integer oid) {
        Type t = oid == null ? null : BY_OID.get(oid);
        return t != null && t.byValue();
    }

    /** An array is aligned as double when its elements are, else as int (as PostgreSQL declares them). */
    public static String typalign(Integer oid) {
        Type t = oid == null ? null : BY_OID.get(oid);
        if (t != null) {
            return t.align();
        }
        Type element = oid == null ? null : BY_OID.get(PgTypesElement.of(oid));
        return element != null && element.align().equals("d") ? "d" : "i";
    }

    /** regtype output: the type as format_type names it. */
    public static String regtypeOut(Integer oid) {
        return oid == null ? null : PgCatalogDefinitions.formatType(oid, -1);
    }

    /** regtype input: a type's OID from its name, its SQL spelling (integer, text[]) or its OID as text. */
    public static Integer regtypeIn(String name) throws java.sql.SQLException {
        if (name == null) {
            return null;
        }
        String n = name.trim().toLowerCase(java.util.Locale.ROOT);
        if (!n.isEmpty() && n.chars().allMatch(Character::isDigit)) {
            return Integer.valueOf(n);
        }
        for (Type t : TYPES) {
            int array = PgTypes.arrayOf(t.oid());
            if (n.equals(t.name()) || n.equals(regtypeOut(t.oid()))) {
                return t.oid();
            }
            if (n.equals("_" + t.name()) || n.equals(regtypeOut(array))) {
                return array;
            }
        }
        throw new java.sql.SQLException("type \"" + name + "\" does not exist", dev.tusk.protocol.SqlState.UNDEFINED_OBJECT);
    }

    /** pg_description rows (objoid, classoid 1247 pg_type, objsubid 0, description) for the base types. */
    static String descriptionRows() {
        StringBuilder sb = new StringBuilder();
        for (Type t : TYPES) {
            sb.append(sb.length() > 0 ? ", " : "").append('(').append(t.oid()).append(", 1247, 0, ")
                    .append("'").append(t.description().replace("'", "''")).append("'").append(')');
        }
        return sb.toString();
    }

    /** pg_type rows for the types and their arrays, in pg_type's column order. */
    static String typeRows() {
        StringBuilder sb = new StringBuilder();
        for (Type t : TYPES) {
            int array = PgTypes.arrayOf(t.oid());
            boolean collatable = t.category().equals("S");
            row(sb, t.oid(), t.name(), t.len(), t.byValue(), t.category(), 0, array, collatable, t.align(), t.storage());
            row(sb, array, "_" + t.name(), -1, false, "A", t.oid(), 0, collatable, typalign(array), "x");
        }
        return sb.toString();
    }

    private static void row(StringBuilder sb, int oid, String name, int len, boolean byValue, String category, int elem,
                            int array, boolean collatable, String align, String storage) {
        String io = elem != 0 ? "array_" : UNDERSCORED_IO.contains(name) ? name + "_" : name;
        sb.append(sb.length() > 0 ? ", " : "").append('(').append(oid).append(", '").append(name).append("', 11, 10, ")
                .append(len).append(", ").append(byValue ? "TRUE" : "FALSE").append(", 'b', '")
                .append(category).append("', FALSE, TRUE, ',', 0, ").append(elem).append(", ").append(array)
                .append(", 0, -1, 0, ").append(collatable ? 100 : 0).append(", FALSE, '")
                .append(io).append("in").append("', '").append(io).append("out', '")
                .append(io).append("recv', '").append(io).append("send', '-', '-', '")
                .append(elem != 0 ? "array_typanalyze" : "-").append("', '").append(align).append("', '").append(storage)
                .append("', '").append(elem != 0 ? "array_subscript_handler" : "-")
                .append("', CAST(NULL AS VARCHAR), CAST(NULL AS VARCHAR), CAST(NULL AS VARCHAR ARRAY))");
    }
}
