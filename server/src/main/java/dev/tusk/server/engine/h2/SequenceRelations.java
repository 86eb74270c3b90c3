package dev.tusk.server.engine.h2;

import dev.tusk.protocol.SqlState;
import dev.tusk.server.error.PgException;
import dev.tusk.server.sql.EngineStatement;
import dev.tusk.server.sql.Identifiers;
import dev.tusk.server.sql.Lexer;
import dev.tusk.server.sql.Token;
import dev.tusk.server.sql.TokenType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A sequence read as a relation, {@code SELECT last_value, is_called FROM seq}, as PostgreSQL allows
 * (a sequence is a one-row table there; DBeaver reads it so). The engine knows no such relation, so
 * when a SELECT fails for a missing relation that is a sequence, the query is run again with the
 * sequence replaced by a one-row subquery over the engine's sequence state. Queries that name no
 * sequence pay nothing.
 */
final class SequenceRelations {
    private static final Set<String> NOT_ALIASES = Set.of("where", "join", "left", "right", "inner", "cross",
            "full", "natural", "on", "using", "group", "order", "limit", "offset", "union", "intersect", "except",
            "fetch", "for", "having", "window");

    private SequenceRelations() {
    }

    /** The statement with the missing relation read as a sequence, or null if that is not the case. */
    static EngineStatement retry(EngineStatement st, PgException e, H2Catalog catalog) {
        if (st.kind() != dev.tusk.server.sql.CommandKind.SELECT || !SqlState.UNDEFINED_TABLE.equals(e.sqlState())) {
            return null;
        }
        List<Token> t = st.tokens();
        for (int i = 1; i < t.size(); i++) {
            Token name = t.get(i);
            if (!(name.is(TokenType.IDENT) || name.is(TokenType.QUOTED_IDENT))) {
                continue;
            }
            int start = i;
            String schema = null;
            if (i >= 2 && t.get(i - 1).isPunct('.')) {
                schema = t.get(i - 2).value();
                start = i - 2;
            }
            if (start == 0 || !(t.get(start - 1).isWord("from") || t.get(start - 1).isWord("join")
                    || t.get(start - 1).isPunct(','))) {
                continue;
            }
            if (i + 1 < t.size() && t.get(i + 1).isPunct('.')) {
                continue; // a schema name; the sequence's name follows
            }
            String inSchema = schema != null ? schema : catalog.currentSchema();
            if (!catalog.exists("SEQUENCE", inSchema, name.value())) {
                continue;
            }
            boolean aliased = i + 1 < t.size() && (t.get(i + 1).isWord("as") || (t.get(i + 1).is(TokenType.IDENT)
                    || t.get(i + 1).is(TokenType.QUOTED_IDENT)) && !NOT_ALIASES.contains(t.get(i + 1).value()));
            // the engine's own view (quoted, so that InformationSchemaViews leaves it), which has base_value
            String row = "(select case when q.base_value = q.start_value then q.start_value"
                    + " else q.base_value - q.increment end as last_value, 0::bigint as log_cnt,"
                    + " q.base_value <> q.start_value as is_called from \"information_schema\".sequences q"
                    + " where q.sequence_schema = " + Identifiers.literal(inSchema)
                    + " and q.sequence_name = " + Identifiers.literal(name.value()) + ")"
                    + (aliased ? "" : " as " + Identifiers.quote(name.value()));
            List<Token> out = new ArrayList<>(t.subList(0, start));
            for (Token r : Lexer.tokenize(row)) {
                out.add(new Token(r.type(), r.text(), r.value(), name.start(), name.start()));
            }
            out.addAll(t.subList(i + 1, t.size()));
            return new EngineStatement(st.text(), out, st.kind(), st.objectType(), st.terminator());
        }
        return null;
    }
}
