package dev.tusk.server.engine.h2;

import dev.tusk.server.catalog.PgOids;
import dev.tusk.server.sql.Identifiers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.h2.tools.SimpleResultSet;

/**
 * Enum types (CREATE TYPE mood AS ENUM (...)), which the engine keeps as domains over its ENUM type,
 * in the catalogs (cf. catalog/pg_enum.c): pg_type's row (typtype 'e', oid of kind 't') and pg_enum's
 * labels. The labels are read from the domain's type as the engine names it, "ENUM('sad', 'ok')",
 * because its INFORMATION_SCHEMA.ENUM_VALUES fails in a database holding Tusk's catalog views.
 */
public final class EnumTypes {
    private EnumTypes() {
    }

    /** pg_type rows of the enum types and their arrays, in pg_type's column order (see BuiltinTypes). */
    static final String TYPE_ROWS = " UNION ALL SELECT pg_catalog.tusk_oid('t', d.domain_schema, d.domain_name),"
            + " d.domain_name, pg_catalog.tusk_namespace_oid(d.domain_schema), " + PgOids.BOOTSTRAP_SUPERUSER
            + ", 4, TRUE, 'e', 'E', FALSE, TRUE, ',', 0, '-', 0, pg_catalog.tusk_oid('a', d.domain_schema, d.domain_name),"
            + " 'enum_in', 'enum_out', 'enum_recv', 'enum_send', '-', '-', '-', 'i', 'p', FALSE, 0, -1, 0, 0,"
            + " CAST(NULL AS VARCHAR), CAST(NULL AS VARCHAR), CAST(NULL AS VARCHAR ARRAY)"
            + " FROM information_schema.domains d WHERE UPPER(d.data_type) = 'ENUM'"
            // and its array type, _name
            + " UNION ALL SELECT pg_catalog.tusk_oid('a', d.domain_schema, d.domain_name), '_' || d.domain_name,"
            + " pg_catalog.tusk_namespace_oid(d.domain_schema), " + PgOids.BOOTSTRAP_SUPERUSER + ", -1, FALSE, 'b', 'A',"
            + " FALSE, TRUE, ',', 0, 'array_subscript_handler', pg_catalog.tusk_oid('t', d.domain_schema, d.domain_name), 0,"
            + " 'array_in', 'array_out', 'array_recv', 'array_send', '-', '-', 'array_typanalyze', 'i', 'x', FALSE, 0, -1,"
            + " 0, 0, CAST(NULL AS VARCHAR), CAST(NULL AS VARCHAR), CAST(NULL AS VARCHAR ARRAY)"
            + " FROM information_schema.domains d WHERE UPPER(d.data_type) = 'ENUM'";

    /** pg_enum's rows: oid, enumtypid, enumsortorder, enumlabel. */
    public static ResultSet tuskEnumRows(Connection c) throws SQLException {
        SimpleResultSet rs = new SimpleResultSet();
        rs.addColumn("oid", Types.INTEGER, 10, 0);
        rs.addColumn("enumtypid", Types.INTEGER, 10, 0);
        rs.addColumn("enumsortorder", Types.REAL, 7, 0);
        rs.addColumn("enumlabel", Types.VARCHAR, 63, 0);
        if (c.getMetaData().getURL().equals("jdbc:columnlist:connection")) {
            return rs;
        }
        List<String[]> domains = new ArrayList<>();
        try (ResultSet d = c.createStatement().executeQuery("SELECT domain_schema, domain_name FROM information_schema.domains"
                + " WHERE UPPER(data_type) = 'ENUM'")) {
            while (d.next()) {
                domains.add(new String[] {d.getString(1), d.getString(2)});
            }
        }
        for (String[] d : domains) {
            int type = PgOids.of('t', d[0], d[1]);
            List<String> labels = labels(c, d[0], d[1]);
            for (int i = 0; i < labels.size(); i++) {
                rs.addRow(PgOids.of('e', d[0], d[1] + "." + labels.get(i)), type, (float) (i + 1), labels.get(i));
            }
        }
        return rs;
    }

    /** The labels of an enum domain in order, from the engine's name for its type. */
    static List<String> labels(Connection c, String schema, String domain) throws SQLException {
        String sql = "SELECT CAST(NULL AS " + Identifiers.quote(schema) + "." + Identifiers.quote(domain) + ") WHERE FALSE";
        String type;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            type = ps.getMetaData().getColumnTypeName(1);
        }
        return parseLabels(type);
    }

    /** The labels in the engine's text for an enum type, "ENUM('sad', 'ok')", or in its errors, "('sad', 'ok')". */
    static List<String> parseLabels(String type) {
        List<String> labels = new ArrayList<>();
        StringBuilder label = null;
        for (int i = type.indexOf('(') + 1; i > 0 && i < type.length(); i++) {
            char ch = type.charAt(i);
            if (label == null) {
                if (ch == '\'') {
                    label = new StringBuilder();
                }
            } else if (ch == '\'' && i + 1 < type.length() && type.charAt(i + 1) == '\'') {
                label.append('\'');
                i++;
            } else if (ch == '\'') {
                labels.add(label.toString());
                label = null;
            } else {
                label.append(ch);
            }
        }
        return labels;
    }

    /** format_type's fallback for a type not built in: its name from pg_type (an enum, a row type). */
    static String typeName(Connection c, int oid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT typname FROM pg_catalog.pg_type WHERE oid = ?")) {
            ps.setInt(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : "???";
            }
        }
    }
}
