package dev.tusk.server.engine.h2;

import dev.tusk.protocol.SqlState;
import dev.tusk.server.error.PgException;
import java.sql.SQLException;
import org.h2.api.ErrorCode;
import org.h2.jdbc.JdbcException;

/**
 * The one place where H2's errors become PostgreSQL's: SQLSTATE, message wording and the position in
 * the client's SQL. Decisions are taken on H2's error code; H2's message is only mined for the
 * quoted object name it carries.
 */
final class H2Errors {
    private H2Errors() {
    }

    static PgException map(SQLException e, SqlBuilder sql, String sourceSql, boolean canceledByUser) {
        return map(e, sql, sourceSql, 0, -1, canceledByUser);
    }

    /**
     * @param sourceSql the statement's text as the client wrote it
     * @param base      where that text starts in the whole query string (positions are reported in the latter)
     * @param semicolon where the semicolon ending the statement is in the query string, or -1
     */
    static PgException map(SQLException e, SqlBuilder sql, String sourceSql, int base, int semicolon,
                           boolean canceledByUser) {
        String original = e instanceof JdbcException j ? j.getOriginalMessage() : e.getMessage();
        String name = firstQuoted(original);
        switch (e.getErrorCode()) {
            case ErrorCode.TABLE_OR_VIEW_NOT_FOUND_1:
            case ErrorCode.TABLE_OR_VIEW_NOT_FOUND_WITH_CANDIDATES_2:
            case ErrorCode.TABLE_OR_VIEW_NOT_FOUND_DATABASE_EMPTY_1:
                return at(new PgException(SqlState.UNDEFINED_TABLE, "relation \"" + name + "\" does not exist"),
                        sourceSql, base, name);
            case ErrorCode.COLUMN_NOT_FOUND_1:
                return at(new PgException(SqlState.UNDEFINED_COLUMN, "column \"" + name + "\" does not exist"),
                        sourceSql, base, name);
            case ErrorCode.TABLE_OR_VIEW_ALREADY_EXISTS_1:
                return new PgException(SqlState.DUPLICATE_TABLE, "relation \"" + lastPart(name) + "\" already exists");
            case ErrorCode.DUPLICATE_COLUMN_NAME_1:
                return new PgException(SqlState.DUPLICATE_COLUMN, "column \"" + name + "\" specified more than once");
            case ErrorCode.SCHEMA_NOT_FOUND_1:
                return new PgException(SqlState.INVALID_SCHEMA_NAME, "schema \"" + name + "\" does not exist");
            case ErrorCode.SCHEMA_ALREADY_EXISTS_1:
                return new PgException(SqlState.DUPLICATE_SCHEMA, "schema \"" + name + "\" already exists");
            case ErrorCode.DUPLICATE_KEY_1:
                return duplicateKey(original);
            case ErrorCode.NULL_NOT_ALLOWED:
                return new PgException(SqlState.NOT_NULL_VIOLATION,
                        "null value in column \"" + name + "\" violates not-null constraint");
            case ErrorCode.REFERENTIAL_INTEGRITY_VIOLATED_PARENT_MISSING_1:
            case ErrorCode.REFERENTIAL_INTEGRITY_VIOLATED_CHILD_EXISTS_1:
                return new PgException(SqlState.FOREIGN_KEY_VIOLATION,
                        "insert or update on table violates foreign key constraint \"" + lastPart(name) + "\"");
            case ErrorCode.CHECK_CONSTRAINT_VIOLATED_1:
                return new PgException(SqlState.CHECK_VIOLATION,
                        "new row violates check constraint \"" + lastPart(name) + "\"");
            case ErrorCode.DIVISION_BY_ZERO_1:
                return new PgException(SqlState.DIVISION_BY_ZERO, "division by zero");
            case ErrorCode.DATA_CONVERSION_ERROR_1:
                return new PgException(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax: " + original);
            case ErrorCode.VALUE_TOO_LONG_2:
                return new PgException(SqlState.STRING_DATA_RIGHT_TRUNCATION, "value too long for type character varying");
            case ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE_1:
            case ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE_2:
                return new PgException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range");
            case ErrorCode.FUNCTION_NOT_FOUND_1:
                return at(new PgException(SqlState.UNDEFINED_FUNCTION, "function " + name + " does not exist")
                        .hint("No function matches the given name and argument types. You might need to add explicit type casts."),
                        sourceSql, base, name);
            case ErrorCode.STATEMENT_WAS_CANCELED:
                return new PgException(SqlState.QUERY_CANCELED, canceledByUser
                        ? "canceling statement due to user request" : "canceling statement due to statement timeout");
            case ErrorCode.LOCK_TIMEOUT_1:
                return new PgException(SqlState.LOCK_NOT_AVAILABLE, "could not obtain lock on row");
            case ErrorCode.DEADLOCK_1:
                return new PgException(SqlState.T_R_DEADLOCK_DETECTED, "deadlock detected");
            case ErrorCode.CONCURRENT_UPDATE_1:
            case ErrorCode.ROW_NOT_FOUND_IN_PRIMARY_INDEX:
                return new PgException(SqlState.T_R_SERIALIZATION_FAILURE,
                        "could not serialize access due to concurrent update");
            case ErrorCode.SYNTAX_ERROR_1:
            case ErrorCode.SYNTAX_ERROR_2:
                return syntax(original, sql, sourceSql, base, semicolon);
            case ErrorCode.FEATURE_NOT_SUPPORTED_1:
                return new PgException(SqlState.FEATURE_NOT_SUPPORTED, original);
            default:
                String state = e.getSQLState() != null && e.getSQLState().length() == 5 ? e.getSQLState() : SqlState.INTERNAL_ERROR;
                return new PgException("ERROR", state, original, e);
        }
    }

    /** 42601 at the source token matching the place H2 marked with [*] in its copy of the SQL. */
    private static PgException syntax(String message, SqlBuilder sql, String source, int base, int semicolon) {
        PgException atEnd = semicolon >= 0
                ? new PgException(SqlState.SYNTAX_ERROR, "syntax error at or near \";\"").position(semicolon + 1)
                : new PgException(SqlState.SYNTAX_ERROR, "syntax error at end of input").position(base + source.length() + 1);
        int marker = message.indexOf("[*]");
        int position = 0;
        if (marker >= 0 && sql != null) {
            String before = message.substring(0, marker);
            int sqlStart = message.indexOf(sql.toString().substring(0, Math.min(20, sql.toString().length())));
            int g = sqlStart >= 0 ? before.length() - sqlStart : -1;
            int s = g >= 0 ? sql.sourceOffset(g) - base : -1;
            if (s >= 0 && s < source.length()) {
                position = s + 1;
            } else if (s >= source.length()) {
                return atEnd;
            }
        }
        if (position == 0) {
            return atEnd;
        }
        String near = tokenAt(source, position - 1);
        return new PgException(SqlState.SYNTAX_ERROR, "syntax error at or near \"" + near + "\"").position(base + position);
    }

    private static String tokenAt(String source, int at) {
        int end = at;
        while (end < source.length() && (Character.isLetterOrDigit(source.charAt(end)) || source.charAt(end) == '_')) {
            end++;
        }
        return end == at ? source.substring(at, at + 1) : source.substring(at, end);
    }

    /** Duplicate key: H2 names the constraint and the key values; PostgreSQL says Key (cols)=(vals). */
    private static PgException duplicateKey(String message) {
        String quoted = firstQuoted(message);
        String constraint = quoted;
        String detail = null;
        int on = quoted.indexOf(' ');
        if (on > 0) {
            constraint = lastPart(quoted.substring(0, on));
            int open = quoted.indexOf('(');
            int close = quoted.indexOf(')', open);
            int keyStart = quoted.indexOf("/* key:");
            if (open > 0 && close > open) {
                String cols = quoted.substring(open + 1, close);
                String vals = keyValues(quoted, close, cols.split(",").length, keyStart);
                if (vals != null) {
                    detail = "Key (" + cols.replace(",", ", ") + ")=(" + vals + ") already exists.";
                }
            }
        }
        PgException e = new PgException(SqlState.UNIQUE_VIOLATION,
                "duplicate key value violates unique constraint \"" + constraint + "\"");
        return detail != null ? e.detail(detail) : e;
    }

    /** The key values from H2's "( /* key:1 *\/ v1, v2, ...)" or "VALUES ( ... )" tail. */
    private static String keyValues(String q, int from, int columns, int keyStart) {
        int open = q.indexOf('(', from + 1);
        if (open < 0) {
            return null;
        }
        String inside = q.substring(open + 1, q.lastIndexOf(')') > open ? q.lastIndexOf(')') : q.length())
                .replaceAll("/\\*.*?\\*/", "").trim();
        String[] parts = inside.split(",\\s*");
        if (parts.length < columns) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < columns; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            String p = parts[i].trim();
            if (p.startsWith("'") && p.endsWith("'") && p.length() >= 2) {
                p = p.substring(1, p.length() - 1).replace("''", "'");
            }
            sb.append(p);
        }
        return sb.toString();
    }

