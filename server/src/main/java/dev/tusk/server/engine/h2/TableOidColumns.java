package dev.tusk.server.engine.h2;

import dev.tusk.server.sql.Token;
import dev.tusk.server.sql.TokenType;
import dev.tusk.server.sql.Tokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The tableoid system column, which PostgreSQL gives every relation and catalog queries join on
 * (psql's {@code \dL}: {@code d.classoid = l.tableoid}). The engine has no such column:
 * {@code x.tableoid} becomes the OID of the relation x names, {@code tusk_regclass_in('rel')},
 * where x is that relation's alias or name in the statement's FROM items.
 */
final class TableOidColumns {
    /** Words after which a name is a FROM item. */
    private static final Set<String> ITEM_AFTER = Set.of("from", "join", "only");

    private TableOidColumns() {
    }

    static boolean present(List<Token> t) {
        for (int i = 2; i < t.size(); i++) {
            if (t.get(i).isWord("tableoid") && t.get(i - 1).isPunct('.')) {
                return true;
            }
        }
        return false;
    }

    static List<Token> rewrite(List<Token> in) {
        List<Token> t = new ArrayList<>(in);
        for (int i = 2; i < t.size(); i++) {
            if (!t.get(i).isWord("tableoid") || !t.get(i - 1).isPunct('.') || !isName(t.get(i - 2))) {
                continue;
            }
            String relation = relationOf(t, t.get(i - 2).value());
            if (relation == null) {
                continue;
            }
            Token at = t.get(i - 2);
            List<Token> call = List.of(Tokens.synthetic(TokenType.IDENT, "tusk_regclass_in", at),
                    Tokens.synthetic(TokenType.PUNCT, "(", at),
                    new Token(TokenType.STRING, "'" + relation.replace("'", "''") + "'", relation, at.start(), at.start()),
                    Tokens.synthetic(TokenType.PUNCT, ")", at));
            t.subList(i - 2, i + 1).clear();
            t.addAll(i - 2, call);
            i = i - 2 + call.size() - 1;
        }
        return t;
    }

    /** The relation (schema-qualified as written) that a FROM item of this name or alias reads, or null. */
    static String relationOf(List<Token> t, String reference) {
        for (int j = 0; j < t.size(); j++) {
            if (!isName(t.get(j)) || !t.get(j).value().equals(reference)) {
                continue;
            }
            int name = j;
            if (!startsItem(t, qualifiedStart(t, name))) {
                // an alias: relation [AS] reference
                name = j > 0 && t.get(j - 1).isWord("as") ? j - 2 : j - 1;
                if (name < 0 || !isName(t.get(name)) || !startsItem(t, qualifiedStart(t, name))) {
                    continue;
                }
            }
            int start = qualifiedStart(t, name);
            return start == name ? t.get(name).value() : t.get(start).value() + "." + t.get(name).value();
        }
        return null;
    }

    private static int qualifiedStart(List<Token> t, int name) {
        return name >= 2 && t.get(name - 1).isPunct('.') && isName(t.get(name - 2)) ? name - 2 : name;
    }

    private static boolean startsItem(List<Token> t, int at) {
        if (at == 0) {
            return false;
        }
        Token before = t.get(at - 1);
        return before.is(TokenType.IDENT) && ITEM_AFTER.contains(before.value())
                || before.isPunct(',') && Tokens.topLevelWord(t, 0, at, "from") >= 0;
    }

    private static boolean isName(Token x) {
        return x.is(TokenType.IDENT) || x.is(TokenType.QUOTED_IDENT);
    }
}
