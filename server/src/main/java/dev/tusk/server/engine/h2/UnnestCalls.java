package dev.tusk.server.engine.h2;

import dev.tusk.server.sql.Token;
import dev.tusk.server.sql.TokenType;
import dev.tusk.server.sql.Tokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code FROM unnest(a) x} as a query's only FROM item, the shape catalog queries use (psql's
 * {@code \d+} reads {@code array(select 'toast.' || x from unnest(tc.reloptions) x)}). PostgreSQL
 * names the single column after the alias and lets a may refer to the outer query; H2's UNNEST
 * does neither (its column is C1, and a table function cannot see outer columns). The item becomes
 * a range of positions, {@code FROM SYSTEM_RANGE(1, MAX) g WHERE g.X <= CARDINALITY(a)}, and each
 * reference to the column ({@code x}, {@code x.x}, or the named column of {@code unnest(a) t(v)})
 * becomes {@code (a)[g.X]}. Other shapes (several FROM items, WITH ORDINALITY, no alias) are left
 * to the engine.
 */
final class UnnestCalls {
    private static final Set<String> CLAUSE_AFTER_FROM = Set.of("group", "having", "window", "order", "limit",
            "offset", "fetch", "for", "union", "intersect", "except");

    private UnnestCalls() {
    }

    static boolean present(List<Token> tokens) {
        for (int i = 0; i + 1 < tokens.size(); i++) {
            if (tokens.get(i).isWord("unnest") && tokens.get(i + 1).isPunct('(')) {
                return true;
            }
        }
        return false;
    }

    static List<Token> rewrite(List<Token> in) {
        List<Token> t = new ArrayList<>(in);
        int ranges = 0;
        for (int i = 0; i + 1 < t.size(); i++) {
            if (!t.get(i).isWord("unnest") || !t.get(i + 1).isPunct('(')) {
                continue;
            }
            int start = i >= 2 && t.get(i - 1).isPunct('.') && t.get(i - 2).isWord("pg_catalog") ? i - 2 : i;
            if (start == 0 || !t.get(start - 1).isWord("from")) {
                continue;
            }
            int close = TokenEmitter.matching(t, i + 1);
            int j = close + 1;
            if (j < t.size() && t.get(j).isWord("as")) {
                j++;
            }
            if (j >= t.size() || !isName(t.get(j)) || t.get(j).isWord("with") || CLAUSE_AFTER_FROM.contains(t.get(j).value())
                    || t.get(j).isWord("where") || t.get(j).isWord("join") || t.get(j).isWord("on")) {
                continue;
            }
            String alias = t.get(j).value();
            String column = alias;
            int itemEnd = j + 1;
            if (itemEnd + 2 < t.size() && t.get(itemEnd).isPunct('(') && isName(t.get(itemEnd + 1)) && t.get(itemEnd + 2).isPunct(')')) {
                column = t.get(itemEnd + 1).value();
                itemEnd += 3;
            }
            if (itemEnd < t.size() && !endsFromItem(t.get(itemEnd))) {
                continue; // another FROM item follows
            }
            int select = enclosingSelect(t, start - 1);
            if (select < 0) {
                continue;
            }
            int blockEnd = blockEnd(t, select);
            String range = "tusk_unnest" + ranges++;
            List<Token> array = new ArrayList<>(t.subList(i + 2, close));
            Token at = t.get(start);

            // The condition: into the WHERE clause if there is one, else as one.
            int where = itemEnd < blockEnd && t.get(itemEnd).isWord("where") ? itemEnd : -1;
            List<Token> condition = new ArrayList<>();
            ExpandArrayCalls.position(condition, at, range);
            if (refersToColumns(array)) {
                // a's columns belong to the outer query: H2 fails to use such a bound on the range
                // as an index condition ("Unexpected code path"), so it filters the range instead
                add(condition, at, TokenType.OPERATOR, "+");
                add(condition, at, TokenType.NUMBER, "0");
            }
            add(condition, at, TokenType.OPERATOR, "<=");
            add(condition, at, TokenType.IDENT, "cardinality");
            add(condition, at, TokenType.PUNCT, "(");
            condition.addAll(array);
            add(condition, at, TokenType.PUNCT, ")");
            if (where >= 0) {
                int whereEnd = clauseEnd(t, where, blockEnd);
                t.add(whereEnd, Tokens.synthetic(TokenType.PUNCT, ")", at));
                List<Token> head = new ArrayList<>(condition);
                add(head, at, TokenType.IDENT, "and");
                add(head, at, TokenType.PUNCT, "(");
                t.addAll(where + 1, head);
                blockEnd += head.size() + 1;
            } else {
                List<Token> clause = new ArrayList<>();
                add(clause, at, TokenType.IDENT, "where");
                clause.addAll(condition);
                t.addAll(itemEnd, clause);
                blockEnd += clause.size();
            }

            // References to the column, after the item and in the select list before it.
            int afterItem = itemEnd;
            blockEnd = replaceReferences(t, afterItem, blockEnd, alias, column, array, range, at);
            int before = replaceReferences(t, select + 1, start - 1, alias, column, array, range, at) - (start - 1);
            start += before;
            close += before;
            itemEnd += before;

            // The FROM item itself.
            List<Token> item = new ArrayList<>();
            ExpandArrayCalls.positions(item, at, range);
            t.subList(start, itemEnd).clear();
            t.addAll(start, item);
            i = start + item.size() - 1;
        }
        return t;
    }

