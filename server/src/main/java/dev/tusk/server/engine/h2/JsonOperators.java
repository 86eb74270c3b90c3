package dev.tusk.server.engine.h2;

import dev.tusk.server.sql.Token;
import dev.tusk.server.sql.TokenType;
import java.util.ArrayList;
import java.util.List;

/**
 * Rewrites PostgreSQL's JSON operators, which H2 lacks, into calls of the functions that implement
 * them ({@link PgFunctions#jsonGet}, {@link PgFunctions#jsonGetText}): {@code a -> 'k'} becomes
 * {@code tusk_json_get(a, 'k')}. The operators bind tighter than comparisons and associate to the
 * left, so each takes the primary expression before it (a name, literal, call or parenthesised
 * group, with any ::cast) and the one after it.
 */
final class JsonOperators {
    private JsonOperators() {
    }

    static boolean present(List<Token> tokens) {
        for (Token t : tokens) {
            if (t.isOp("->") || t.isOp("->>")) {
                return true;
            }
        }
        return false;
    }

    static List<Token> rewrite(List<Token> in) {
        List<Token> t = new ArrayList<>(in);
        for (int i = 0; i < t.size(); i++) {
            Token op = t.get(i);
            if (!(op.isOp("->") || op.isOp("->>")) || i == 0 || i + 1 >= t.size()) {
                continue;
            }
            int leftStart = primaryStart(t, i);
            int rightEnd = primaryEnd(t, i + 1);
            if (leftStart < 0 || rightEnd < 0) {
                continue; // not an expression we can take apart: left to the engine, which reports it
            }
            List<Token> call = new ArrayList<>();
            call.add(synthetic(TokenType.IDENT, op.isOp("->") ? "tusk_json_get" : "tusk_json_get_text", op));
            call.add(synthetic(TokenType.PUNCT, "(", op));
            call.addAll(t.subList(leftStart, i));
            call.add(synthetic(TokenType.PUNCT, ",", op));
            call.addAll(t.subList(i + 1, rightEnd));
            call.add(synthetic(TokenType.PUNCT, ")", op));
            t.subList(leftStart, rightEnd).clear();
            t.addAll(leftStart, call);
            i = leftStart + call.size() - 1;
        }
        return t;
    }

    private static Token synthetic(TokenType type, String text, Token at) {
        return new Token(type, text, text, at.start(), at.start());
    }

    /** Where the primary expression ending just before index end starts, or -1. */
    private static int primaryStart(List<Token> t, int end) {
        int i = end - 1;
        // trailing ::type
        while (i >= 2 && t.get(i).is(TokenType.IDENT) && t.get(i - 1).text().equals("::")) {
            i -= 2;
        }
        Token last = t.get(i);
        if (last.isPunct(')') || last.isPunct(']')) {
            int depth = 0;
            for (; i >= 0; i--) {
                if (t.get(i).isPunct(')') || t.get(i).isPunct(']')) {
                    depth++;
                } else if (t.get(i).isPunct('(') || t.get(i).isPunct('[')) {
                    if (--depth == 0) {
                        break;
                    }
                }
            }
            if (i < 0) {
                return -1;
            }
            if (i > 0 && (t.get(i - 1).is(TokenType.IDENT) || t.get(i - 1).is(TokenType.QUOTED_IDENT))) {
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
        if (first.isPunct('(')) {
            return H2SqlGenerator.matching(t, start) + 1;
        }
        if (first.is(TokenType.STRING) || first.is(TokenType.NUMBER) || first.is(TokenType.PARAM)) {
            return start + 1;
        }
        if (first.isOp("-") && start + 1 < t.size() && t.get(start + 1).is(TokenType.NUMBER)) {
            return start + 2;
        }
        if (first.is(TokenType.IDENT) || first.is(TokenType.QUOTED_IDENT)) {
            int i = start + 1;
            while (i + 1 < t.size() && t.get(i).isPunct('.')) {
                i += 2;
            }
            return i;
        }
        return -1;
    }
}
