package dev.tusk.server.engine.h2;

import dev.tusk.server.sql.Token;
import dev.tusk.server.sql.TokenType;
import dev.tusk.server.sql.Tokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Rewrites PostgreSQL operators H2 lacks into calls of the functions that implement them:
 * {@code a -> 'k'} becomes {@code tusk_json_get(a, 'k')}, {@code a ~ 'x'} becomes
 * {@code tusk_regex_match(a, 'x', false)}, {@code a !~ 'x'} its negation, {@code a & b} {@code bitand(a, b)}
 * (and |, #, <<, >> likewise). These operators bind
 * tighter than comparisons and associate to the left, so each takes the primary expression before
 * it (a name, literal, call or parenthesised group, with any ::cast) and the one after it. The
 * spelled-out form {@code OPERATOR(pg_catalog.~)} and {@code COLLATE} clauses (Tusk compares by
 * code point, as the C collation does) are normalized first.
 */
final class OperatorCalls {
    /** An operator's function, and whether the call is negated or case-insensitive. */
    private record Call(String function, boolean negated, String extraArgument) {
    }

    private static final Map<String, Call> CALLS = Map.ofEntries(
            Map.entry("->", new Call("tusk_json_get", false, null)),
            Map.entry("->>", new Call("tusk_json_get_text", false, null)),
            Map.entry("~", new Call("tusk_regex_match", false, "false")),
            Map.entry("~*", new Call("tusk_regex_match", false, "true")),
            Map.entry("!~", new Call("tusk_regex_match", true, "false")),
            Map.entry("!~*", new Call("tusk_regex_match", true, "true")),
            // integer bit operators (PostgreSQL's "any other operator" precedence: above comparisons)
            Map.entry("&", new Call("bitand", false, null)),
            Map.entry("|", new Call("bitor", false, null)),
            Map.entry("#", new Call("bitxor", false, null)),
            Map.entry("<<", new Call("lshift", false, null)),
            Map.entry(">>", new Call("rshift", false, null)));

    /** Words that may stand before a parenthesised expression without naming a function. */
    private static final java.util.Set<String> KEYWORDS_BEFORE_PARENTHESES = java.util.Set.of("select", "where", "and",
            "or", "not", "when", "then", "else", "in", "on", "by", "as", "from", "having", "case", "distinct", "all",
            "any", "some", "exists", "values", "returning", "using", "is", "between", "like", "ilike", "set", "into",
            "join", "limit", "offset", "return");

    private OperatorCalls() {
    }

    static boolean present(List<Token> tokens) {
        for (Token t : tokens) {
            if (t.is(TokenType.OPERATOR) && CALLS.containsKey(t.text()) || t.isWord("operator") || t.isWord("collate")
                    || (REG_TYPES.contains(t.value()) || DOMAIN_TYPES.contains(t.value())) && t.is(TokenType.IDENT)) {
                return true;
            }
        }
        return false;
    }

    /** OID types whose casts become lookups by name (tusk_regclass_in/out and the like). */
    private static final java.util.Set<String> REG_TYPES = java.util.Set.of("regclass", "regtype", "regnamespace");

    /** Types Tusk keeps as domains (ColumnTypes), which H2's :: cannot name: x::name becomes CAST(x AS name). */
    private static final java.util.Set<String> DOMAIN_TYPES = java.util.Set.of("name", "oid", "json");

    static List<Token> rewrite(List<Token> in) {
        List<Token> t = domainCasts(regclassCasts(normalize(in)));
        for (int i = 0; i < t.size(); i++) {
            Token op = t.get(i);
            Call call = op.is(TokenType.OPERATOR) ? CALLS.get(op.text()) : null;
            if (call == null || i == 0 || i + 1 >= t.size()) {
                continue;
            }
            int leftStart = primaryStart(t, i);
            int rightEnd = primaryEnd(t, i + 1);
            if (leftStart < 0 || rightEnd < 0) {
                continue; // not an expression we can take apart: left to the engine, which reports it
            }
            List<Token> expr = new ArrayList<>();
            // a -> k is a document again (jsonb, as H2's JSON reports): the text the function returns, parsed
            boolean document = op.text().equals("->");
            if (document) {
                expr.add(Tokens.synthetic(TokenType.PUNCT, "(", op));
            }
            if (call.negated()) {
                expr.add(Tokens.synthetic(TokenType.PUNCT, "(", op));
                expr.add(Tokens.synthetic(TokenType.IDENT, "not", op));
            }
            expr.add(Tokens.synthetic(TokenType.IDENT, call.function(), op));
            expr.add(Tokens.synthetic(TokenType.PUNCT, "(", op));
            expr.addAll(t.subList(leftStart, i));
            expr.add(Tokens.synthetic(TokenType.PUNCT, ",", op));
            expr.addAll(t.subList(i + 1, rightEnd));
            if (call.extraArgument() != null) {
                expr.add(Tokens.synthetic(TokenType.PUNCT, ",", op));
                expr.add(Tokens.synthetic(TokenType.IDENT, call.extraArgument(), op));
            }
            expr.add(Tokens.synthetic(TokenType.PUNCT, ")", op));
            if (call.negated()) {
                expr.add(Tokens.synthetic(TokenType.PUNCT, ")", op));
            }
            if (document) {
                expr.add(Tokens.synthetic(TokenType.IDENT, "format", op));
                expr.add(Tokens.synthetic(TokenType.IDENT, "json", op));
                expr.add(Tokens.synthetic(TokenType.PUNCT, ")", op));
            }
            t.subList(leftStart, rightEnd).clear();
            t.addAll(leftStart, expr);
            i = leftStart + expr.size() - 1;
        }
        return t;
    }

    /**
     * x::regclass: a relation named by text becomes its OID ({@code tusk_regclass_in('t')}); an OID
     * becomes the relation's name ({@code tusk_regclass_out(oid)}), which is how regclass prints.
     * x::regtype and x::regnamespace likewise, with a type's or a schema's name.
     */
    private static List<Token> regclassCasts(List<Token> t) {
        for (int i = 1; i + 1 < t.size(); i++) {
            int type = castType(t, i);
            if (type < 0 || !t.get(type).is(TokenType.IDENT) || !REG_TYPES.contains(t.get(type).value())) {
                continue;
            }
            String kind = t.get(type).value();
            int start = primaryStart(t, i);
            if (start < 0) {
                continue;
            }
            Token at = t.get(i);
            boolean input = start == i - 1 && t.get(start).is(TokenType.STRING);
            List<Token> call = new ArrayList<>();
            call.add(Tokens.synthetic(TokenType.IDENT, "tusk_" + kind + (input ? "_in" : "_out"), at));
            call.add(Tokens.synthetic(TokenType.PUNCT, "(", at));
            call.addAll(t.subList(start, i));
            call.add(Tokens.synthetic(TokenType.PUNCT, ")", at));
            if (input && isSelectItem(t, start, type + 1)) {
                // 'pg_class'::regclass selected (not compared) prints as the name it looked up
                call.add(0, Tokens.synthetic(TokenType.IDENT, "tusk_" + kind + "_out", at));
                call.add(1, Tokens.synthetic(TokenType.PUNCT, "(", at));
                call.add(Tokens.synthetic(TokenType.PUNCT, ")", at));
            }
            t.subList(start, type + 1).clear();
            t.addAll(start, call);
            i = start + call.size() - 1;
        }
        return t;
    }

    private static final java.util.Set<String> CLAUSES = java.util.Set.of("select", "from", "where", "group", "having",
            "order", "limit", "offset", "values", "set", "returning", "on", "using", "window");
    private static final java.util.Set<String> ITEM_FOLLOWERS = java.util.Set.of("from", "as", "where", "order", "limit");

    /** Whether [start, end) is a whole item of the statement's top-level select list. */
    private static boolean isSelectItem(List<Token> t, int start, int end) {
        if (start == 0 || Tokens.depthBetween(t, 0, start) != 0) {
            return false;
        }
        if (end < t.size() && !t.get(end).isPunct(',') && !(t.get(end).is(TokenType.IDENT) && ITEM_FOLLOWERS.contains(t.get(end).value()))) {
            return false;
        }
        Token before = t.get(start - 1);
        if (!before.isWord("select") && !before.isPunct(',')) {
            return false;
        }
        int depth = 0;
        for (int j = start - 1; j >= 0; j--) {
            Token x = t.get(j);
            depth += x.isPunct(')') ? 1 : x.isPunct('(') ? -1 : 0;
            if (depth == 0 && x.is(TokenType.IDENT) && CLAUSES.contains(x.value())) {
                return x.value().equals("select");
            }
        }
        return false;
    }

    /** At a {@code ::} at index i: the index of the type's name ({@code pg_catalog.} skipped), else -1. */
    private static int castType(List<Token> t, int i) {
        if (!t.get(i).text().equals("::")) {
            return -1;
        }
        int type = i + 1;
        if (t.get(type).isWord("pg_catalog") && type + 2 < t.size() && t.get(type + 1).isPunct('.')) {
            type += 2;
        }
        return type;
    }

    private static List<Token> domainCasts(List<Token> t) {
        for (int i = 1; i + 1 < t.size(); i++) {
            int type = castType(t, i);
            if (type < 0) {
                continue;
            }
            if (!DOMAIN_TYPES.contains(t.get(type).value()) || !t.get(type).is(TokenType.IDENT)
                    || type + 1 < t.size() && t.get(type + 1).isPunct('[')) {
                continue;
            }
            int start = primaryStart(t, i);
            // a constant cast to json keeps its own path (PgLiterals: checked, then the text as written)
            if (start < 0 || t.get(type).isWord("json") && start == i - 1 && t.get(start).is(TokenType.STRING)) {
                continue;
            }
            Token at = t.get(i);
            List<Token> cast = new ArrayList<>();
            cast.add(Tokens.synthetic(TokenType.IDENT, "cast", at));
            cast.add(Tokens.synthetic(TokenType.PUNCT, "(", at));
            cast.addAll(t.subList(start, i));
            cast.add(Tokens.synthetic(TokenType.IDENT, "as", at));
            cast.add(t.get(type));
            cast.add(Tokens.synthetic(TokenType.PUNCT, ")", at));
            t.subList(start, type + 1).clear();
            t.addAll(start, cast);
            i = start + cast.size() - 1;
        }
        return t;
    }

    /** OPERATOR(schema.op) becomes op; COLLATE name is dropped. */
    private static List<Token> normalize(List<Token> in) {
        List<Token> t = new ArrayList<>(in.size());
        for (int i = 0; i < in.size(); i++) {
            Token x = in.get(i);
            if (x.isWord("operator") && i + 1 < in.size() && in.get(i + 1).isPunct('(')) {
                int close = TokenEmitter.matching(in, i + 1);
                Token op = in.get(close - 1);
                if (op.is(TokenType.OPERATOR)) {
                    t.add(new Token(TokenType.OPERATOR, op.text(), op.value(), x.start(), in.get(close).end()));
                    i = close;
                    continue;
                }
            }
            if (x.isWord("collate") && i + 1 < in.size()) {
                int j = i + 1;
                while (j + 2 < in.size() && in.get(j + 1).isPunct('.')) {
                    j += 2;
                }
                i = j;
                continue;
            }
            t.add(x);
        }
        return t;
    }

    /** Where the primary expression ending just before index end starts, or -1. */
    static int primaryStart(List<Token> t, int end) {
        int i = end - 1;
        while (i >= 2 && t.get(i).is(TokenType.IDENT) && t.get(i - 1).text().equals("::")) {
            i -= 2; // a trailing ::type
        }
        while (i >= 3 && t.get(i).is(TokenType.IDENT) && t.get(i - 1).isPunct('.') && t.get(i - 2).is(TokenType.IDENT)
                && t.get(i - 3).text().equals("::")) {
            i -= 4; // ::schema.type
        }
        Token last = t.get(i);
        if (last.isPunct(')') || last.isPunct(']')) {
            int depth = 0;
            for (; i >= 0; i--) {
                if (t.get(i).isPunct(')') || t.get(i).isPunct(']')) {
                    depth++;
                } else if ((t.get(i).isPunct('(') || t.get(i).isPunct('[')) && --depth == 0) {
                    break;
                }
            }
            if (i < 0) {
                return -1;
            }
            if (i > 0 && (t.get(i - 1).is(TokenType.QUOTED_IDENT)
                    || t.get(i - 1).is(TokenType.IDENT) && !KEYWORDS_BEFORE_PARENTHESES.contains(t.get(i - 1).value()))) {
                i--; // a function call, or a subscripted column
            }
        } else if (!(last.is(TokenType.IDENT) || last.is(TokenType.QUOTED_IDENT) || last.is(TokenType.STRING)
                || last.is(TokenType.PARAM) || last.is(TokenType.NUMBER))) {
            return -1;
        }
        while (i >= 2 && t.get(i - 1).isPunct('.') && (t.get(i - 2).is(TokenType.IDENT) || t.get(i - 2).is(TokenType.QUOTED_IDENT))) {
            i -= 2;
        }
        return i;
    }

    /** Where the primary expression starting at index start ends (exclusive), or -1. */
    private static int primaryEnd(List<Token> t, int start) {
        Token first = t.get(start);
        int end;
        if (first.isPunct('(')) {
            end = TokenEmitter.matching(t, start) + 1;
        } else if (first.is(TokenType.STRING) || first.is(TokenType.NUMBER) || first.is(TokenType.PARAM)) {
            end = start + 1;
        } else if (first.isOp("-") && start + 1 < t.size() && t.get(start + 1).is(TokenType.NUMBER)) {
            end = start + 2;
        } else if (first.is(TokenType.IDENT) || first.is(TokenType.QUOTED_IDENT)) {
            end = start + 1;
            while (end + 1 < t.size() && t.get(end).isPunct('.')) {
                end += 2;
            }
            if (end < t.size() && t.get(end).isPunct('(')) {
                end = TokenEmitter.matching(t, end) + 1; // a function call
            }
        } else {
            return -1;
        }
        while (end + 1 < t.size() && t.get(end).text().equals("::")) {
            end = PgTypeLabels.typeNameEnd(t, end + 1, t.size()); // a trailing cast binds tighter
        }
        return end;
    }
}
