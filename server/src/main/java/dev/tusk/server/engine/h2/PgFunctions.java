package dev.tusk.server.engine.h2;

/**
 * PostgreSQL functions H2 lacks, as static Java methods registered in every database with CREATE
 * ALIAS (see {@link H2Engine}). Each follows PostgreSQL's definition, NULL in giving NULL out.
 */
public final class PgFunctions {
    /** The aliases to register: SQL name and the method that implements it. */
    static final String[][] ALIASES = {
        {"reverse", "reverse"},
        {"split_part", "splitPart"},
        {"initcap", "initcap"},
        {"strpos", "strpos"},
        {"btrim", "btrim"},
    };

    private PgFunctions() {
    }

    public static String reverse(String s) {
        return s == null ? null : new StringBuilder(s).reverse().toString();
    }

    /** split_part(text, delimiter, n): the n-th field (1-based; negative counts from the end), '' if none. */
    public static String splitPart(String s, String delimiter, int n) {
        if (s == null || delimiter == null) {
            return null;
        }
        if (n == 0) {
            throw new IllegalArgumentException("field position must not be zero");
        }
        String[] parts = delimiter.isEmpty() ? new String[] {s} : s.split(java.util.regex.Pattern.quote(delimiter), -1);
        int i = n > 0 ? n - 1 : parts.length + n;
        return i >= 0 && i < parts.length ? parts[i] : "";
    }

    /** initcap: first letter of each alphanumeric word upper case, the rest lower case. */
    public static String initcap(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder(s.length());
        boolean inWord = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(inWord ? Character.toLowerCase(c) : Character.toUpperCase(c));
            inWord = Character.isLetterOrDigit(c);
        }
        return sb.toString();
    }

    public static Integer strpos(String s, String sub) {
        return s == null || sub == null ? null : s.indexOf(sub) + 1;
    }

    public static String btrim(String s) {
        return s == null ? null : s.strip();
    }
}
