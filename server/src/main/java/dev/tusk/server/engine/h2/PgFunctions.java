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
        {"tusk_json_get", "jsonGet"},
        {"setval", "setval"},
        {"tusk_regex_match", "regexMatch"},
        {"tusk_json_get_text", "jsonGetText"},
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

    /** The -> operator: an object member by key or an array element by index (negative from the end), as jsonb. */
    public static String jsonGet(String json, String key) {
        org.h2.util.json.JSONValue v = jsonElement(json, key);
        return v == null ? null : JsonbText.format(v);
    }

    /** The ->> operator: like -> but a string comes out unquoted, and JSON null as SQL NULL. */
    public static String jsonGetText(String json, String key) {
        org.h2.util.json.JSONValue v = jsonElement(json, key);
        if (v == null || v instanceof org.h2.util.json.JSONNull) {
            return null;
        }
        return v instanceof org.h2.util.json.JSONString s ? s.getString() : JsonbText.format(v);
    }

    private static org.h2.util.json.JSONValue jsonElement(String json, String key) {
        if (json == null || key == null) {
            return null;
        }
        org.h2.util.json.JSONValue v = JsonbText.parse(json);
        if (v instanceof org.h2.util.json.JSONObject o) {
            return o.getFirst(key);
        }
        if (v instanceof org.h2.util.json.JSONArray a) {
            try {
                int i = Integer.parseInt(key);
                int index = i < 0 ? a.length() + i : i;
                return index >= 0 && index < a.length() ? a.getElement(index) : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /**
     * setval(sequence, value[, is_called]): the next nextval returns value + 1 (or value when
     * is_called is false). Sequences are not transactional, in PostgreSQL or H2.
     */
    public static long setval(java.sql.Connection c, String sequence, long value) throws java.sql.SQLException {
        return setval(c, sequence, value, true);
    }

    public static long setval(java.sql.Connection c, String sequence, long value, boolean isCalled)
            throws java.sql.SQLException {
        try (java.sql.Statement s = c.createStatement()) {
            s.execute("ALTER SEQUENCE " + sequenceName(sequence) + " RESTART WITH " + (isCalled ? value + 1 : value));
        }
        return value;
    }

    /** A regclass-style sequence name ('s', 'public.s', '"S"') as a quoted H2 name. */
    private static String sequenceName(String name) {
        StringBuilder sb = new StringBuilder();
        for (String part : name.split("\\.")) {
            String p = part.startsWith("\"") && part.endsWith("\"") && part.length() > 1
                    ? part.substring(1, part.length() - 1) : part.toLowerCase(java.util.Locale.ROOT);
            sb.append(sb.length() > 0 ? "." : "").append('"').append(p.replace("\"", "\"\"")).append('"');
        }
        return sb.toString();
    }

    private static final java.util.Map<String, java.util.regex.Pattern> PATTERNS = new java.util.concurrent.ConcurrentHashMap<>();

    /** The ~ family: does the POSIX regular expression match anywhere in the string. */
    public static Boolean regexMatch(String s, String pattern, boolean caseInsensitive) {
        if (s == null || pattern == null) {
            return null;
        }
        if (PATTERNS.size() > 1000) {
            PATTERNS.clear(); // a bounded cache: patterns are usually few and repeated
        }
        java.util.regex.Pattern p = PATTERNS.computeIfAbsent((caseInsensitive ? "i:" : "c:") + pattern,
                k -> java.util.regex.Pattern.compile(pattern, caseInsensitive
                        ? java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.UNICODE_CASE : 0));
        return p.matcher(s).find();
    }

    public static String btrim(String s) {
        return s == null ? null : s.strip();
    }
}
