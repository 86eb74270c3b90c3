package dev.tusk.server.engine.h2;

import dev.tusk.server.sql.Token;
import dev.tusk.server.sql.TokenType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * information_schema._pg_expandarray(a) in a select list, which pgjdbc's getPrimaryKeys and
 * getIndexInfo call: a set-returning function there yields one row per array element, the record
 * (x = element, n = its 1-based position). H2 has neither set-returning functions in a select list
 * nor a lateral join, so the query is rewritten to join a range of positions to the rows of its
 * FROM clause, {@code JOIN SYSTEM_RANGE(1, MAX) g ON g.X <= CARDINALITY(a)}, and each call becomes
 * what it yields from that position: {@code (call).n} the position, {@code (call).x} the element,
 * and the bare call a ROW(x, n) whose fields a surrounding query may select. Calls on the same
 * array in one select list share the range, as PostgreSQL runs them in step.
 */
final class ExpandArrayCalls {
    private static final String FUNCTION = "_pg_expandarray";
    /** The longest array expanded: far above what index keys (32 columns) need. */
    private static final int MAX_ELEMENTS = 65_535;
    private static final Set<String> AFTER_FROM = Set.of("where", "group", "having", "window", "order", "limit",
            "offset", "fetch", "for", "union", "intersect", "except");

    private ExpandArrayCalls() {
    }

    static boolean present(List<Token> tokens) {
        for (Token t : tokens) {
            if (t.isWord(FUNCTION)) {
                return true;
            }
        }
        return false;
    }

    static List<Token> rewrite(List<Token> in) {
        List<Token> t = new ArrayList<>(in);
        int ranges = 0;
        for (int searchFrom = 0;;) {
            int call = nextCall(t, searchFrom);
            if (call < 0) {
                return t;
            }
            int nameStart = qualifiedStart(t, call);
            int close = TokenEmitter.matching(t, call + 1);
            int select = enclosingSelect(t, nameStart);
            int from = select < 0 ? -1 : atDepthZero(t, select, Set.of("from"));
            if (from < close) {
                searchFrom = close; // not in a select list: left to the engine, which reports it
                continue;
            }
            String argument = text(t, call + 2, close);
            String range = "tusk_srf" + ranges++;
            int fromEnd = atDepthZero(t, from, AFTER_FROM);
            t.addAll(fromEnd < 0 ? clauseEnd(t, from) : fromEnd, join(t.get(from), range, t.subList(call + 2, close)));
            replaceCalls(t, select, from, argument, range);
            searchFrom = select + 1;
        }
    }

    private static int nextCall(List<Token> t, int from) {
        for (int i = from; i + 1 < t.size(); i++) {
            if (t.get(i).isWord(FUNCTION) && t.get(i + 1).isPunct('(')) {
                return i;
            }
        }
        return -1;
    }

    /** information_schema._pg_expandarray: where the (possibly qualified) name starts. */
    private static int qualifiedStart(List<Token> t, int name) {
        return name >= 2 && t.get(name - 1).isPunct('.') && t.get(name - 2).isWord("information_schema") ? name - 2 : name;
    }

    /** The SELECT whose select list holds index i (at the same parenthesis depth), or -1. */
    private static int enclosingSelect(List<Token> t, int i) {
        int depth = 0;
        for (int j = i - 1; j >= 0; j--) {
            Token x = t.get(j);
            if (x.isPunct(')') || x.isPunct(']')) {
                depth++;
            } else if (x.isPunct('(') || x.isPunct('[')) {
                depth--;
                if (depth < 0) {
                    depth = 0; // the call sits in parentheses of its select list: keep looking outward
                }
            } else if (depth == 0 && x.isWord("select")) {
                return j;
            } else if (depth == 0 && x.isWord("from")) {
                return -1;
            }
        }
        return -1;
    }

    /** The first of words at the parenthesis depth of index start, before that level closes; -1 if none. */
    private static int atDepthZero(List<Token> t, int start, Set<String> words) {
        int depth = 0;
        for (int j = start + 1; j < t.size(); j++) {
            Token x = t.get(j);
            if (x.isPunct('(') || x.isPunct('[')) {
                depth++;
            } else if (x.isPunct(')') || x.isPunct(']')) {
                if (--depth < 0) {
                    return -1;
                }
            } else if (depth == 0 && x.is(TokenType.IDENT) && words.contains(x.value())) {
                return j;
            }
        }
        return -1;
    }

    /** Where the FROM clause at index from ends when no keyword follows it: its closing parenthesis or the end. */
    private static int clauseEnd(List<Token> t, int from) {
        int depth = 0;
        for (int j = from + 1; j < t.size(); j++) {
            if (t.get(j).isPunct('(')) {
                depth++;
            } else if (t.get(j).isPunct(')') && --depth < 0) {
                return j;
            } else if (depth == 0 && t.get(j).isPunct(';')) {
                return j;
            }
        }
        return t.size();
    }

