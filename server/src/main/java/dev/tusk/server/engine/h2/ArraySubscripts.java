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
    /** The catalogs' int2vector and oidvector columns (see ColumnTypes), by the catalog that has them. */
    private static final java.util.Map<String, String> VECTORS = java.util.Map.of("indkey", "pg_index",
            "indoption", "pg_index", "indclass", "pg_index", "indcollation", "pg_index", "tgattr", "pg_trigger",
            "proargtypes", "pg_proc");

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
            if (isCatalogVector(t, open - 1)) {
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

    /** Whether the column named at index i is a catalog's vector: qualified by that catalog (or its alias), or unqualified beside it. */
    private static boolean isCatalogVector(List<Token> t, int i) {
        String catalog = t.get(i).is(TokenType.IDENT) ? VECTORS.get(t.get(i).value()) : null;
        if (catalog == null) {
            return false;
        }
        if (i >= 2 && t.get(i - 1).isPunct('.')) {
            String relation = TableOidColumns.relationOf(t, t.get(i - 2).value());
            return relation != null && (relation.equals(catalog) || relation.equals("pg_catalog." + catalog));
        }
        return TableOidColumns.relationOf(t, catalog) != null;
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
