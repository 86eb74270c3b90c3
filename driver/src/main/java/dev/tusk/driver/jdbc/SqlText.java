package dev.tusk.driver.jdbc;

import java.util.Locale;

/**
 * What the driver needs to know of an SQL string without parsing SQL: where the JDBC {@code ?}
 * placeholders are (outside literals, quoted identifiers, dollar quotes and comments) so they can
 * become {@code $n}, the JDBC escapes ({@code {fn ...}}, {@code {d '...'}}, {@code {call ...}}),
 * and the leading keyword.
 */
final class SqlText {
    final String sql;
    final int parameterCount;
    final String firstWord;

    private SqlText(String sql, int parameterCount) {
        this.sql = sql;
        this.parameterCount = parameterCount;
        this.firstWord = firstWord(sql);
    }

    /** The statement with escapes rewritten and, if replacePlaceholders, ? as $1, $2, ... */
    static SqlText of(String jdbcSql, boolean replacePlaceholders) {
        String s = jdbcSql.indexOf('{') >= 0 ? escapes(jdbcSql) : jdbcSql;
        StringBuilder out = new StringBuilder(s.length() + 8);
        int n = 0;
        int len = s.length();
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            int end = skipQuoted(s, i);
            if (end > i) {
                out.append(s, i, end);
                i = end - 1;
            } else if (c == '?' && replacePlaceholders) {
                // ?| ?& ?? are jsonb operators when written doubled; a single ? is a placeholder.
                if (i + 1 < len && s.charAt(i + 1) == '?') {
                    out.append('?');
                    i++;
                } else {
                    out.append('$').append(++n);
                }
            } else {
                out.append(c);
            }
        }
        return new SqlText(out.toString(), n);
    }

    /** The index after the literal, identifier, comment or dollar-quoted string starting at i, or i. */
    static int skipQuoted(String s, int i) {
        char c = s.charAt(i);
        int len = s.length();
        if (c == '\'' || c == '"') {
            int j = i + 1;
            while (j < len) {
                if (s.charAt(j) == c) {
                    if (j + 1 < len && s.charAt(j + 1) == c) {
                        j += 2;
                        continue;
                    }
                    return j + 1;
                }
                j++;
            }
            return len;
        }
        if (c == '-' && i + 1 < len && s.charAt(i + 1) == '-') {
            int nl = s.indexOf('\n', i);
            return nl < 0 ? len : nl + 1;
        }
        if (c == '/' && i + 1 < len && s.charAt(i + 1) == '*') {
            int depth = 0;
            int j = i;
            while (j + 1 < len) {
                if (s.charAt(j) == '/' && s.charAt(j + 1) == '*') {
                    depth++;
                    j += 2;
                } else if (s.charAt(j) == '*' && s.charAt(j + 1) == '/') {
                    depth--;
                    j += 2;
                    if (depth == 0) {
                        return j;
                    }
                } else {
                    j++;
                }
            }
            return len;
        }
        if (c == '$' && (i == 0 || !Character.isLetterOrDigit(s.charAt(i - 1)) && s.charAt(i - 1) != '_')) {
            int j = i + 1;
            while (j < len && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_') && !Character.isDigit(s.charAt(i + 1))) {
                j++;
            }
            if (j < len && s.charAt(j) == '$') {
                String tag = s.substring(i, j + 1);
                int close = s.indexOf(tag, j + 1);
                return close < 0 ? len : close + tag.length();
            }
        }
        return i;
    }

    /** JDBC escape syntax to PostgreSQL SQL (cf. pgjdbc's Parser.replaceProcessing). */
    static String escapes(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int len = s.length();
        for (int i = 0; i < len; i++) {
            int end = skipQuoted(s, i);
            if (end > i) {
                out.append(s, i, end);
                i = end - 1;
                continue;
            }
            char c = s.charAt(i);
            if (c != '{') {
                out.append(c);
                continue;
            }
            int close = matchingBrace(s, i);
            if (close < 0) {
                out.append(c);
                continue;
            }
            String body = escapes(s.substring(i + 1, close)).trim();
            out.append(escape(body));
            i = close;
        }
        return out.toString();
    }

    private static int matchingBrace(String s, int open) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            int end = skipQuoted(s, i);
            if (end > i) {
                i = end - 1;
                continue;
            }
            if (s.charAt(i) == '{') {
                depth++;
            } else if (s.charAt(i) == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static String escape(String body) {
        String lower = body.toLowerCase(Locale.ROOT);
        if (lower.startsWith("fn ")) {
            return function(body.substring(3).trim());
        }
        if (lower.startsWith("d ")) {
            return "DATE " + body.substring(2).trim();
        }
        if (lower.startsWith("ts ")) {
            return "TIMESTAMP " + body.substring(3).trim();
        }
        if (lower.startsWith("t ")) {
            return "TIME " + body.substring(2).trim();
        }
        if (lower.startsWith("oj ")) {
            return body.substring(3).trim();
        }
        if (lower.startsWith("escape ")) {
            return "ESCAPE " + body.substring(7).trim();
        }
        if (lower.startsWith("call ")) {
            return "SELECT * FROM " + call(body.substring(5).trim());
        }
        if (lower.startsWith("?")) {
            int eq = body.indexOf('=');
            String rest = body.substring(eq + 1).trim();
            if (rest.toLowerCase(Locale.ROOT).startsWith("call ")) {
                return "SELECT " + call(rest.substring(5).trim()) + " AS result";
            }
        }
        return "{" + body + "}";
    }

    private static String call(String target) {
        return target.endsWith(")") ? target : target + "()";
    }

    /** The JDBC scalar functions whose PostgreSQL name or shape differs. */
    private static String function(String call) {
        int paren = call.indexOf('(');
        if (paren < 0) {
            return call;
        }
        String name = call.substring(0, paren).trim().toLowerCase(Locale.ROOT);
        String args = call.substring(paren + 1, call.lastIndexOf(')'));
        switch (name) {
            case "ucase": return "upper(" + args + ")";
            case "lcase": return "lower(" + args + ")";
            case "concat": return "(" + String.join(" || ", splitArgs(args)) + ")";
            case "length": return "length(trim(trailing from " + args + "))";
            case "locate": {
                String[] a = splitArgs(args);
                return "position(" + a[0] + " in " + a[1] + ")";
            }
            case "ifnull": return "coalesce(" + args + ")";
            case "now": return "now()";
            case "curdate": return "current_date";
            case "curtime": return "current_time";
            case "database": return "current_database()";
            case "user": return "user";
            case "dayofmonth": return "extract(day from " + args + ")";
            case "month": return "extract(month from " + args + ")";
            case "year": return "extract(year from " + args + ")";
            case "hour": return "extract(hour from " + args + ")";
            case "minute": return "extract(minute from " + args + ")";
            case "second": return "extract(second from " + args + ")";
            case "truncate": return "trunc(" + args + ")";
            case "log": return "ln(" + args + ")";
            case "log10": return "log(" + args + ")";
            default: return call;
        }
    }

    private static String[] splitArgs(String args) {
        java.util.List<String> out = new java.util.ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < args.length(); i++) {
            int end = skipQuoted(args, i);
            if (end > i) {
                i = end - 1;
                continue;
            }
            char c = args.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                out.add(args.substring(start, i).trim());
                start = i + 1;
            }
        }
        out.add(args.substring(start).trim());
        return out.toArray(new String[0]);
    }

    private static String firstWord(String sql) {
        int i = 0;
        int len = sql.length();
        while (i < len) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c) || c == '(') {
                i++;
            } else {
                int end = skipQuoted(sql, i);
                if (end > i && sql.charAt(i) != '\'' && sql.charAt(i) != '"') {
                    i = end; // a comment
                } else {
                    break;
                }
            }
        }
        int j = i;
        while (j < len && Character.isLetter(sql.charAt(j))) {
            j++;
        }
        return sql.substring(i, j).toLowerCase(Locale.ROOT);
    }

    boolean returnsRowsByItself() {
        return firstWord.equals("select") || firstWord.equals("with") || firstWord.equals("values")
                || firstWord.equals("show") || firstWord.equals("table") || firstWord.equals("explain");
    }

    /** Whether the SQL already has a RETURNING clause (a rough test, good enough to avoid adding one twice). */
    boolean hasReturning() {
        return sql.toLowerCase(Locale.ROOT).matches("(?s).*\\breturning\\b.*");
    }
}
