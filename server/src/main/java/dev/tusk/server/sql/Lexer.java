package dev.tusk.server.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL's lexical rules (cf. src/backend/parser/scan.l) with standard_conforming_strings on:
 * identifiers and quoted identifiers, string constants in all their forms (plain, E'' escapes,
 * U&'' Unicode escapes, dollar quoting, adjacent literals separated by a newline), numbers,
 * {@code $n} parameters, operators and punctuation; comments ({@code --} and nested {@code /* *\/})
 * are dropped. Offsets are kept so errors can point at the source.
 */
public final class Lexer {
    private static final String OP_CHARS = "+-*/<>=~!@#%^&|`?";

    private final String sql;
    private int pos;
    private final List<Token> out = new ArrayList<>();

    private Lexer(String sql) {
        this.sql = sql;
    }

    public static List<Token> tokenize(String sql) {
        Lexer l = new Lexer(sql);
        l.run();
        return l.out;
    }

    private void run() {
        int n = sql.length();
        while (pos < n) {
            char c = sql.charAt(pos);
            if (Character.isWhitespace(c)) {
                pos++;
            } else if (c == '-' && peek(1) == '-') {
                while (pos < n && sql.charAt(pos) != '\n' && sql.charAt(pos) != '\r') {
                    pos++;
                }
            } else if (c == '/' && peek(1) == '*') {
                blockComment();
            } else if (c == '\'') {
                string(pos, pos, false);
            } else if ((c == 'e' || c == 'E') && peek(1) == '\'') {
                string(pos, pos + 1, true);
            } else if ((c == 'b' || c == 'B' || c == 'x' || c == 'X') && peek(1) == '\'') {
                bitString();
            } else if ((c == 'u' || c == 'U') && peek(1) == '&' && peek(2) == '\'') {
                unicodeString();
            } else if ((c == 'u' || c == 'U') && peek(1) == '&' && peek(2) == '"') {
                quotedIdent(pos, pos + 2, true);
            } else if (c == '"') {
                quotedIdent(pos, pos, false);
            } else if (c == '$' && Character.isDigit(peek(1))) {
                param();
            } else if (c == '$' && dollarQuoteTagEnd(pos) > 0) {
                dollarString();
            } else if (Character.isDigit(c) || (c == '.' && Character.isDigit(peek(1)))) {
                number();
            } else if (isIdentStart(c)) {
                ident();
            } else if (c == ':' && peek(1) == ':') {
                add(TokenType.PUNCT, pos, pos + 2, "::");
                pos += 2;
            } else if ("()[],;:.".indexOf(c) >= 0) {
                add(TokenType.PUNCT, pos, pos + 1, String.valueOf(c));
                pos++;
            } else if (OP_CHARS.indexOf(c) >= 0) {
                operator();
            } else {
                throw new SqlSyntaxException("syntax error at or near \"" + c + "\"", pos);
            }
        }
    }

    private char peek(int ahead) {
        int i = pos + ahead;
        return i < sql.length() ? sql.charAt(i) : '\0';
    }

    private void add(TokenType type, int start, int end, String value) {
        out.add(new Token(type, sql.substring(start, end), value, start, end));
    }

    private static boolean isIdentStart(char c) {
        return Character.isLetter(c) || c == '_' || c > 127;
    }

    private static boolean isIdentPart(char c) {
        return isIdentStart(c) || Character.isDigit(c) || c == '$';
    }

    private void blockComment() {
        int start = pos;
        int depth = 0;
        while (pos < sql.length()) {
            if (sql.startsWith("/*", pos)) {
                depth++;
                pos += 2;
            } else if (sql.startsWith("*/", pos)) {
                depth--;
                pos += 2;
                if (depth == 0) {
                    return;
                }
            } else {
                pos++;
            }
        }
        throw new SqlSyntaxException("unterminated /* comment at or near \"" + sql.substring(start,
                Math.min(sql.length(), start + 20)) + "\"", start);
    }

    /** A quoted string starting at quote; escapes enables E'' backslash escapes. */
    private void string(int start, int quote, boolean escapes) {
        StringBuilder sb = new StringBuilder();
        pos = quote;
        while (true) {
            readQuoted(sb, escapes, start);
            // A string continued on a following line ('a'\n'b') is one constant (SQL standard).
            int save = pos;
            int p = pos;
            boolean newline = false;
            while (p < sql.length() && Character.isWhitespace(sql.charAt(p))) {
                newline |= sql.charAt(p) == '\n' || sql.charAt(p) == '\r';
                p++;
            }
            if (newline && p < sql.length() && sql.charAt(p) == '\'') {
                pos = p;
            } else {
                pos = save;
                break;
            }
        }
        add(TokenType.STRING, start, pos, sb.toString());
    }

    private void readQuoted(StringBuilder sb, boolean escapes, int start) {
        pos++; // opening quote
        while (true) {
            if (pos >= sql.length()) {
                throw new SqlSyntaxException("unterminated quoted string at or near \""
                        + sql.substring(start) + "\"", start);
            }
            char c = sql.charAt(pos);
            if (c == '\'') {
                if (peek(1) == '\'') {
                    sb.append('\'');
                    pos += 2;
                    continue;
                }
                pos++;
                return;
            }
            if (escapes && c == '\\' && pos + 1 < sql.length()) {
                pos = Escapes.backslash(sql, pos, sb);
                continue;
            }
            sb.append(c);
            pos++;
        }
    }

    private void bitString() {
        int start = pos;
        StringBuilder sb = new StringBuilder();
        pos++;
        readQuoted(sb, false, start);
        add(TokenType.BIT_STRING, start, pos, sb.toString());
    }

    private void unicodeString() {
        int start = pos;
        StringBuilder raw = new StringBuilder();
        pos += 2;
        readQuoted(raw, false, start);
        char escape = uescape();
        add(TokenType.STRING, start, pos, Escapes.unicode(raw.toString(), escape, start));
    }

    private void quotedIdent(int start, int quote, boolean unicode) {
        StringBuilder sb = new StringBuilder();
        pos = quote + 1;
        while (true) {
            if (pos >= sql.length()) {
                throw new SqlSyntaxException("unterminated quoted identifier at or near \""
                        + sql.substring(start) + "\"", start);
            }
            char c = sql.charAt(pos);
            if (c == '"') {
                if (peek(1) == '"') {
                    sb.append('"');
                    pos += 2;
                    continue;
                }
                pos++;
                break;
            }
            sb.append(c);
            pos++;
        }
        if (sb.length() == 0) {
            throw new SqlSyntaxException("zero-length delimited identifier at or near \"\"\"\"", start);
        }
        String value = unicode ? Escapes.unicode(sb.toString(), uescape(), start) : sb.toString();
        add(TokenType.QUOTED_IDENT, start, pos, value);
    }

    /** An optional UESCAPE 'c' clause after a U& literal. */
    private char uescape() {
        int p = pos;
        while (p < sql.length() && Character.isWhitespace(sql.charAt(p))) {
            p++;
        }
        if (sql.regionMatches(true, p, "uescape", 0, 7)) {
            int q = p + 7;
            while (q < sql.length() && Character.isWhitespace(sql.charAt(q))) {
                q++;
            }
            if (q + 2 < sql.length() && sql.charAt(q) == '\'' && sql.charAt(q + 2) == '\'') {
                pos = q + 3;
                return sql.charAt(q + 1);
            }
        }
        return '\\';
    }

    private void param() {
        int start = pos++;
        while (pos < sql.length() && Character.isDigit(sql.charAt(pos))) {
            pos++;
        }
        add(TokenType.PARAM, start, pos, sql.substring(start + 1, pos));
    }

    /** The end (exclusive) of a dollar-quote tag starting at p, or -1 if there is none. */
    private int dollarQuoteTagEnd(int p) {
        int i = p + 1;
        while (i < sql.length() && sql.charAt(i) != '$') {
            char c = sql.charAt(i);
            if (!(i == p + 1 ? isIdentStart(c) : isIdentPart(c) && c != '$')) {
                return -1;
            }
            i++;
        }
        return i < sql.length() ? i + 1 : -1;
    }

    private void dollarString() {
        int start = pos;
        String tag = sql.substring(pos, dollarQuoteTagEnd(pos));
        int bodyStart = pos + tag.length();
        int close = sql.indexOf(tag, bodyStart);
        if (close < 0) {
            throw new SqlSyntaxException("unterminated dollar-quoted string at or near \""
                    + sql.substring(start) + "\"", start);
        }
        pos = close + tag.length();
        add(TokenType.STRING, start, pos, sql.substring(bodyStart, close));
    }

    private void number() {
        int start = pos;
        while (pos < sql.length() && (Character.isDigit(sql.charAt(pos)) || sql.charAt(pos) == '_')) {
            pos++;
        }
        if (pos < sql.length() && sql.charAt(pos) == '.' && peek(1) != '.') {
            pos++;
            while (pos < sql.length() && Character.isDigit(sql.charAt(pos))) {
                pos++;
            }
        }
        if (pos < sql.length() && (sql.charAt(pos) == 'e' || sql.charAt(pos) == 'E')) {
            int p = pos + 1;
            if (p < sql.length() && (sql.charAt(p) == '+' || sql.charAt(p) == '-')) {
                p++;
            }
            if (p < sql.length() && Character.isDigit(sql.charAt(p))) {
                pos = p;
                while (pos < sql.length() && Character.isDigit(sql.charAt(pos))) {
                    pos++;
                }
            }
        }
        if (pos < sql.length() && isIdentStart(sql.charAt(pos))) {
            throw new SqlSyntaxException("trailing junk after numeric literal at or near \""
                    + sql.substring(start, pos + 1) + "\"", start);
        }
        add(TokenType.NUMBER, start, pos, sql.substring(start, pos).replace("_", ""));
    }

    private void ident() {
        int start = pos;
        while (pos < sql.length() && isIdentPart(sql.charAt(pos))) {
            pos++;
        }
        add(TokenType.IDENT, start, pos, Identifiers.fold(sql.substring(start, pos)));
    }

    /**
     * An operator, ending early where a comment starts; a multi-character operator may not end in
     * + or - unless it contains one of ~ ! @ # % ^ & | ` ? (scan.l's rule, so that {@code a=-1} lexes
     * as {@code =} then {@code -}).
     */
    private void operator() {
        int start = pos;
        int end = pos;
        while (end < sql.length() && OP_CHARS.indexOf(sql.charAt(end)) >= 0) {
            if (sql.startsWith("--", end) || sql.startsWith("/*", end)) {
                break;
            }
            end++;
        }
        if (end - start > 1) {
            boolean special = false;
            for (int i = start; i < end; i++) {
                special |= "~!@#%^&|`?".indexOf(sql.charAt(i)) >= 0;
            }
            while (!special && end - start > 1 && (sql.charAt(end - 1) == '+' || sql.charAt(end - 1) == '-')) {
                end--;
            }
        }
        if (end == start) {
            end++;
        }
        pos = end;
        String op = sql.substring(start, end);
        if (op.equals("!=")) {
            op = "<>";
        }
        add(TokenType.OPERATOR, start, end, op);
    }
}
