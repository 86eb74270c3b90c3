package dev.tusk.server.engine.h2;

import dev.tusk.server.engine.SessionInfo;
import dev.tusk.server.sql.Identifiers;
import dev.tusk.server.sql.Token;
import dev.tusk.server.sql.TokenType;
import java.util.ArrayList;
import java.util.List;

/**
 * ALTER TABLE t ADD [CONSTRAINT name] PRIMARY KEY | UNIQUE | FOREIGN KEY | CHECK (...): the
 * constraint gets PostgreSQL's default name when it has none, and a primary key first makes its
 * columns NOT NULL, which PostgreSQL does implicitly and H2 requires beforehand.
 */
final class AddConstraint {
    private AddConstraint() {
    }

    /** The H2 statements, or null if the statement is not a single ADD of a table constraint. */
    static List<SqlBuilder> generate(List<Token> t, SessionInfo session) {
        int i = 2;
        if (i < t.size() && t.get(i).isWord("only")) {
            i++;
        }
        int nameStart = i;
        if (i >= t.size() || !(t.get(i).is(TokenType.IDENT) || t.get(i).is(TokenType.QUOTED_IDENT))) {
            return null;
        }
        String table = t.get(i).value();
        i++;
        if (i + 1 < t.size() && t.get(i).isPunct('.')) {
            table = t.get(i + 1).value();
            i += 2;
        }
        int nameEnd = i;
        if (i >= t.size() || !t.get(i).isWord("add")) {
            return null;
        }
        i++;
        String name = null;
        if (i + 1 < t.size() && t.get(i).isWord("constraint")) {
            name = t.get(i + 1).value();
            i += 2;
        }
        if (i >= t.size()) {
            return null;
        }
        String kind = t.get(i).isWord("primary") ? "primary" : t.get(i).isWord("unique") ? "unique"
                : t.get(i).isWord("foreign") ? "foreign" : t.get(i).isWord("check") ? "check" : null;
        if (kind == null || H2SqlGenerator.hasTopLevelComma(t, i)) {
            return null;
        }
        H2SqlGenerator columns = new H2SqlGenerator(t, session);
        List<String> cols = columns.columnsOf(i, t.size());
        List<SqlBuilder> out = new ArrayList<>();
        if (kind.equals("primary")) {
            for (String c : cols) {
                H2SqlGenerator g = new H2SqlGenerator(t, session);
                g.out.emit("alter table", t.get(0).start());
                g.range(nameStart, nameEnd);
                g.out.emit("alter column " + Identifiers.quote(c) + " set not null", t.get(i).start());
                out.add(g.out);
            }
        }
        H2SqlGenerator g = new H2SqlGenerator(t, session);
        g.range(0, i);
        if (name == null) {
            g.out.emit("constraint " + Identifiers.quote(H2SqlGenerator.constraintName(table, kind, cols)), t.get(i).start());
        }
        g.range(i, t.size());
        out.add(g.out);
        return out;
    }
}
