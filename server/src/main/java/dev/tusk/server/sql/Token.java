package dev.tusk.server.sql;

/**
 * One lexical token of PostgreSQL SQL. {@code text} is the token as written; {@code value} is its
 * meaning: identifiers folded to lower case (quoted ones kept as written), string constants with
 * quotes and escapes resolved, parameters as their number.
 */
public record Token(TokenType type, String text, String value, int start, int end) {

    public boolean is(TokenType t) {
        return type == t;
    }

    /** True for an unquoted identifier or keyword spelled kw (lower case). */
    public boolean isWord(String kw) {
        return type == TokenType.IDENT && value.equals(kw);
    }

    public boolean isOp(String op) {
        return type == TokenType.OPERATOR && text.equals(op);
    }

    public boolean isPunct(char c) {
        return type == TokenType.PUNCT && text.length() == 1 && text.charAt(0) == c;
    }
}
