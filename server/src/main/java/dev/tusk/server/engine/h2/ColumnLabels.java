package dev.tusk.server.engine.h2;

import dev.tusk.server.sql.Token;
import dev.tusk.server.sql.TokenType;
import java.util.List;
import java.util.Set;

/**
 * The name PostgreSQL gives a result column that has no alias (cf. FigureColname in
 * parser/parse_target.c): a column reference by its column, a function call by the function, a
 * cast by its type, CASE as "case", anything else "?column?". H2 names such columns differently,
 * so the generator adds PostgreSQL's name as an alias.
 */
final class ColumnLabels {
    /** Keywords that, before the last word of a select item, show that word is not an alias. */
    private static final Set<String> EXPRESSION_WORDS = Set.of("and", "or", "not", "is", "in", "like", "ilike",
            "between", "then", "else", "when", "case", "distinct", "similar", "escape", "at", "zone", "collate");
    private static final Set<String> NOT_ALIASES = Set.of("end", "null", "true", "false", "unknown");
    static final Set<String> KEYWORD_FUNCTIONS = Set.of("current_user", "session_user", "user",
            "current_date", "current_time", "current_timestamp", "localtime", "localtimestamp",
            "current_schema", "current_catalog", "current_role");

    /** Keywords that can follow a FROM item and so are not its alias. */
    static final Set<String> NOT_ALIAS_WORDS = Set.of("where", "join", "left", "right", "inner", "full", "cross",
            "natural", "on", "using", "group", "order", "limit", "offset", "having", "window", "union", "intersect",
            "except", "for", "fetch", "returning");

    private ColumnLabels() {
    }

    /** The label PostgreSQL gives a select item with no alias (cf. FigureColname), or null to keep H2's. */
    static String label(List<Token> tokens, int from, int to) {
        Token last = tokens.get(to - 1);
        int n = to - from;
        if (last.isOp("*")) {
            return null;
        }
        if (to - from >= 2 && H2SqlGenerator.topLevelWord(tokens, from, to, "as") >= 0) {
            return null;
        }
        int cast = lastTopLevelCast(tokens, from, to);
        if (cast >= 0 && PgTypeLabels.typeNameEnd(tokens, cast + 1, to) == to && OperatorCalls.primaryStart(tokens, cast) == from) {
            // (only when the cast applies to the whole item: a = b::jsonb is labelled ?column?)
            // A cast takes its operand's name when that has one (a column, a function), else the
            // outermost type's: 'a'::text::varchar is varchar, x::text::int is x.
            int baseEnd = cast;
            for (int inner; (inner = lastTopLevelCast(tokens, from, baseEnd)) >= 0
                    && OperatorCalls.primaryStart(tokens, inner) == from;) {
                baseEnd = inner;
            }
            if (isColumnRef(tokens, from, baseEnd)) {
                return tokens.get(baseEnd - 1).value();
            }
            String operand = label(tokens, from, baseEnd);
            return operand == null ? tokens.get(baseEnd - 1).value()
                    : operand.equals("?column?") ? PgTypeLabels.label(tokens, cast + 1, to) : operand;
        }
        if (n == 2 && tokens.get(from).is(TokenType.IDENT) && last.is(TokenType.STRING)) {
            return PgTypeLabels.label(tokens, from, from + 1); // typed constant: date '...', interval '...'
        }
        if (n >= 2 && (last.is(TokenType.IDENT) || last.is(TokenType.QUOTED_IDENT)) && !NOT_ALIASES.contains(last.value())
                && isImplicitAlias(tokens.get(to - 2))) {
            return null;
        }
        if (isColumnRef(tokens, from, to)) {
            return null;
        }
        int subscripts = to;
        while (subscripts > from && tokens.get(subscripts - 1).isPunct(']')) {
            int open = subscripts - 1;
            for (int depth = 0; open > from; open--) {
                if (tokens.get(open).isPunct(']')) {
                    depth++;
                } else if (tokens.get(open).isPunct('[') && --depth == 0) {
                    break;
                }
            }
            subscripts = open;
        }
        int arrayFrom = from;
        int arrayTo = subscripts;
        while (arrayTo - arrayFrom > 2 && tokens.get(arrayFrom).isPunct('(')
                && H2SqlGenerator.matching(tokens, arrayFrom) == arrayTo - 1) {
            arrayFrom++; // (nums)[1] too
            arrayTo--;
        }
        if (subscripts < to && subscripts > from) {
            if (isColumnRef(tokens, arrayFrom, arrayTo)) {
                return tokens.get(arrayTo - 1).value(); // nums[1] is labelled nums
            }
            String array = label(tokens, arrayFrom, arrayTo); // f(x)[1] as f, ARRAY[...][1] as array
            if (array != null && !array.equals("?column?")) {
                return array;
            }
        }
        Token first = tokens.get(from);
        if (first.is(TokenType.IDENT)) {
            if (n == 1 && KEYWORD_FUNCTIONS.contains(first.value())) {
                return first.value();
            }
            if (n == 1 && (first.value().equals("true") || first.value().equals("false"))) {
                return "bool";
            }
            if (first.value().equals("case") && last.isWord("end")) {
                return "case";
            }
            if (first.value().equals("cast") && n > 1 && tokens.get(from + 1).isPunct('(') && H2SqlGenerator.matching(tokens, from + 1) == to - 1) {
                int as = H2SqlGenerator.topLevelWord(tokens, from + 2, to - 1, "as");
                return as > 0 ? PgTypeLabels.label(tokens, as + 1, to - 1) : null;
            }
            int call = functionCallEnd(tokens, from, to);
            if (call == to) {
                int paren = from;
                while (!tokens.get(paren).isPunct('(') && !tokens.get(paren).isPunct('[')) {
                    paren++;
                }
                Token name = tokens.get(paren - 1);
                if (name.start() == name.end() && to - paren == 3 && tokens.get(paren + 1).start() == tokens.get(paren + 1).end()) {
                    return "tableoid"; // x.tableoid, which TableOidColumns made a lookup of x's relation
                }
                if (name.start() == name.end() && name.value().matches("tusk_reg(class|type|namespace)_(in|out)")) {
                    // x::regclass rewritten to a call: labelled as the cast was, by x or else by the type
                    String operand = isColumnRef(tokens, paren + 1, to - 1) ? tokens.get(to - 2).value()
                            : label(tokens, paren + 1, to - 1);
                    return operand == null || operand.equals("?column?") ? name.value().split("_")[1] : operand;
                }
                // a call a rewrite put in for an operator (a zero-width token) is labelled as the operator was
                return name.start() == name.end() ? "?column?" : PgTypeLabels.functionLabel(name.value());
            }
        }
        return "?column?";
    }

