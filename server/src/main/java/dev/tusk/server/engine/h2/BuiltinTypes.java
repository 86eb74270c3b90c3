package dev.tusk.server.engine.h2;

import dev.tusk.server.catalog.PgOids;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.h2.tools.SimpleResultSet;

/**
 * PostgreSQL 15's built-in types as its pg_type lists them (cf. catalog/pg_type.dat): every row
 * that describes no relation (typrelid 0), in pg_catalog and information_schema, with its comment,
 * captured from a real PostgreSQL 15 as data (pg15-types.tsv). A client maps the type OIDs it
 * receives to names through pg_type, so it lists the types Tusk cannot store as well; creating a
 * column of one fails in the engine. pg_type's rows, pg_attribute's attlen/attbyval/attalign,
 * pg_description's type comments and regtype all come from here, so they agree.
 */
public final class BuiltinTypes {
    /** pg_type's columns in PostgreSQL 15's order, as the engine declares them; the file has them in this order. */
    private static final String[][] COLUMNS = {
        {"oid", "INTEGER"}, {"typname", "VARCHAR"}, {"typnamespace", "INTEGER"}, {"typowner", "INTEGER"},
        {"typlen", "SMALLINT"}, {"typbyval", "BOOLEAN"}, {"typtype", "CHAR"}, {"typcategory", "CHAR"},
        {"typispreferred", "BOOLEAN"}, {"typisdefined", "BOOLEAN"}, {"typdelim", "CHAR"}, {"typrelid", "INTEGER"},
        {"typsubscript", "VARCHAR"}, {"typelem", "INTEGER"}, {"typarray", "INTEGER"}, {"typinput", "VARCHAR"},
        {"typoutput", "VARCHAR"}, {"typreceive", "VARCHAR"}, {"typsend", "VARCHAR"}, {"typmodin", "VARCHAR"},
        {"typmodout", "VARCHAR"}, {"typanalyze", "VARCHAR"}, {"typalign", "CHAR"}, {"typstorage", "CHAR"},
        {"typnotnull", "BOOLEAN"}, {"typbasetype", "INTEGER"}, {"typtypmod", "INTEGER"}, {"typndims", "INTEGER"},
        {"typcollation", "INTEGER"}, {"typdefaultbin", "VARCHAR"}, {"typdefault", "VARCHAR"}, {"typacl", "VARCHAR ARRAY"},
    };
    private static final int OID = 0;
    private static final int NAME = 1;
    private static final int NAMESPACE = 2;
    private static final int LEN = 4;
    private static final int BYVAL = 5;
    private static final int ELEM = 13;
    private static final int ARRAY = 14;
    private static final int ALIGN = 22;
    private static final int STORAGE = 23;
    private static final int DESCRIPTION = COLUMNS.length;

    /** The file's rows: pg_type's columns (typnamespace by name, NULL as \N), then the comment. */
    private static final List<String[]> ROWS = load();
    private static final Map<Integer, String[]> BY_OID = new HashMap<>();

    static {
        for (String[] row : ROWS) {
            BY_OID.put(Integer.valueOf(row[OID]), row);
        }
    }

    private BuiltinTypes() {
    }

