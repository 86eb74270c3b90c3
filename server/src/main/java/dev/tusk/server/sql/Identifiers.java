package dev.tusk.server.sql;

/** Identifier case folding and quoting as PostgreSQL does them. */
public final class Identifiers {
    private Identifiers() {
    }

    /** Folds an unquoted identifier: ASCII letters to lower case, other characters kept (as downcase_identifier). */
    public static String fold(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                char[] a = s.toCharArray();
                for (int j = i; j < a.length; j++) {
                    if (a[j] >= 'A' && a[j] <= 'Z') {
                        a[j] = (char) (a[j] + 32);
                    }
                }
                return new String(a);
            }
        }
        return s;
    }

    /** Always double-quotes, doubling embedded quotes: safe for any name in generated SQL. */
    public static String quote(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** Quotes a string constant, doubling embedded single quotes. */
    public static String literal(String s) {
        return '\'' + s.replace("'", "''") + '\'';
    }
}
