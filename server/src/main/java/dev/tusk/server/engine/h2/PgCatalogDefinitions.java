package dev.tusk.server.engine.h2;

import dev.tusk.protocol.types.PgTypes;
import dev.tusk.server.catalog.PgOids;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The functions that print catalog objects back as SQL, in PostgreSQL's wording (cf.
 * utils/adt/ruleutils.c and format_type.c): format_type, pg_get_expr, pg_get_indexdef,
 * pg_get_constraintdef. They read H2's INFORMATION_SCHEMA through the session's connection.
 */
public final class PgCatalogDefinitions {
    private PgCatalogDefinitions() {
    }

    /** format_type as SQL calls it: a built-in type by its SQL name, any other (an enum) by pg_type's. */
    public static String formatTypeOf(Connection c, Integer oid, Integer typmod) throws SQLException {
        String name = formatType(oid, typmod);
        return "???".equals(name) ? EnumTypes.typeName(c, oid) : name;
    }

    /** format_type(type oid, typmod): the type as SQL spells it, with its modifier. */
    public static String formatType(Integer oid, Integer typmod) {
        if (oid == null) {
            return null;
        }
        int mod = typmod == null ? -1 : typmod;
        int element = PgTypesElement.of(oid);
        if (PgTypes.arrayOf(element) == oid) {
            return formatType(element, mod) + "[]";
        }
        switch (oid) {
            case PgTypes.BOOL: return "boolean";
            case PgTypes.BYTEA: return "bytea";
            case PgTypes.NAME: return "name";
            case PgTypes.INT8: return "bigint";
            case PgTypes.INT2: return "smallint";
            case PgTypes.INT4: return "integer";
            case PgTypes.TEXT: return "text";
            case PgTypes.OID: return "oid";
            case PgTypes.JSON: return "json";
            case PgTypes.FLOAT4: return "real";
            case PgTypes.FLOAT8: return "double precision";
            case PgTypes.BPCHAR: return mod > 4 ? "character(" + (mod - 4) + ")" : "bpchar";
            case PgTypes.VARCHAR: return mod > 4 ? "character varying(" + (mod - 4) + ")" : "character varying";
            case PgTypes.DATE: return "date";
            case PgTypes.TIME: return "time without time zone";
            case PgTypes.TIMESTAMP: return "timestamp without time zone";
            case PgTypes.TIMESTAMPTZ: return "timestamp with time zone";
            case PgTypes.INTERVAL: return "interval";
            case PgTypes.TIMETZ: return "time with time zone";
            case PgTypes.NUMERIC: return mod > 4 ? "numeric(" + ((mod - 4) >> 16) + "," + ((mod - 4) & 0xffff) + ")" : "numeric";
            case PgTypes.UUID: return "uuid";
            case PgTypes.JSONB: return "jsonb";
            default: {
                String name = BuiltinTypes.formatName(oid);
                return name == null ? "???" : name;
            }
        }
    }

    /** The PostgreSQL type of an H2 column type, for pg_attribute. */
    public static int tuskTypeOid(String h2Type, Long length) {
        return H2Types.oid(h2Type.toUpperCase(java.util.Locale.ROOT), length == null ? 0 : (int) Math.min(length, Integer.MAX_VALUE));
    }