    /** The PostgreSQL type a select item ends by casting to (expr::type, not an alias after it), or 0. */
    static int castType(List<Token> tokens, int from, int to) {
        int as = H2SqlGenerator.topLevelWord(tokens, from, to, "as");
        if (as > from) {
            to = as;
        }
        if (tokens.get(from).isWord("cast") && to - from > 3 && tokens.get(from + 1).isPunct('(')
                && H2SqlGenerator.matching(tokens, from + 1) == to - 1) {
            int type = H2SqlGenerator.topLevelWord(tokens, from + 2, to - 1, "as");
            String label = type < 0 ? null : PgTypeLabels.label(tokens, type + 1, to - 1);
            return label == null ? 0 : PgTypeLabels.oid(label); // CAST(x AS type)
        }
        int cast = lastTopLevelCast(tokens, from, to);
        if (cast < 0 || PgTypeLabels.typeNameEnd(tokens, cast + 1, to) != to) {
            return 0;
        }
        String label = PgTypeLabels.label(tokens, cast + 1, to);
        return label == null ? 0 : PgTypeLabels.oid(label);
    }

    private static boolean isImplicitAlias(Token before) {
        if (before.is(TokenType.OPERATOR) || before.isPunct('.') || before.isPunct('(') || before.isPunct(',')
                || before.is(TokenType.PUNCT) && before.text().equals("::")) {
            return false;
        }
        return !(before.is(TokenType.IDENT) && EXPRESSION_WORDS.contains(before.value()));
    }

    private static boolean isColumnRef(List<Token> tokens, int from, int to) {
        for (int i = from; i < to; i++) {
            boolean nameSlot = (i - from) % 2 == 0;
            Token t = tokens.get(i);
            if (nameSlot ? !(t.is(TokenType.IDENT) || t.is(TokenType.QUOTED_IDENT)) : !t.isPunct('.')) {
                return false;
            }
        }
        return (to - from) % 2 == 1 && !(to - from == 1 && KEYWORD_FUNCTIONS.contains(tokens.get(from).value()));
    }

    /** If [from,to) is name[.name](...) optionally followed by OVER (...) / FILTER (...), returns to. */
    private static int functionCallEnd(List<Token> tokens, int from, int to) {
        int i = from;
        while (i + 2 < to && tokens.get(i + 1).isPunct('.')) {
            i += 2;
        }
        if (i + 1 >= to || !(tokens.get(i + 1).isPunct('(') || tokens.get(i).isWord("array") && tokens.get(i + 1).isPunct('['))) {
            return -1;
        }
        i = H2SqlGenerator.matching(tokens, i + 1) + 1;
        while (i + 1 < to && (tokens.get(i).isWord("over") || tokens.get(i).isWord("filter")
                || tokens.get(i).isWord("within")) ) {
            int j = i + 1;
            if (tokens.get(j).isWord("group")) {
                j++;
            }
            if (j < to && tokens.get(j).isPunct('(')) {
                i = H2SqlGenerator.matching(tokens, j) + 1;
            } else if (tokens.get(i).isWord("over")) {
                i = j + 1;
            } else {
                return -1;
            }
        }
        return i;
    }

    private static int lastTopLevelCast(List<Token> tokens, int from, int to) {
        int found = -1;
        int depth = 0;
        for (int i = from; i < to; i++) {
            Token t = tokens.get(i);
            if (t.isPunct('(') || t.isPunct('[')) {
                depth++;
            } else if (t.isPunct(')') || t.isPunct(']')) {
                depth--;
            } else if (depth == 0 && t.is(TokenType.PUNCT) && t.text().equals("::")) {
                found = i;
            } else if (depth == 0 && found >= 0 && !(t.is(TokenType.IDENT) || t.is(TokenType.QUOTED_IDENT) || t.isPunct('.')
                    || t.is(TokenType.NUMBER) || t.isPunct(','))) {
                found = -1; // an operator after the cast: the cast is not the item's root
            }
        }
        return found;
    }
}
