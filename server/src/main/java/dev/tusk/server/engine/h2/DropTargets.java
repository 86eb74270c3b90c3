package dev.tusk.server.engine.h2;

import dev.tusk.server.sql.CommandKind;
import dev.tusk.server.sql.EngineStatement;
import dev.tusk.server.sql.Token;
import dev.tusk.server.sql.TokenType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The objects a DROP names, so that Tusk can say what PostgreSQL says about missing ones (H2 says
 * nothing for IF EXISTS, and a different error without it): a NOTICE "... does not exist, skipping",
 * or the error naming the object type.
 */
record DropTargets(String objectType, boolean ifExists, List<Name> names, boolean cascade) {
    private static final Set<String> CHECKED = Set.of("TABLE", "VIEW", "SEQUENCE", "INDEX", "SCHEMA");

    record Name(String schema, String name) {
    }

    /** The targets of a DROP of a table, view, sequence, index or schema; null for anything else. */
    static DropTargets of(EngineStatement st) {
        if (st.kind() != CommandKind.DROP || !CHECKED.contains(st.objectType())) {
            return null;
        }
        List<Token> t = st.tokens();
        int i = 2;
        if (i < t.size() && t.get(i).isWord("concurrently")) {
            i++;
        }
        boolean ifExists = i + 1 < t.size() && t.get(i).isWord("if") && t.get(i + 1).isWord("exists");
        if (ifExists) {
            i += 2;
        }
        List<Name> names = new ArrayList<>();
        while (i < t.size() && (t.get(i).is(TokenType.IDENT) || t.get(i).is(TokenType.QUOTED_IDENT))
                && !(t.get(i).isWord("cascade") || t.get(i).isWord("restrict"))) {
            String schema = null;
            String name = t.get(i).value();
            i++;
            if (i + 1 < t.size() && t.get(i).isPunct('.')) {
                schema = name;
                name = t.get(i + 1).value();
                i += 2;
            }
            names.add(new Name(schema, name));
            if (i < t.size() && t.get(i).isPunct(',')) {
                i++;
            } else {
                break;
            }
        }
        boolean cascade = i < t.size() && t.get(i).isWord("cascade");
        return new DropTargets(st.objectType(), ifExists, names, cascade);
    }

    /** PostgreSQL's lower-case word for the object type in messages. */
    String noun() {
        return objectType.toLowerCase(Locale.ROOT);
    }
}