    private static PgException at(PgException e, String source, int base, String name) {
        if (name != null && !name.isEmpty()) {
            int i = indexOfWord(source, lastPart(name));
            if (i >= 0) {
                e.position(base + i + 1);
            }
        }
        return e;
    }

    private static int indexOfWord(String source, String word) {
        String lower = source.toLowerCase(java.util.Locale.ROOT);
        String w = word.toLowerCase(java.util.Locale.ROOT);
        int i = lower.indexOf(w);
        while (i >= 0) {
            boolean startOk = i == 0 || !Character.isLetterOrDigit(lower.charAt(i - 1)) && lower.charAt(i - 1) != '_';
            int end = i + w.length();
            boolean endOk = end >= lower.length() || !Character.isLetterOrDigit(lower.charAt(end)) && lower.charAt(end) != '_';
            if (startOk && endOk) {
                return i;
            }
            i = lower.indexOf(w, i + 1);
        }
        return -1;
    }

    static String firstQuoted(String message) {
        if (message == null) {
            return "";
        }
        int a = message.indexOf('"');
        int b = a >= 0 ? message.indexOf('"', a + 1) : -1;
        return b > a ? message.substring(a + 1, b) : "";
    }

    private static String lastPart(String qualified) {
        int dot = qualified.lastIndexOf('.');
        return dot >= 0 ? qualified.substring(dot + 1) : qualified;
    }
}
