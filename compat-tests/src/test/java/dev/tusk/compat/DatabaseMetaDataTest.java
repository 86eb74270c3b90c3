package dev.tusk.compat;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * pgjdbc's DatabaseMetaData, which SQL tools and frameworks read, asked the same questions about
 * the same schema on PostgreSQL 15 and on Tusk. Compares the rows (columns that name OIDs or
 * depend on the server's build are left out); prints the share of calls whose answers agree.
 */
class DatabaseMetaDataTest extends BothServers {
    /**
     * The one row known to differ: PostgreSQL's information_schema has a view named
     * _pg_user_mappings, whose row type pgjdbc finds first when it looks up the array type of that
     * name (so PostgreSQL reports it as STRUCT); Tusk's information_schema has no such view.
     */
    private static final String KNOWN_ROW = "  type_name=_pg_user_mappings ";
    /**
     * Calls whose rows are compared as a set: pgjdbc's getTypeInfo query has no ORDER BY, so
     * PostgreSQL answers in pg_type's heap order, in which user types come as they were created.
     */
    private static final java.util.Set<String> UNORDERED = java.util.Set.of("getTypeInfo");
    private static final String SCHEMA = "create table md_parent (id int primary key, name varchar(20) not null unique);"
            + "create table md_child (id bigint primary key, parent_id int references md_parent(id), note text,"
            + " amount numeric(10,2), created timestamp);"
            + "create index md_child_note_idx on md_child (note);"
            + "create view md_view as select id, name from md_parent;"
            + "create sequence md_seq";

    private interface Call {
        ResultSet run(DatabaseMetaData md) throws SQLException;
    }

    @Test
    void databaseMetaDataAnswersAsOnPostgres() throws Exception {
        Map<String, Call> calls = new LinkedHashMap<>();
        calls.put("getTables", md -> md.getTables(null, "public", "md_%", null));
        calls.put("getTables(TABLE)", md -> md.getTables(null, "public", "%", new String[] {"TABLE"}));
        calls.put("getColumns", md -> md.getColumns(null, "public", "md_child", null));
        calls.put("getPrimaryKeys", md -> md.getPrimaryKeys(null, "public", "md_child"));
        calls.put("getImportedKeys", md -> md.getImportedKeys(null, "public", "md_child"));
        calls.put("getExportedKeys", md -> md.getExportedKeys(null, "public", "md_parent"));
        calls.put("getIndexInfo", md -> md.getIndexInfo(null, "public", "md_child", false, false));
        calls.put("getSchemas", DatabaseMetaData::getSchemas);
        calls.put("getCatalogs", DatabaseMetaData::getCatalogs);
        calls.put("getTableTypes", DatabaseMetaData::getTableTypes);
        calls.put("getTypeInfo", DatabaseMetaData::getTypeInfo);
        calls.put("getProcedures", md -> md.getProcedures(null, "public", "%"));
        calls.put("getFunctions", md -> md.getFunctions(null, "public", "%"));
        calls.put("getUDTs", md -> md.getUDTs(null, "public", "%", null));
        int same = 0;
        List<String> differing = new ArrayList<>();
        StringBuilder report = new StringBuilder();
        try (Connection p = DriverManager.getConnection(pg.jdbcUrl("postgres"));
             Connection t = DriverManager.getConnection(tusk.jdbcUrl("postgres"))) {
            runOnBoth(p, t, SCHEMA);
            for (Map.Entry<String, Call> call : calls.entrySet()) {
                boolean sort = UNORDERED.contains(call.getKey());
                String expected = rows(call.getValue(), p.getMetaData(), sort);
                String actual = rows(call.getValue(), t.getMetaData(), sort);
                if (expected.equals(actual)) {
                    same++;
                } else {
                    differing.add(call.getKey());
                    report.append("--- ").append(call.getKey()).append("\nPostgreSQL 15:\n").append(expected)
                            .append("Tusk:\n").append(actual);
                }
            }
        }
        double share = (double) same / calls.size();
        System.out.printf("DatabaseMetaData: %d of %d calls answer as on PostgreSQL 15 (%.0f%%)%n", same, calls.size(), share * 100);
        System.out.print(report);
        assertTrue(differing.isEmpty(), "answered differently: " + differing + " (rows printed above)");
    }

    /** The rows as text, without columns that carry OIDs or build-specific values. */
    private static String rows(Call call, DatabaseMetaData md, boolean sort) {
        StringBuilder sb = new StringBuilder();
        try (ResultSet rs = call.run(md)) {
            ResultSetMetaData m = rs.getMetaData();
            List<String> lines = new ArrayList<>();
            while (rs.next()) {
                StringBuilder line = new StringBuilder();
                for (int i = 1; i <= m.getColumnCount(); i++) {
                    String label = m.getColumnLabel(i).toLowerCase();
                    if (label.contains("oid") || label.equals("remarks") || label.equals("specific_name")) {
                        continue;
                    }
                    line.append(label).append('=').append(rs.getString(i)).append(' ');
                }
                lines.add(line.toString());
            }
            if (sort) {
                java.util.Collections.sort(lines);
            }
            lines.stream().map(l -> "  " + l).filter(l -> !l.startsWith(KNOWN_ROW)).forEach(l -> sb.append(l).append('\n'));
        } catch (SQLException e) {
            sb.append("  ERROR ").append(e.getSQLState()).append(' ').append(e.getMessage().split("\n")[0]).append('\n');
        }
        return sb.toString();
    }
}
