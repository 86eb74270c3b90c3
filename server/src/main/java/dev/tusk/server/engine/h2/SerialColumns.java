package dev.tusk.server.engine.h2;

import dev.tusk.server.sql.Identifiers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * serial, bigserial and smallserial columns as PostgreSQL makes them (cf. transformColumnDefinition
 * in parser/parse_utilcmd.c): an integer column whose default is {@code nextval('table_col_seq')},
 * NOT NULL, and a sequence of that name owned by the column, dropped with its table. The engine has
 * no ownership link, so a sequence is taken to be owned when a column of the table defaults to
 * nextval of the name PostgreSQL would give it ({@code <table>_<column>_seq}).
 */
final class SerialColumns {
    private SerialColumns() {
    }

    /** The serial pseudo-types and the column type each stands for. */
    private static final Map<String, String> TYPES = Map.of("serial", "integer", "serial4", "integer",
            "bigserial", "bigint", "serial8", "bigint", "smallserial", "smallint", "serial2", "smallint");

    /** The column type a serial type name stands for, or null if it is not one. */
    static String columnType(String typeName) {
        return TYPES.get(typeName.toLowerCase(Locale.ROOT));
    }

    /** PostgreSQL's name for a serial column's sequence. */
    static String sequenceName(String table, String column) {
        return table + "_" + column + "_seq";
    }

    /** The column's definition in place of "serial": its type, default and NOT NULL. */
    static String columnDefinition(String type, String schema, String sequence) {
        return type + " default nextval(" + Identifiers.literal(schema + "." + sequence) + ") not null";
    }

    /** The sequence to create with the table; IF NOT EXISTS so that a failure cannot half-create a table. */
    static String createSequence(String type, String schema, String sequence) {
        return "create sequence if not exists " + Identifiers.quote(schema) + "." + Identifiers.quote(sequence)
                + " as " + type + " start with 1";
    }

    /** Statements dropping the sequences the table's serial columns own (run after dropping the table). */
    static List<String> dropOwned(Connection c, String schema, String table) throws SQLException {
        List<String> drops = new ArrayList<>();
        for (String sequence : owned(c, schema, table)) {
            drops.add("drop sequence if exists " + Identifiers.quote(schema) + "." + Identifiers.quote(sequence));
        }
        return drops;
    }

    /** The sequences the table's serial columns own (in the table's schema). */
    static List<String> owned(Connection c, String schema, String table) throws SQLException {
        List<String> sequences = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select column_name, column_default from information_schema.columns"
                + " where table_schema = ? and table_name = ? and column_default is not null")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String sequence = sequenceName(table, rs.getString(1));
                    if (rs.getString(2).equals(defaultExpression(schema, sequence))) {
                        sequences.add(sequence);
                    }
                }
            }
        }
        return sequences;
    }

    /** The columns declared serial in a CREATE TABLE's tokens (each element: name, then type). */
    static List<String> declaredIn(List<dev.tusk.server.sql.Token> t) {
        List<String> columns = new ArrayList<>();
        int depth = 0;
        for (int i = 0; i + 2 < t.size(); i++) {
            dev.tusk.server.sql.Token x = t.get(i);
            if (x.isPunct('(')) {
                depth++;
            } else if (x.isPunct(')')) {
                depth--;
            }
            boolean elementStart = depth == 1 && (x.isPunct('(') || x.isPunct(','));
            if (elementStart && columnType(t.get(i + 2).value()) != null) {
                columns.add(t.get(i + 1).value());
            }
        }
        return columns;
    }

    /** The default as the engine keeps it. */
    static String defaultExpression(String schema, String sequence) {
        return "NEXTVAL(" + Identifiers.literal(schema + "." + sequence) + ")";
    }
}
