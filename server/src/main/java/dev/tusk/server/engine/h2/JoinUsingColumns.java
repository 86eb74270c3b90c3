package dev.tusk.server.engine.h2;

import dev.tusk.server.sql.Token;
import dev.tusk.server.sql.TokenType;
import dev.tusk.server.sql.Tokens;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The columns of {@code JOIN ... USING (k)} named without a table. In PostgreSQL they are one
 * merged column (cf. transformJoinUsingClause: the left input's for an inner or left join, the
 * right's for a right join); H2 calls an unqualified {@code k} ambiguous. The rewrite qualifies each
 * such reference in the statement's own scope with the input the merged column comes from: the
 * leftmost table before the join that has the column (read from the catalog), else the item just
 * before the join; for a right join, the item after it. Subqueries keep their own names untouched.
 */
final class JoinUsingColumns {
    /** Tokens after which an identifier is an expression operand, not an alias being defined. */
    private static final Set<String> OPERAND_AFTER = Set.of("select", "where", "and", "or", "not", "on", "by",
            "having", "when", "then", "else", "case", "distinct", "in", "between", "is", "like", "ilike", "all",
            "any", "some", "exists");
    private static final Set<String> FROM_ENDS = Set.of("where", "group", "having", "window", "order", "limit",
            "offset", "fetch", "for", "union", "intersect", "except", "returning");
    private static final Set<String> JOIN_WORDS = Set.of("join", "inner", "left", "right", "full", "cross",
            "natural", "outer", "lateral");

    private JoinUsingColumns() {
    }

    static boolean present(List<Token> tokens) {
        for (int i = 1; i < tokens.size(); i++) {
            if (tokens.get(i).isWord("using") && tokens.get(i - 1).is(TokenType.IDENT) && i + 1 < tokens.size()
                    && tokens.get(i + 1).isPunct('(')) {
                return true;
            }
        }
        return false;
    }

    /** A FROM item: the name its columns are qualified with, and the table it reads if a plain one. */
    private record Item(String reference, String schema, String table) {
    }

    static List<Token> rewrite(List<Token> in, H2SqlGenerator.Catalog catalog) {
        int from = Tokens.topLevelWord(in, 0, Set.of("from"));
        if (from < 0) {
            return in;
        }
        int end = Tokens.topLevelWord(in, from + 1, FROM_ENDS);
        if (end < 0) {
            end = in.size();
        }
        Map<String, String> qualifier = new HashMap<>();
        List<int[]> usingLists = new ArrayList<>();
        List<Item> items = new ArrayList<>();
        boolean rightJoin = false;
        int i = from + 1;
        while (i < end) {
            Token x = in.get(i);
            if (x.isPunct(',')) {
                i++;
                continue;
            }
            if (isJoinWord(in, i)) {
                if (x.isWord("right")) {
                    rightJoin = true;
                } else if (x.isWord("join")) {
                    i++;
                    int itemEnd = itemEnd(in, i, end);
                    Item right = item(in, i, itemEnd);
                    i = itemEnd;
                    if (i + 1 < end && in.get(i).isWord("using") && in.get(i + 1).isPunct('(')) {
                        int close = TokenEmitter.matching(in, i + 1);
                        usingLists.add(new int[] {i + 1, close});
                        for (int c = i + 2; c < close; c++) {
                            Token col = in.get(c);
                            if (col.is(TokenType.IDENT) || col.is(TokenType.QUOTED_IDENT)) {
                                qualifier.putIfAbsent(col.value(), rightJoin ? right.reference()
                                        : leftmostWith(items, col.value(), catalog));
                            }
                        }
                        i = close + 1;
                    }
                    items.add(right);
                    rightJoin = false;
                    continue;
                }
                i++;
                continue;
            }
            if (x.isWord("on")) {
                i = itemEnd(in, i + 1, end); // the condition runs to the next join or comma
                continue;
            }
            int itemEnd = itemEnd(in, i, end);
            items.add(item(in, i, itemEnd));
            i = itemEnd;
        }
        if (qualifier.isEmpty()) {
            return in;
        }
        List<Token> out = new ArrayList<>(in.size() + 8);
        int depth = 0;
        List<Integer> subqueryDepths = new ArrayList<>();
        for (int k = 0; k < in.size(); k++) {
            Token x = in.get(k);
            if (x.isPunct('(')) {
                depth++;
                if (k + 1 < in.size() && (in.get(k + 1).isWord("select") || in.get(k + 1).isWord("with"))) {
                    subqueryDepths.add(depth);
                }
            } else if (x.isPunct(')')) {
                if (!subqueryDepths.isEmpty() && subqueryDepths.get(subqueryDepths.size() - 1) == depth) {
                    subqueryDepths.remove(subqueryDepths.size() - 1);
                }
                depth--;
            }
            String q = qualifier.get(x.value());
            if (q != null && subqueryDepths.isEmpty() && isOperand(in, k) && !inside(usingLists, k)
                    && !(k > from && k < end && !afterOn(in, from, k))) {
                out.add(new Token(TokenType.IDENT, q, q, x.start(), x.start()));
                out.add(new Token(TokenType.PUNCT, ".", ".", x.start(), x.start()));
            }
            out.add(x);
        }
        return out;
    }

    /** In the FROM clause, only ON conditions hold expressions. */
    private static boolean afterOn(List<Token> t, int from, int k) {
        for (int j = k - 1; j > from; j--) {
            if (t.get(j).isWord("on")) {
                return true;
            }
            if (t.get(j).isWord("join") || t.get(j).isPunct(',') && Tokens.depthBetween(t, j, k) == 0) {
                return false;
            }
        }
        return false;
    }

    private static boolean inside(List<int[]> ranges, int k) {
        for (int[] r : ranges) {
            if (k >= r[0] && k <= r[1]) {
                return true;
            }
        }
        return false;
    }

    /** A bare identifier used as a value: not qualified, not a qualifier, not a call, not an alias. */
    private static boolean isOperand(List<Token> t, int k) {
        Token x = t.get(k);
        if (!(x.is(TokenType.IDENT) || x.is(TokenType.QUOTED_IDENT)) || k == 0) {
            return false;
        }
        if (k + 1 < t.size() && (t.get(k + 1).isPunct('.') || t.get(k + 1).isPunct('('))) {
            return false;
        }
        Token before = t.get(k - 1);
        if (before.isPunct('.') || before.isWord("as")) {
            return false;
        }
        return before.isPunct('(') || before.isPunct(',') || before.is(TokenType.OPERATOR)
                || before.is(TokenType.IDENT) && OPERAND_AFTER.contains(before.value());
    }

    private static String leftmostWith(List<Item> items, String column, H2SqlGenerator.Catalog catalog) {
        for (Item item : items) {
            if (item.table() != null && catalog != null) {
                String schema = item.schema() != null ? item.schema() : catalog.currentSchema();
                for (H2SqlGenerator.Column c : catalog.columns(schema, item.table())) {
                    if (c.name().equals(column)) {
                        return item.reference();
                    }
                }
            }
        }
        return items.isEmpty() ? null : items.get(items.size() - 1).reference();
    }

    /** name, schema.name or (subquery), then [AS] alias. */
    private static Item item(List<Token> t, int from, int to) {
        String schema = null;
        String table = null;
        int i = from;
        if (i < to && t.get(i).isPunct('(')) {
            i = TokenEmitter.matching(t, i) + 1;
        } else if (i < to) {
            table = t.get(i).value();
            i++;
            if (i + 1 < to && t.get(i).isPunct('.')) {
                schema = table;
                table = t.get(i + 1).value();
                i += 2;
            }
        }
        if (i < to && t.get(i).isWord("as")) {
            i++;
        }
        String alias = i < to && (t.get(i).is(TokenType.IDENT) || t.get(i).is(TokenType.QUOTED_IDENT)) ? t.get(i).value() : null;
        return new Item(alias != null ? alias : table, schema, table);
    }

    /** Where a FROM item (or an ON condition) ends: a comma, a join keyword or USING at its depth. */
    private static int itemEnd(List<Token> t, int from, int end) {
        int depth = 0;
        for (int i = from; i < end; i++) {
            Token x = t.get(i);
            if (x.isPunct('(')) {
                depth++;
            } else if (x.isPunct(')')) {
                depth--;
            } else if (depth == 0 && i > from && (x.isPunct(',') || isJoinWord(t, i)
                    || x.isWord("using") || x.isWord("on"))) {
                return i;
            }
        }
        return end;
    }

    /** A join keyword, not the function of that name (left(s, n), right(s, n)). */
    private static boolean isJoinWord(List<Token> t, int i) {
        return t.get(i).is(TokenType.IDENT) && JOIN_WORDS.contains(t.get(i).value())
                && !(i + 1 < t.size() && t.get(i + 1).isPunct('('));
    }
}
