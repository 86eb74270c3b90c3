package dev.tusk.server.engine.h2;

import dev.tusk.server.catalog.PgOids;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.h2.tools.SimpleResultSet;

/**
 * Functions tools call about relations and the server's vocabulary (cf. utils/adt/dbsize.c,
 * ruleutils.c's pg_get_viewdef, misc.c's pg_get_keywords): sizes, a view's definition, the SQL
 * keyword list.
 */
public final class RelationFunctions {
    private RelationFunctions() {
    }

    /**
     * H2 reports the space a table's rows take but not its indexes'; an index counts as one
     * page, the least PostgreSQL's btree takes.
     */
    private static final long INDEX_PAGE = 8192;

    /** A relation found by OID: its H2 schema and name, and whether it is a table (else an index or sequence). */
    private record Relation(String schema, String name, boolean table) {
    }

    private static Relation relation(Connection c, Integer oid) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery("SELECT table_schema, table_name FROM information_schema.tables"
                + " WHERE table_type = 'BASE TABLE' AND table_schema <> 'information_schema'")) {
            while (rs.next()) {
                if (PgOids.of('r', rs.getString(1), rs.getString(2)) == oid) {
                    return new Relation(rs.getString(1), rs.getString(2), true);
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT relname FROM pg_catalog.pg_class WHERE oid = ?")) {
            ps.setInt(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Relation(null, rs.getString(1), false) : null;
            }
        }
    }

    public static Long pgRelationSize(Connection c, Integer oid) throws SQLException {
        if (oid == null) {
            return null;
        }
        Relation r = relation(c, oid);
        if (r == null) {
            return null;
        }
        if (!r.table()) {
            return INDEX_PAGE;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT DISK_SPACE_USED(?)")) {
            ps.setString(1, org.h2.util.StringUtils.quoteIdentifier(r.schema()) + "."
                    + org.h2.util.StringUtils.quoteIdentifier(r.name()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    public static Long pgRelationSize(Connection c, Integer oid, String fork) throws SQLException {
        return "main".equals(fork) ? pgRelationSize(c, oid) : Long.valueOf(0);
    }

    public static Long pgIndexesSize(Connection c, Integer oid) throws SQLException {
        if (oid == null) {
            return null;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM pg_catalog.pg_index WHERE indrelid = ?")) {
            ps.setInt(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) * INDEX_PAGE;
            }
        }
    }

    public static Long pgTotalRelationSize(Connection c, Integer oid) throws SQLException {
        Long own = pgRelationSize(c, oid);
        return own == null ? null : own + pgIndexesSize(c, oid);
    }

    /** The database's file: every table, index and sequence of it. */
    public static Long pgDatabaseSize(Connection c, String name) throws SQLException {
        try (ResultSet p = c.createStatement().executeQuery("CALL database_path()")) {
            p.next();
            Path file = Path.of(p.getString(1) + ".mv.db");
            return Files.size(file);
        } catch (IOException e) {
            throw new SQLException("could not stat database file: " + e.getMessage(), "58P01");
        }
    }

    /**
     * pg_size_pretty: bytes below 10 kB, then kB, MB, GB, TB, PB, each used below 20 of it, rounded
     * half away from zero (PostgreSQL's steps, so figures print alike).
     */
    public static String pgSizePretty(Long bytes) {
        if (bytes == null) {
            return null;
        }
        String[] units = {"kB", "MB", "GB", "TB", "PB"};
        long size = bytes;
        if (Math.abs(size) < 10 * 1024) {
            return size + " bytes";
        }
        size /= 512; // in half-kilobytes, so that the last step can round
        for (int u = 0; ; u++) {
            if (u == units.length - 1 || Math.abs(size) < 20 * 1024 - 1) {
                return (size + (size < 0 ? -1 : 1)) / 2 + " " + units[u];
            }
            size /= 1024;
        }
    }

    /**
     * pg_get_serial_sequence(table, column): the sequence a serial column owns, schema-qualified,
     * or NULL for a column without one.
     */
    public static String pgGetSerialSequence(Connection c, String table, String column) throws SQLException {
        if (table == null || column == null) {
            return null;
        }
        int oid = PgCatalogDefinitions.tuskRegclassIn(c, table);
        try (PreparedStatement ps = c.prepareStatement("SELECT n.nspname, r.relname, a.column_default"
                + " FROM pg_catalog.pg_class r JOIN pg_catalog.pg_namespace n ON n.oid = r.relnamespace"
                + " LEFT JOIN information_schema.columns a ON a.table_schema = n.nspname AND a.table_name = r.relname"
                + " AND a.column_name = ? WHERE r.oid = ?")) {
            ps.setString(1, column);
            ps.setInt(2, oid);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                String schema = rs.getString(1);
                String sequence = SerialColumns.sequenceName(rs.getString(2), column);
                return SerialColumns.defaultExpression(schema, sequence).equals(rs.getString(3))
                        ? schema + "." + sequence : null;
            }
        }
    }

    /** The view's query as the engine keeps it, names unquoted where PostgreSQL would not quote them. */
    public static String pgGetViewdef(Connection c, Integer oid, Boolean pretty) throws SQLException {
        if (oid == null) {
            return null;
        }
        try (ResultSet rs = c.createStatement().executeQuery("SELECT table_schema, table_name, view_definition"
                + " FROM information_schema.views WHERE table_schema <> 'information_schema'")) {
            while (rs.next()) {
                if (PgOids.of('r', rs.getString(1), rs.getString(2)) == oid) {
                    String def = rs.getString(3).replaceAll("\"([a-z_][a-z0-9_]*)\"", "$1");
                    return " " + def + ";";
                }
            }
        }
        return null;
    }

    public static String pgGetViewdef(Connection c, Integer oid) throws SQLException {
        return pgGetViewdef(c, oid, false);
    }

    /** word, catcode, barelabel (PostgreSQL 15's list), with the categories' descriptions. */
    private static final List<String[]> KEYWORDS = loadKeywords();

    private static List<String[]> loadKeywords() {
        List<String[]> words = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                RelationFunctions.class.getResourceAsStream("pg15-keywords.tsv"), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                words.add(line.split("\t"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(words);
    }

    /**
     * quote_ident(text) as PostgreSQL's quote_identifier: quoted only when the name is not a plain
     * lower-case identifier or is a keyword other than an unreserved one.
     */
    public static String quoteIdent(String name) {
        if (name == null) {
            return null;
        }
        boolean plain = !name.isEmpty() && (name.charAt(0) == '_' || name.charAt(0) >= 'a' && name.charAt(0) <= 'z');
        for (int i = 1; plain && i < name.length(); i++) {
            char c = name.charAt(i);
            plain = c == '_' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
        }
        if (plain) {
            for (String[] k : KEYWORDS) {
                if (k[0].equals(name)) {
                    plain = k[1].equals("U");
                    break;
                }
            }
        }
        return plain ? name : dev.tusk.server.sql.Identifiers.quote(name);
    }

    public static ResultSet pgGetKeywords() {
        SimpleResultSet rs = new SimpleResultSet();
        rs.addColumn("word", Types.VARCHAR, 63, 0);
        rs.addColumn("catcode", Types.CHAR, 1, 0);
        rs.addColumn("barelabel", Types.BOOLEAN, 1, 0);
        rs.addColumn("catdesc", Types.VARCHAR, 60, 0);
        rs.addColumn("baredesc", Types.VARCHAR, 20, 0);
        for (String[] k : KEYWORDS) {
            String desc = switch (k[1]) {
                case "U" -> "unreserved";
                case "C" -> "unreserved (cannot be function or type name)";
                case "T" -> "reserved (can be function or type name)";
                default -> "reserved";
            };
            boolean bare = k[2].equals("t");
            rs.addRow(k[0], k[1], bare, desc, bare ? "can be bare label" : "requires AS");
        }
        return rs;
    }
}
