package dev.tusk.server.engine.h2;

import dev.tusk.server.sql.Identifiers;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.h2.engine.SessionLocal;
import org.h2.schema.Schema;

/**
 * search_path on the engine (cf. namespace.c's recomputeNamespacePath): pg_catalog first unless
 * named, then the named schemas that exist ($user and missing ones skipped), and the first of them
 * as the schema new objects go to.
 */
final class SearchPath {
    private SearchPath() {
    }

    /**
     * Sets the path on the session; returns the statements that would, for the DDL connection to
     * repeat. Applied through the session itself rather than as SQL: every backend sets its path at
     * start, and parsing three statements for it was a tenth of a connection's cost.
     */
    static List<String> apply(Statement s, String value) throws SQLException {
        SessionLocal session = H2Sessions.of(s.getConnection());
        List<String> schemas = new ArrayList<>();
        schemas.add("pg_catalog"); // searched first unless named, as in PostgreSQL
        for (String part : value.split(",")) {
            String p = part.trim();
            if (p.startsWith("\"") && p.endsWith("\"") && p.length() > 1) {
                p = p.substring(1, p.length() - 1);
            }
            // information_schema in the engine is the engine's own (sessions, settings, users): never searched
            if (!p.isEmpty() && !p.equals("$user") && !p.equals("pg_catalog") && !p.equalsIgnoreCase("information_schema")
                    && session.getDatabase().findSchema(p) != null) {
                schemas.add(p);
            }
        }
        if (schemas.size() == 1) {
            schemas.add("public"); // nothing on the path exists: objects are still created somewhere
        }
        StringBuilder sql = new StringBuilder("SET SCHEMA_SEARCH_PATH ");
        for (int i = 0; i < schemas.size(); i++) {
            sql.append(i > 0 ? ", " : "").append(Identifiers.quote(schemas.get(i)));
        }
        Schema current = session.getDatabase().findSchema(schemas.get(1));
        if (current == null) {
            s.execute("SET SCHEMA " + Identifiers.quote(schemas.get(1))); // fails as H2 words it
        }
        session.setSchemaSearchPath(schemas.toArray(new String[0]));
        session.setCurrentSchema(current);
        return List.of(sql.toString(), "SET SCHEMA " + Identifiers.quote(schemas.get(1)));
    }
}
