package dev.tusk.server.sql;

/** Escape processing for E'' strings and U&'' / U&"" constants, as PostgreSQL's scanner does it. */
final class Escapes {
    private Escapes() {
    }

    /** Handles the backslash escape at sql[pos]; appends its character(s) and returns the new position. */
    static int backslash(String sql, int pos, StringBuilder sb) {
        char e = sql.charAt(pos + 1);
        switch (e) {
            case 'b': sb.append('\b'); return pos + 2;
            case 'f': sb.append('\f'); return pos + 2;
            case 'n': sb.append('\n'); return pos + 2;
            case 'r': sb.append('\r'); return pos + 2;
            case 't': sb.append('\t'); return pos + 2;
            case 'x': {
                int p = pos + 2;
                int v = 0;
                int digits = 0;
                while (digits < 2 && p < sql.length() && Character.digit(sql.charAt(p), 16) >= 0) {
                    v = v * 16 + Character.digit(sql.charAt(p++), 16);
                    digits++;
                }
                if (digits == 0) {
                    sb.append('x');
                    return pos + 2;
                }
                sb.append((char) v);
                return p;
            }
            case 'u':
            case 'U': {
                int len = e == 'u' ? 4 : 8;
                int p = pos + 2;
                if (p + len > sql.length()) {
                    throw new SqlSyntaxException("invalid Unicode escape", pos);
                }
                sb.appendCodePoint(Integer.parseInt(sql.substring(p, p + len), 16));
                return p + len;
            }
            default:
                if (e >= '0' && e <= '7') {
                    int p = pos + 1;
                    int v = 0;
                    int digits = 0;
                    while (digits < 3 && p < sql.length() && sql.charAt(p) >= '0' && sql.charAt(p) <= '7') {
                        v = v * 8 + (sql.charAt(p++) - '0');
                        digits++;
                    }
                    sb.append((char) v);
                    return p;
                }
                sb.append(e);
                return pos + 2;
        }
    }

    /** Resolves \XXXX and \+XXXXXX escapes (with the given escape character) of a U& constant. */
    static String unicode(String raw, char escape, int offset) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != escape) {
                sb.append(c);
            } else if (i + 1 < raw.length() && raw.charAt(i + 1) == escape) {
                sb.append(escape);
                i++;
            } else if (i + 5 <= raw.length() - 1 + 1 && i + 1 < raw.length() && raw.charAt(i + 1) == '+'
                    && i + 8 <= raw.length()) {
                sb.appendCodePoint(hex(raw.substring(i + 2, i + 8), offset));
                i += 7;
            } else if (i + 5 <= raw.length()) {
                sb.appendCodePoint(hex(raw.substring(i + 1, i + 5), offset));
                i += 4;
            } else {
                throw new SqlSyntaxException("invalid Unicode escape", offset);
            }
        }
        return sb.toString();
    }

    private static int hex(String s, int offset) {
        try {
            return Integer.parseInt(s, 16);
        } catch (NumberFormatException e) {
            throw new SqlSyntaxException("invalid Unicode escape value", offset);
        }
    }
}