    private static List<Token> join(Token at, String range, List<Token> array) {
        List<Token> out = new ArrayList<>();
        add(out, at, TokenType.IDENT, "join");
        positions(out, at, range);
        add(out, at, TokenType.IDENT, "on");
        position(out, at, range);
        add(out, at, TokenType.OPERATOR, "<=");
        add(out, at, TokenType.IDENT, "cardinality");
        add(out, at, TokenType.PUNCT, "(");
        out.addAll(array);
        add(out, at, TokenType.PUNCT, ")");
        return out;
    }

    /** Replaces, from the end backwards, each call on argument in the select list [select, from). */
    private static void replaceCalls(List<Token> t, int select, int from, String argument, String range) {
        for (int i = from - 1; i > select; i--) {
            if (!t.get(i).isWord(FUNCTION) || i + 1 >= t.size() || !t.get(i + 1).isPunct('(')) {
                continue;
            }
            int close = TokenEmitter.matching(t, i + 1);
            if (!text(t, i + 2, close).equals(argument) || enclosingSelect(t, i) != select) {
                continue;
            }
            List<Token> array = new ArrayList<>(t.subList(i + 2, close));
            int start = qualifiedStart(t, i);
            Token at = t.get(start);
            boolean field = start > 0 && t.get(start - 1).isPunct('(') && close + 3 < t.size() && t.get(close + 1).isPunct(')')
                    && t.get(close + 2).isPunct('.') && (t.get(close + 3).isWord("x") || t.get(close + 3).isWord("n"));
            List<Token> with = new ArrayList<>();
            if (field && t.get(close + 3).isWord("n")) {
                position(with, at, range);
            } else if (field) {
                element(with, at, array, range);
            } else {
                add(with, at, TokenType.IDENT, "cast");
                add(with, at, TokenType.PUNCT, "(");
                add(with, at, TokenType.IDENT, "row");
                add(with, at, TokenType.PUNCT, "(");
                element(with, at, array, range);
                add(with, at, TokenType.PUNCT, ",");
                position(with, at, range);
                add(with, at, TokenType.PUNCT, ")");
                add(with, at, TokenType.IDENT, "as");
                add(with, at, TokenType.IDENT, "row");
                add(with, at, TokenType.PUNCT, "(");
                add(with, at, TokenType.IDENT, "x");
                add(with, at, TokenType.IDENT, "integer");
                add(with, at, TokenType.PUNCT, ",");
                add(with, at, TokenType.IDENT, "n");
                add(with, at, TokenType.IDENT, "integer");
                add(with, at, TokenType.PUNCT, ")");
                add(with, at, TokenType.PUNCT, ")");
            }
            int end = field ? close + 4 : close + 1;
            t.subList(field ? start - 1 : start, end).clear();
            t.addAll(field ? start - 1 : start, with);
            i = field ? start - 1 : start;
        }
    }

    /** SYSTEM_RANGE(1, MAX) range: the positions an array may have (shared with UnnestCalls). */
    static void positions(List<Token> out, Token at, String range) {
        add(out, at, TokenType.IDENT, "system_range");
        add(out, at, TokenType.PUNCT, "(");
        add(out, at, TokenType.NUMBER, "1");
        add(out, at, TokenType.PUNCT, ",");
        add(out, at, TokenType.NUMBER, Integer.toString(MAX_ELEMENTS));
        add(out, at, TokenType.PUNCT, ")");
        add(out, at, TokenType.IDENT, range);
    }

    /** range.X, the position the range gives. */
    static void position(List<Token> out, Token at, String range) {
        add(out, at, TokenType.IDENT, range);
        add(out, at, TokenType.PUNCT, ".");
        out.add(new Token(TokenType.QUOTED_IDENT, "\"X\"", "X", at.start(), at.start()));
    }

    /** (array)[range.X]: the element at that position. */
    private static void element(List<Token> out, Token at, List<Token> array, String range) {
        add(out, at, TokenType.PUNCT, "(");
        out.addAll(array);
        add(out, at, TokenType.PUNCT, ")");
        add(out, at, TokenType.PUNCT, "[");
        position(out, at, range);
        add(out, at, TokenType.PUNCT, "]");
    }

    private static void add(List<Token> out, Token at, TokenType type, String text) {
        out.add(new Token(type, text, text, at.start(), at.start()));
    }

    private static String text(List<Token> t, int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < to; i++) {
            sb.append(t.get(i).text()).append(' ');
        }
        return sb.toString();
    }
}