    /**
     * An array column's type: the array type of its element type, read from the column's result
     * metadata ("INTEGER ARRAY"), since H2's ELEMENT_TYPES fails on some of the catalog's views.
     */
    public static int tuskArrayTypeOid(Connection c, String schema, String table, String column) throws SQLException {
        String sql = "select " + dev.tusk.server.sql.Identifiers.quote(column) + " from "
                + dev.tusk.server.sql.Identifiers.quote(schema) + "." + dev.tusk.server.sql.Identifiers.quote(table)
                + " where false";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            String type = ps.getMetaData().getColumnTypeName(1);
            String element = type.toUpperCase(java.util.Locale.ROOT).endsWith(" ARRAY")
                    ? type.substring(0, type.length() - " ARRAY".length()) : type;
            return PgTypes.arrayOf(tuskTypeOid(element, null));
        }
    }

    /** The type modifier PostgreSQL records for a column: length + 4, or (precision << 16 | scale) + 4. */
    public static int tuskTypmod(String h2Type, Long length, Integer precision, Integer scale) {
        String t = h2Type.toUpperCase(java.util.Locale.ROOT);
        if ((t.equals("CHARACTER VARYING") || t.equals("CHARACTER")) && length != null && length < 1_000_000_000L) {
            return (int) (length + 4);
        }
        if (t.equals("NUMERIC") && precision != null) {
            return ((precision << 16) | (scale == null ? 0 : scale)) + 4;
        }
        return -1;
    }

    /** pg_get_expr: a column default (H2's SQL) in PostgreSQL's spelling where they differ. */
    public static String pgGetExpr(String expr, Integer relation) {
        return pgGetExpr(expr, relation, false);
    }

    public static String pgGetExpr(String expr, Integer relation, Boolean pretty) {
        if (expr == null) {
            return null;
        }
        String e = expr.trim();
        if (e.startsWith("NEXT VALUE FOR ")) {
            String seq = e.substring("NEXT VALUE FOR ".length());
            int dot = seq.lastIndexOf("\".\"");
            String name = (dot >= 0 ? seq.substring(dot + 3) : seq).replace("\"", "");
            return "nextval('" + name + "'::regclass)";
        }
        // a serial column's default names its sequence by text; PostgreSQL prints it as regclass,
        // qualified only when not on the search path (for public, the default path, unqualified)
        java.util.regex.Matcher nextval = java.util.regex.Pattern.compile("NEXTVAL\\('([^']*)'\\)").matcher(e);
        if (nextval.matches()) {
            String name = nextval.group(1).startsWith("public.") ? nextval.group(1).substring(7) : nextval.group(1);
            return "nextval('" + name + "'::regclass)";
        }
        // H2 keeps now() as LOCALTIMESTAMP; now() is how PostgreSQL schemas write it
        if (e.equals("LOCALTIMESTAMP")) {
            return "now()";
        }
        return e;
    }

    /** An index of the table, by the OID the catalogs give it. */
    private record IndexInfo(String schema, String name, String table, boolean unique, List<String> columns) {
    }

    private static IndexInfo index(Connection c, int oid) throws SQLException {
        String sql = "select i.index_schema, coalesce(tc.constraint_name, i.index_name), i.table_name, i.index_type_name,"
                + " i.index_name from information_schema.indexes i left join information_schema.table_constraints tc"
                + " on tc.index_schema = i.index_schema and tc.index_name = i.index_name";
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                if (PgOids.of('i', rs.getString(1), rs.getString(2)) == oid) {
                    return new IndexInfo(rs.getString(1), rs.getString(2), rs.getString(3),
                            !rs.getString(4).equals("INDEX"), indexColumns(c, rs.getString(1), rs.getString(5)));
                }
            }
        }
        return null;
    }

    private static List<String> indexColumns(Connection c, String schema, String index) throws SQLException {
        List<String> cols = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select column_name from information_schema.index_columns"
                + " where index_schema = ? and index_name = ? order by ordinal_position")) {
            ps.setString(1, schema);
            ps.setString(2, index);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    cols.add(rs.getString(1));
                }
            }
        }
        return cols;
    }

    /** pg_get_indexdef: CREATE [UNIQUE] INDEX name ON schema.table USING btree (columns). */
    public static String pgGetIndexdef(Connection c, Integer oid, Integer column, Boolean pretty) throws SQLException {
        IndexInfo i = oid == null ? null : index(c, oid);
        if (i == null) {
            return null;
        }
        if (column != null && column > 0) {
            // one key column: its name; past the last, an empty string
            return column <= i.columns().size() ? i.columns().get(column - 1) : "";
        }
        return "CREATE " + (i.unique() ? "UNIQUE " : "") + "INDEX " + i.name() + " ON " + i.schema() + "." + i.table()
                + " USING btree (" + String.join(", ", i.columns()) + ")";
    }

    public static String pgGetIndexdef(Connection c, Integer oid) throws SQLException {
        return pgGetIndexdef(c, oid, 0, false);
    }

    /** pg_get_constraintdef: PRIMARY KEY (...), UNIQUE (...), FOREIGN KEY (...) REFERENCES t(...), CHECK (...). */
    public static String pgGetConstraintdef(Connection c, Integer oid, Boolean pretty) throws SQLException {
        if (oid == null) {
            return null;
        }
        String sql = "select tc.constraint_schema, tc.constraint_name, tc.constraint_type, tc.index_schema, tc.index_name,"
                + " cc.check_clause, rc.unique_constraint_schema, rc.unique_constraint_name, rc.update_rule, rc.delete_rule"
                + " from information_schema.table_constraints tc"
                + " left join information_schema.check_constraints cc on cc.constraint_schema = tc.constraint_schema"
                + " and cc.constraint_name = tc.constraint_name"
                + " left join information_schema.referential_constraints rc on rc.constraint_schema = tc.constraint_schema"
                + " and rc.constraint_name = tc.constraint_name";
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                if (PgOids.of('c', rs.getString(1), rs.getString(2)) != oid) {
                    continue;
                }
                switch (rs.getString(3)) {
                    case "PRIMARY KEY":
                        return "PRIMARY KEY (" + String.join(", ", keyColumns(c, rs.getString(1), rs.getString(2))) + ")";
                    case "UNIQUE":
                        return "UNIQUE (" + String.join(", ", keyColumns(c, rs.getString(1), rs.getString(2))) + ")";
                    case "CHECK":
                        return "CHECK (" + checkClause(unquote(rs.getString(6)), Boolean.TRUE.equals(pretty)) + ")";
                    case "FOREIGN KEY": {
                        String[] referenced = referencedTable(c, rs.getString(7), rs.getString(8));
                        String def = "FOREIGN KEY (" + String.join(", ", keyColumns(c, rs.getString(1), rs.getString(2)))
                                + ") REFERENCES " + referenced[0] + "(" + referenced[1] + ")";
                        if (!"NO ACTION".equals(rs.getString(9)) && !"RESTRICT".equals(rs.getString(9))) {
                            def += " ON UPDATE " + rs.getString(9);
                        }
                        if (!"NO ACTION".equals(rs.getString(10)) && !"RESTRICT".equals(rs.getString(10))) {
                            def += " ON DELETE " + rs.getString(10);
                        }
                        return def;
                    }
                    default:
                        return null;
                }
            }
        }
        return null;
    }

    public static String pgGetConstraintdef(Connection c, Integer oid) throws SQLException {
        return pgGetConstraintdef(c, oid, false);
    }

    private static List<String> keyColumns(Connection c, String schema, String constraint) throws SQLException {
        List<String> cols = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select column_name from information_schema.key_column_usage"
                + " where constraint_schema = ? and constraint_name = ? order by ordinal_position")) {
            ps.setString(1, schema);
            ps.setString(2, constraint);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    cols.add(rs.getString(1));
                }
            }
        }
        return cols;
    }

    /** The table and columns of the unique constraint a foreign key references. */
    private static String[] referencedTable(Connection c, String schema, String constraint) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select table_name from information_schema.table_constraints"
                + " where constraint_schema = ? and constraint_name = ?")) {
            ps.setString(1, schema);
            ps.setString(2, constraint);
            try (ResultSet rs = ps.executeQuery()) {
                return new String[] {rs.next() ? rs.getString(1) : "?", String.join(", ", keyColumns(c, schema, constraint))};
            }
        }
    }

    private static final java.util.regex.Pattern NUMERIC_CAST =
            java.util.regex.Pattern.compile("CAST\\(([\\w.-]+) AS NUMERIC(\\(\\d+(, ?\\d+)?\\))?\\)");
    private static final java.util.regex.Pattern BETWEEN =
            java.util.regex.Pattern.compile("([\\w.]+) BETWEEN ([\\w.'-]+) AND ([\\w.'-]+)");
    private static final java.util.regex.Pattern CONJUNCT = java.util.regex.Pattern.compile("\\(([^()]*)\\)");

    /**
     * A check clause as the engine keeps it, closer to PostgreSQL's deparsed form: on one line,
     * numeric casts as ::numeric, BETWEEN as its two comparisons, a conjunction of simple terms
     * without their parentheses; without pretty, a single comparison in the extra parentheses
     * PostgreSQL puts around every operator expression. (Not a full deparser: other forms keep the
     * engine's spelling.)
     */
    static String checkClause(String clause, boolean pretty) {
        String c = clause.replaceAll("\\s*\\n\\s*", " ").trim();
        c = NUMERIC_CAST.matcher(c).replaceAll(pretty ? "$1::numeric" : "($1)::numeric");
        c = c.replaceAll("('(?:[^']|'')*')(?!::)", "$1::text"); // a string constant is text
        List<String> parts = topLevelConjuncts(c);
        if (parts.size() > 1) {
            StringBuilder joined = new StringBuilder();
            for (String part : parts) {
                java.util.regex.Matcher m = CONJUNCT.matcher(part);
                String term = m.matches() ? m.group(1) : part;
                if (term.contains("(") || term.contains(" OR ")) {
                    joined = null;
                    break;
                }
                joined.append(joined.length() > 0 ? " AND " : "").append(term);
            }
            if (joined != null) {
                c = joined.toString();
            }
        }
        c = BETWEEN.matcher(c).replaceAll("$1 >= $2 AND $1 <= $3");
        boolean single = !c.contains(" AND ") && !c.contains(" OR ") && !c.startsWith("(");
        return !pretty && single ? "(" + c + ")" : c;
    }

    /** The clause split at its outermost ANDs. */
    private static List<String> topLevelConjuncts(String c) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        boolean quoted = false;
        for (int i = 0; i < c.length(); i++) {
            char ch = c.charAt(i);
            if (ch == '\'') {
                quoted = !quoted;
            } else if (!quoted && ch == '(') {
                depth++;
            } else if (!quoted && ch == ')') {
                depth--;
            } else if (!quoted && depth == 0 && c.startsWith(" AND ", i)) {
                parts.add(c.substring(start, i).trim());
                start = i + 5;
            }
        }
        parts.add(c.substring(start).trim());
        return parts;
    }

    /** H2 quotes every name in a check clause; PostgreSQL quotes only where needed. */
    private static String unquote(String clause) {
        return clause == null ? null : clause.replaceAll("\"([a-z_][a-z0-9_]*)\"", "$1");
    }

    /** regclass output: the relation's name (schema-qualified when not on the search path). */
    public static String tuskRegclassOut(Connection c, Integer oid) throws SQLException {
        if (oid == null) {
            return null;
        }
        try (PreparedStatement ps = c.prepareStatement("select r.relname, n.nspname from pg_catalog.pg_class r"
                + " join pg_catalog.pg_namespace n on n.oid = r.relnamespace where r.oid = ?")) {
            ps.setInt(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Integer.toString(oid);
                }
                boolean visible = PgCatalogFunctions.pgTableIsVisible(c, oid);
                return visible ? rs.getString(1) : rs.getString(2) + "." + rs.getString(1);
            }
        }
    }

    /** regclass input: a relation's OID from its name (or from the OID written as text). */
    public static Integer tuskRegclassIn(Connection c, String name) throws SQLException {
        if (name == null) {
            return null;
        }
        if (name.chars().allMatch(Character::isDigit) && !name.isEmpty()) {
            return Integer.valueOf(name);
        }
        String schema = null;
        String relation = name;
        int dot = name.indexOf('.');
        if (dot > 0) {
            schema = name.substring(0, dot);
            relation = name.substring(dot + 1);
        }
        relation = relation.startsWith("\"") ? relation.substring(1, relation.length() - 1) : relation.toLowerCase(java.util.Locale.ROOT);
        try (PreparedStatement ps = c.prepareStatement("select r.oid from pg_catalog.pg_class r join pg_catalog.pg_namespace n"
                + " on n.oid = r.relnamespace where r.relname = ? and (n.nspname = ? or ? is null and"
                + " pg_catalog.pg_table_is_visible(r.oid))")) {
            ps.setString(1, relation);
            ps.setString(2, schema);
            ps.setString(3, schema);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return rs.getInt(1);
                }
            }
        }
        throw new SQLException("relation \"" + name + "\" does not exist", "42P01");
    }
}
