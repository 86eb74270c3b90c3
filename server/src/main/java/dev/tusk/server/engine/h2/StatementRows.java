package dev.tusk.server.engine.h2;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.h2.tools.SimpleResultSet;

/**
 * A catalog view's rows computed once per statement. The engine evaluates a view on the inner side
 * of a nested-loop join once per outer row, and the catalog views over its INFORMATION_SCHEMA cost
 * milliseconds each: DBeaver's query for a table's columns (pg_attribute joined to pg_class,
 * pg_attrdef and pg_description) took 18 s. pg_class, pg_attrdef and pg_description read their
 * rows through this function, which keeps them until the session runs its next statement.
 */
public final class StatementRows {
    /** The views whose rows may be kept: the function can be called by anyone. */
    static final Set<String> SOURCES = Set.of("pg_catalog.tusk_class_rows", "pg_catalog.tusk_attrdef_rows",
            "pg_catalog.tusk_description_rows");

    private record Kept(H2Session session, long statement, List<String[]> columns, List<int[]> sizes,
                        List<Object[]> rows) {
    }

    /** Per backend thread (a backend is one virtual thread): the rows kept for its current statement. */
    private static final ThreadLocal<Map<String, Kept>> KEPT = ThreadLocal.withInitial(HashMap::new);

    private StatementRows() {
    }

    public static ResultSet tuskStatementRows(Connection c, String source) throws SQLException {
        if (!SOURCES.contains(source)) {
            throw new SQLException("not a catalog source: " + source, "42P01");
        }
        boolean columnsOnly = c.getMetaData().getURL().equals("jdbc:columnlist:connection");
        H2Session session = columnsOnly ? null : H2Sessions.running(c);
        Kept kept = session == null ? null : KEPT.get().get(source);
        if (kept == null || kept.session() != session || kept.statement() != session.statementSerial()) {
            kept = read(c, source, columnsOnly, session);
            if (session != null) {
                KEPT.get().put(source, kept);
            }
        }
        SimpleResultSet out = new SimpleResultSet();
        for (int i = 0; i < kept.columns().size(); i++) {
            String[] name = kept.columns().get(i);
            int[] size = kept.sizes().get(i);
            out.addColumn(name[0], size[0], name[1], size[1], size[2]);
        }
        for (Object[] row : kept.rows()) {
            out.addRow(row);
        }
        return out;
    }

    private static Kept read(Connection c, String source, boolean columnsOnly, H2Session session) throws SQLException {
        List<String[]> columns = new ArrayList<>();
        List<int[]> sizes = new ArrayList<>();
        List<Object[]> rows = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM " + source + (columnsOnly ? " WHERE FALSE" : ""))) {
            ResultSetMetaData md = rs.getMetaData();
            int n = md.getColumnCount();
            for (int i = 1; i <= n; i++) {
                columns.add(new String[] {md.getColumnLabel(i), md.getColumnTypeName(i)});
                sizes.add(new int[] {md.getColumnType(i), md.getPrecision(i), md.getScale(i)});
            }
            while (rs.next()) {
                Object[] row = new Object[n];
                for (int i = 0; i < n; i++) {
                    row[i] = rs.getObject(i + 1);
                }
                rows.add(row);
            }
        }
        return new Kept(session, session == null ? -1 : session.statementSerial(), columns, sizes, rows);
    }
}
