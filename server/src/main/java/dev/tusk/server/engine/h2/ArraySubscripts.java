package dev.tusk.server.engine.h2;

import dev.tusk.server.sql.Token;
import dev.tusk.server.sql.TokenType;
import java.util.ArrayList;
import java.util.List;

/**
 * Array subscripts with PostgreSQL's meaning: {@code a[i]} outside the array's bounds is NULL, where
 * H2 raises an error. Catalog queries rely on it (pgjdbc's getImportedKeys reads
 * {@code confkey[pos.n]} for pos.n up to 32; getIndexInfo reads the 0-based int2vector
 * {@code indoption[n - 1]}, whose subscripts are shifted by one). Each subscript becomes
 * {@code a[CASE WHEN i BETWEEN 1 AND CARDINALITY(a) THEN i END]}: H2 gives NULL for a NULL index,
 * and the CASE stays inside the brackets so that H2 folding a constant array cannot fail. Left alone: ARRAY[...]
 * constructors, types ({@code int[]}, {@code ::int[3]}), slices ({@code a[1:2]}) and assignment
 * targets ({@code SET a[1] = ...}).
 */
final class ArraySubscripts {
    /**
     * The catalogs' int2vector and oidvector columns (see ColumnTypes), recognised by name: a user
     * table's column of one of these names would be shifted too.
     */
    private static final java.util.Set<String> VECTORS = java.util.Set.of("indkey", "indoption", "indclass",
            "indcollation", "tgattr", "proargtypes");

    private ArraySubscripts() {
    }

    static boolean present(List<Token> tokens) {
        for (int i = 1; i < tokens.size(); i++) {
            if (tokens.get(i).isPunct('[') && !tokens.get(i - 1).isWord("array")) {
                return true;
            }
        }
        return false;
    }

    static List<Token> rewrite(List<Token> in) {
        List<Token> t = new ArrayList<>(in);
        for (int open = 1; open < t.size(); open++) {
            if (!t.get(open).isPunct('[') || !isSubscript(t, open)) {
                continue;
            }
            int close = TokenEmitter.matching(t, open);
            int start = OperatorCalls.primaryStart(t, open);
            if (start < 0 || close < 0) {
                continue;
            }
            List<Token> array = new ArrayList<>(t.subList(start, open));
            List<Token> index = new ArrayList<>(t.subList(open + 1, close));
            Token at = t.get(open);
            if (VECTORS.contains(t.get(open - 1).value()) && t.get(open - 1).is(TokenType.IDENT)) {
                // a catalog vector, 0-based in PostgreSQL, is an array from 1 in the engine
                List<Token> shifted = new ArrayList<>();
                parenthesized(shifted, at, index);
                add(shifted, at, TokenType.OPERATOR, "+");
                add(shifted, at, TokenType.NUMBER, "1");
                index = shifted;
            }
            List<Token> with = new ArrayList<>(array);
            add(with, at, TokenType.PUNCT, "[");
            add(with, at, TokenType.IDENT, "case");
            add(with, at, TokenType.IDENT, "when");
            parenthesized(with, at, index);
            add(with, at, TokenType.IDENT, "between");
            add(with, at, TokenType.NUMBER, "1");
            add(with, at, TokenType.IDENT, "and");
            add(with, at, TokenType.IDENT, "cardinality");
            parenthesized(with, at, array);
            add(with, at, TokenType.IDENT, "then");
            parenthesized(with, at, index);
            add(with, at, TokenType.IDENT, "end");
            add(with, at, TokenType.PUNCT, "]");
            t.subList(start, close + 1).clear();
            t.addAll(start, with);
            open = start + with.size() - 1;
        }
        return t;
    }

    private static boolean isSubscript(List<Token> t, int open) {
        Token before = t.get(open - 1);
        if (before.isWord("array") || open + 1 < t.size() && t.get(open + 1).isPunct(']')) {
            return false;
        }
        if (!(before.is(TokenType.IDENT) || before.is(TokenType.QUOTED_IDENT) || before.isPunct(')') || before.isPunct(']'))) {
            return false;
        }
        if (open >= 2 && t.get(open - 2).text().equals("::")) {
            return false; // ::type[n]
        }
        int close = TokenEmitter.matching(t, open);
        if (close < 0) {
            return false;
        }
        int depth = 0;
        for (int i = open + 1; i < close; i++) {
            Token x = t.get(i);
            if (x.isPunct('(') || x.isPunct('[')) {
                depth++;
            } else if (x.isPunct(')') || x.isPunct(']')) {
                depth--;
            } else if (depth == 0 && (x.isPunct(':') || x.text().equals(":"))) {
                return false; // a slice
            }
        }
        if (close + 1 < t.size() && t.get(close + 1).isOp("=")) {
            int start = OperatorCalls.primaryStart(t, open);
            return !(start > 0 && (t.get(start - 1).isWord("set") || t.get(start - 1).isPunct(',')));
        }
        return true;
    }

    private static void parenthesized(List<Token> out, Token at, List<Token> expr) {
        add(out, at, TokenType.PUNCT, "(");
        out.addAll(expr);
        add(out, at, TokenType.PUNCT, ")");
    }

    private static void add(List<Token> out, Token at, TokenType type, String text) {
        out.add(new Token(type, text, text, at.start(), at.start()));
    }
}