    private static List<String[]> load() {
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                BuiltinTypes.class.getResourceAsStream("pg15-types.tsv"), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                rows.add(line.split("\t", -1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(rows);
    }

    /** pg_type's select list over tusk_type_rows(): typacl, always NULL, is declared as the array it is there. */
    static String columnList() {
        StringBuilder sb = new StringBuilder();
        for (String[] c : COLUMNS) {
            sb.append(sb.length() > 0 ? ", " : "")
                    .append(c[1].endsWith(" ARRAY") ? "CAST(NULL AS " + c[1] + ") AS " + c[0] : c[0]);
        }
        return sb.toString();
    }

    /** The rows as the engine's values, converted once: every query over pg_type reads them. */
    private static final List<Object[]> VALUES = ROWS.stream().map(BuiltinTypes::values).toList();

    private static Object[] values(String[] row) {
        Object[] values = new Object[COLUMNS.length];
        for (int i = 0; i < COLUMNS.length; i++) {
            String v = row[i];
            values[i] = v.equals("\\N") || COLUMNS[i][1].endsWith(" ARRAY") ? null
                    : i == NAMESPACE ? PgOids.namespace(v) : value(COLUMNS[i][1], v);
        }
        return values;
    }

    /** pg_type's built-in rows (tusk_type_rows()). */
    public static ResultSet typeRows() {
        SimpleResultSet rs = new SimpleResultSet();
        for (String[] c : COLUMNS) {
            rs.addColumn(c[0], sqlType(c[1]), c[1].equals("CHAR") ? 1 : 0, 0);
        }
        for (Object[] row : VALUES) {
            rs.addRow(row.clone());
        }
        return rs;
    }

    private static int sqlType(String declared) {
        switch (declared) {
            case "INTEGER": return Types.INTEGER;
            case "SMALLINT": return Types.SMALLINT;
            case "BOOLEAN": return Types.BOOLEAN;
            case "CHAR": return Types.CHAR;
            default: return Types.VARCHAR;
        }
    }

    private static Object value(String declared, String text) {
        switch (declared) {
            case "INTEGER": return Integer.valueOf(text);
            case "SMALLINT": return Short.valueOf(text);
            case "BOOLEAN": return text.equals("t");
            default: return text;
        }
    }

    /** pg_attribute.attlen of a column of the type (unknown types are variable-length). */
    public static Short typlen(Integer oid) {
        String[] t = oid == null ? null : BY_OID.get(oid);
        return t == null ? -1 : Short.valueOf(t[LEN]);
    }

    public static Boolean typbyval(Integer oid) {
        String[] t = oid == null ? null : BY_OID.get(oid);
        return t != null && t[BYVAL].equals("t");
    }

    public static String typalign(Integer oid) {
        String[] t = oid == null ? null : BY_OID.get(oid);
        return t == null ? "i" : t[ALIGN];
    }

    /**
     * format_type's name of a built-in type it does not spell specially: an array as its element's
     * name with [] (int2vector and oidvector, stored plain, are not arrays to it), an
     * information_schema type qualified; null for a type not built in.
     */
    static String formatName(int oid) {
        String[] t = BY_OID.get(oid);
        if (t == null) {
            return null;
        }
        if (!t[ELEM].equals("0") && !t[STORAGE].equals("p")) {
            return PgCatalogDefinitions.formatType(Integer.valueOf(t[ELEM]), -1) + "[]";
        }
        return t[NAMESPACE].equals("pg_catalog") ? t[NAME] : t[NAMESPACE] + "." + t[NAME];
    }

    /** PostgreSQL 15's default btree operator classes (pg_opclass) of the types Tusk stores. */
    private static final Map<Integer, Integer> BTREE_OPCLASS = Map.ofEntries(Map.entry(16, 10003), Map.entry(17, 10006),
            Map.entry(19, 10028), Map.entry(20, 3124), Map.entry(21, 1979), Map.entry(23, 1978), Map.entry(25, 3126),
            Map.entry(26, 1981), Map.entry(700, 10012), Map.entry(701, 3123), Map.entry(1042, 10004),
            Map.entry(1043, 3126), Map.entry(1082, 3122), Map.entry(1083, 10038), Map.entry(1114, 3128),
            Map.entry(1184, 3127), Map.entry(1186, 10022), Map.entry(1266, 10041), Map.entry(1700, 3125),
            Map.entry(2950, 10065), Map.entry(3802, 10088));
    private static final int ENUM_OPS = 10069;

    /** pg_index.indclass of an index column: its type's default btree operator class (varchar's is text_ops). */
    public static Integer btreeOpclass(String dataType, String domain, Long length) {
        if (dataType == null) {
            return 0;
        }
        if (dataType.equalsIgnoreCase("ENUM")) {
            return ENUM_OPS;
        }
        Integer fromDomain = domain == null ? null : ColumnTypes.DOMAINS.get(domain);
        int type = fromDomain != null ? fromDomain
                : PgCatalogDefinitions.tuskTypeOid(dataType, length);
        return BTREE_OPCLASS.getOrDefault(type, 0);
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
        if (n.endsWith("[]")) {
            String[] element = BY_OID.get(regtypeIn(n.substring(0, n.length() - 2)));
            if (element != null && !element[ARRAY].equals("0")) {
                return Integer.valueOf(element[ARRAY]);
            }
        }
        for (String[] t : ROWS) {
            int oid = Integer.parseInt(t[OID]);
            if (t[NAMESPACE].equals("pg_catalog") && (n.equals(t[NAME]) || n.equals(regtypeOut(oid)))) {
                return oid;
            }
        }
        throw new java.sql.SQLException("type \"" + name + "\" does not exist", dev.tusk.protocol.SqlState.UNDEFINED_OBJECT);
    }

    /** pg_description rows (objoid, classoid 1247 pg_type, objsubid 0, description) for the built-in types. */
    static String descriptionRows() {
        StringBuilder sb = new StringBuilder();
        for (String[] t : ROWS) {
            if (!t[DESCRIPTION].equals("\\N")) {
                sb.append(sb.length() > 0 ? ", " : "").append('(').append(t[OID]).append(", 1247, 0, ")
                        .append("'").append(t[DESCRIPTION].replace("'", "''")).append("'").append(')');
            }
        }
        return sb.toString();
    }
}
