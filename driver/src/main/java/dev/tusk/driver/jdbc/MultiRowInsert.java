package dev.tusk.driver.jdbc;

/**
 * A batch of a plain {@code INSERT INTO t [(cols)] VALUES (...)} sent as multi-row INSERTs
 * (reWriteBatchedInserts, as pgjdbc's option of that name): one statement carries {@link #ROWS}
 * rows, so the server parses, plans and answers once per chunk instead of once per row. Only a
 * statement whose parameters are all in its one VALUES row and that ends there qualifies: not
 * ON CONFLICT (a row may insert nothing), not RETURNING (one result per row is expected).
 */
final class MultiRowInsert {
    /** Rows per statement: PostgreSQL allows 65,535 parameters, and fewer distinct statements cache better. */
    static final int ROWS = 128;

    private final String original;
    private final String head;
    private final String row;
    private final int parameters;

    private MultiRowInsert(String original, String head, String row, int parameters) {
        this.original = original;
        this.head = head;
        this.row = row;
        this.parameters = parameters;
    }

    /** The statement as the application wrote it (placeholders as $n), for messages. */
    String original() {
        return original;
    }

    /** The statement's multi-row form, or null when it is not a plain INSERT ... VALUES (one row). */
    static MultiRowInsert of(SqlText text) {
        if (!"insert".equals(text.firstWord) || text.parameterCount == 0
                || text.parameterCount * ROWS > 65_535) {
            return null;
        }
        String s = text.sql;
        int[] row = valuesRow(s);
        if (row == null || s.substring(0, row[0]).indexOf('$') >= 0) {
            return null;
        }
        int open = row[0];
        int close = row[1];
        return new MultiRowInsert(s, s.substring(0, open), s.substring(open, close + 1), text.parameterCount);
    }

    /** The SQL for this many rows: the VALUES row repeated, its $n renumbered for each copy. */
    String sql(int rows) {
        StringBuilder sb = new StringBuilder(head.length() + rows * (row.length() + 8));
        sb.append(head);
        for (int r = 0; r < rows; r++) {
            if (r > 0) {
                sb.append(", ");
            }
            renumber(sb, r * parameters);
        }
        return sb.toString();
    }

    private void renumber(StringBuilder sb, int shift) {
        for (int i = 0; i < row.length(); i++) {
            int end = SqlText.skipQuoted(row, i);
            if (end > i) {
                sb.append(row, i, end);
                i = end - 1;
                continue;
            }
            char c = row.charAt(i);
            if (c == '$' && i + 1 < row.length() && Character.isDigit(row.charAt(i + 1))) {
                int j = i + 1;
                while (j < row.length() && Character.isDigit(row.charAt(j))) {
                    j++;
                }
                sb.append('$').append(Integer.parseInt(row.substring(i + 1, j)) + shift);
                i = j - 1;
            } else {
                sb.append(c);
            }
        }
    }

    /**
     * Where the one row after the statement's top-level VALUES opens and closes, or null: when
     * something other than blanks stands between VALUES and the row, or anything but the end after it.
     */
    private static int[] valuesRow(String s) {
        int depth = 0;
        int values = -1;
        int open = -1;
        for (int i = 0; i < s.length(); i++) {
            int end = SqlText.skipQuoted(s, i);
            if (end > i) {
                i = end - 1;
                continue;
            }
            char c = s.charAt(i);
            if (c == '(') {
                if (depth++ == 0 && values >= 0 && open < 0) {
                    if (!s.substring(values + 6, i).isBlank()) {
                        return null;
                    }
                    open = i;
                }
            } else if (c == ')') {
                if (--depth == 0 && open >= 0) {
                    return onlyEnd(s, i + 1) ? new int[] {open, i} : null;
                }
            } else if (depth == 0 && (c == 'v' || c == 'V') && s.regionMatches(true, i, "values", 0, 6)
                    && (i == 0 || !isWordChar(s.charAt(i - 1))) && (i + 6 >= s.length() || !isWordChar(s.charAt(i + 6)))) {
                if (values >= 0) {
                    return null;
                }
                values = i;
            }
        }
        return null;
    }

    /** Only blanks, comments and one trailing semicolon from i on. */
    private static boolean onlyEnd(String s, int i) {
        boolean semicolon = false;
        while (i < s.length()) {
            int end = SqlText.skipQuoted(s, i);
            char c = s.charAt(i);
            if (end > i && (c == '-' || c == '/')) {
                i = end;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else if (c == ';' && !semicolon) {
                semicolon = true;
                i++;
            } else {
                return false;
            }
        }
        return true;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}
