package dev.tusk.server.engine.h2;

import org.h2.engine.SessionLocal;
import org.h2.schema.Schema;

/**
 * Finds a relation by name as PostgreSQL's RangeVarGetRelid does: a qualified name in its schema, an
 * unqualified one along the session's search path (temporary tables first, as H2 keeps them).
 */
final class Relations {
    private Relations() {
    }

    /** The H2 Table or Sequence the name means, or null. */
    static Object find(SessionLocal h2, String schema, String name) {
        if (schema != null) {
            return in(h2, h2.getDatabase().findSchema(schema), name);
        }
        Object found = in(h2, h2.getDatabase().findSchema(h2.getCurrentSchemaName()), name);
        if (found != null) {
            return found;
        }
        String[] path = h2.getSchemaSearchPath();
        if (path != null) {
            for (String s : path) {
                found = in(h2, h2.getDatabase().findSchema(s), name);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static Object in(SessionLocal h2, Schema schema, String name) {
        if (schema == null) {
            return null;
        }
        Object table = schema.findTableOrView(h2, name);
        return table != null ? table : schema.findSequence(name);
    }
}
