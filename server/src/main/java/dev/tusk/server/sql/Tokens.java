package dev.tusk.server.sql;

import java.util.List;

/** Structure in a token list: matching brackets, and what stands at the top level (outside any brackets). */
public final class Tokens {
    private Tokens() {
    }

    /** A token a rewrite inserts, placed (for error positions) where the token it stands for is. */
    public static Token synthetic(TokenType type, String text, Token at) {
        return new Token(type, text, text, at.start(), at.start());
    }

    private static int depthChange(Token t) {
        if (t.isPunct('(') || t.isPunct('[')) {
            return 1;
        }
        return t.isPunct(')') || t.isPunct(']') ? -1 : 0;
    }

    /** The index of the bracket closing the one at open (or the last index if it is never closed). */
    public static int matching(List<Token> t, int open) {
        int depth = 0;
        for (int i = open; i < t.size(); i++) {
            int change = depthChange(t.get(i));
            depth += change;
            if (change < 0 && depth == 0) {
                return i;
            }
        }
        return t.size() - 1;
    }

    /** The first top-level occurrence of the keyword in [from, to), or -1. */
    public static int topLevelWord(List<Token> t, int from, int to, String word) {
        int depth = 0;
        for (int i = from; i < to; i++) {
            Token x = t.get(i);
            if (depth == 0 && x.isWord(word)) {
                return i;
            }
            depth += depthChange(x);
        }
        return -1;
    }

    /** The first top-level token in [from, end of list) that is one of the words, or -1. */
    public static int topLevelWord(List<Token> t, int from, java.util.Set<String> words) {
        int depth = 0;
        for (int i = from; i < t.size(); i++) {
            Token x = t.get(i);
            if (depth == 0 && x.is(TokenType.IDENT) && words.contains(x.value())) {
                return i;
            }
            depth += depthChange(x);
        }
        return -1;
    }

    /** The bracket depth at index to, counted from index from. */
    public static int depthBetween(List<Token> t, int from, int to) {
        int depth = 0;
        for (int i = from; i < to; i++) {
            depth += depthChange(t.get(i));
        }
        return depth;
    }

    /** Whether a comma stands at the top level from index from on (a list of actions or items). */
    public static boolean hasTopLevelComma(List<Token> t, int from) {
        int depth = 0;
        for (int i = from; i < t.size(); i++) {
            Token x = t.get(i);
            if (depth == 0 && x.isPunct(',')) {
                return true;
            }
            depth += depthChange(x);
        }
        return false;
    }
}