    private static boolean refersToColumns(List<Token> expression) {
        for (int k = 0; k < expression.size(); k++) {
            Token x = expression.get(k);
            if (isName(x) && !x.isWord("array") && !(k + 1 < expression.size() && expression.get(k + 1).isPunct('('))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isName(Token x) {
        return x.is(TokenType.IDENT) || x.is(TokenType.QUOTED_IDENT);
    }

    private static boolean endsFromItem(Token x) {
        return x.isPunct(')') || x.isPunct(';') || x.isWord("where") || x.is(TokenType.IDENT) && CLAUSE_AFTER_FROM.contains(x.value());
    }

    /** The SELECT at the parenthesis depth of index i, or -1. */
    private static int enclosingSelect(List<Token> t, int i) {
        int depth = 0;
        for (int j = i; j >= 0; j--) {
            Token x = t.get(j);
            if (x.isPunct(')') || x.isPunct(']')) {
                depth++;
            } else if (x.isPunct('(') || x.isPunct('[')) {
                if (--depth < 0) {
                    return -1;
                }
            } else if (depth == 0 && x.isWord("select")) {
                return j;
            }
        }
        return -1;
    }

    /** Where the query block starting at select ends: its closing parenthesis, or the end. */
    private static int blockEnd(List<Token> t, int select) {
        int depth = 0;
        for (int j = select + 1; j < t.size(); j++) {
            if (t.get(j).isPunct('(') || t.get(j).isPunct('[')) {
                depth++;
            } else if ((t.get(j).isPunct(')') || t.get(j).isPunct(']')) && --depth < 0) {
                return j;
            }
        }
        return t.size();
    }

    /** Where the WHERE clause at index where ends (exclusive), within the block. */
    private static int clauseEnd(List<Token> t, int where, int blockEnd) {
        int depth = 0;
        for (int j = where + 1; j < blockEnd; j++) {
            Token x = t.get(j);
            if (x.isPunct('(') || x.isPunct('[')) {
                depth++;
            } else if (x.isPunct(')') || x.isPunct(']')) {
                depth--;
            } else if (depth == 0 && (x.isPunct(';') || x.is(TokenType.IDENT) && CLAUSE_AFTER_FROM.contains(x.value()))) {
                return j;
            }
        }
        return blockEnd;
    }

    /** Replaces column references in [from, to); returns the new end of that range. */
    private static int replaceReferences(List<Token> t, int from, int to, String alias, String column, List<Token> array,
                                         String range, Token at) {
        for (int k = from; k < to; k++) {
            Token x = t.get(k);
            if (!isName(x) || k > 0 && t.get(k - 1).isPunct('.')) {
                continue;
            }
            int end;
            boolean wholeItem = k > 0 && (t.get(k - 1).isWord("select") || t.get(k - 1).isPunct(','));
            boolean qualified = k + 2 < to && t.get(k + 1).isPunct('.') && x.value().equals(alias)
                    && isName(t.get(k + 2)) && t.get(k + 2).value().equals(column);
            if (qualified) {
                end = k + 3;
            } else if (x.value().equals(column) && !(k + 1 < to && (t.get(k + 1).isPunct('.') || t.get(k + 1).isPunct('(')))) {
                end = k + 1;
            } else {
                continue;
            }
            List<Token> element = new ArrayList<>();
            add(element, at, TokenType.PUNCT, "(");
            add(element, at, TokenType.PUNCT, "(");
            element.addAll(array);
            add(element, at, TokenType.PUNCT, ")");
            add(element, at, TokenType.PUNCT, "[");
            ExpandArrayCalls.position(element, at, range);
            add(element, at, TokenType.PUNCT, "]");
            add(element, at, TokenType.PUNCT, ")");
            if (wholeItem && end < t.size() && (t.get(end).isPunct(',') || t.get(end).isWord("from"))) {
                add(element, at, TokenType.IDENT, "as"); // labelled as PostgreSQL labels the column
                element.add(new Token(TokenType.QUOTED_IDENT, "\"" + column + "\"", column, at.start(), at.start()));
            }
            t.subList(k, end).clear();
            t.addAll(k, element);
            to += element.size() - (end - k);
            k += element.size() - 1;
        }
        return to;
    }


    private static void add(List<Token> out, Token at, TokenType type, String text) {
        out.add(Tokens.synthetic(type, text, at));
    }
}
