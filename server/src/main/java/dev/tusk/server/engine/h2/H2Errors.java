package dev.tusk.server.engine.h2;

import dev.tusk.protocol.SqlState;
import dev.tusk.server.error.PgException;
import dev.tusk.server.sql.EngineStatement;
import dev.tusk.server.sql.Token;
import dev.tusk.server.sql.TokenType;
import java.sql.SQLException;
import java.util.List;
import org.h2.api.ErrorCode;
import org.h2.jdbc.JdbcException;

/**
 * The one place where H2's errors become PostgreSQL's: SQLSTATE, message wording, detail, and the
 * position in the client's SQL. Decisions are taken on H2's error code; H2's message is only mined
 * for the object names and key values it carries.
 */
final class H2Errors {
    private H2Errors() {
    }

    /** An error outside any statement (commit, rollback, savepoints, settings). */
    static PgException map(SQLException e) {
        return map(e, null, null, false);
    }

    /**
     * @param sql      the engine SQL that failed, with its map back to the client's text (or null)
     * @param st       the client's statement (or null)
     * @param canceled whether a cancel request (rather than statement_timeout) stopped it
     */
    static PgException map(SQLException e, SqlBuilder sql, EngineStatement st, boolean canceled) {
        return map(e, sql, st, canceled, labels -> null);
    }

    /** enumNames: the name of the enum type with the given labels, or null (the engine's errors name it by them). */
    static PgException map(SQLException e, SqlBuilder sql, EngineStatement st, boolean canceled,
            java.util.function.Function<List<String>, String> enumNames) {
        String original = e instanceof JdbcException j ? j.getOriginalMessage() : e.getMessage();
        String quoted = firstQuoted(original);
        String outer = outerQuoted(original);
        Where where = new Where(sql, st);
        switch (e.getErrorCode()) {
            case ErrorCode.TABLE_OR_VIEW_NOT_FOUND_1:
            case ErrorCode.TABLE_OR_VIEW_NOT_FOUND_WITH_CANDIDATES_2:
            case ErrorCode.TABLE_OR_VIEW_NOT_FOUND_DATABASE_EMPTY_1:
                return where.atName(new PgException(SqlState.UNDEFINED_TABLE, "relation \"" + quoted + "\" does not exist"), quoted);
            case ErrorCode.COLUMN_NOT_FOUND_1:
                return where.atName(new PgException(SqlState.UNDEFINED_COLUMN, "column \"" + quoted + "\" does not exist"), quoted);
            case ErrorCode.TABLE_OR_VIEW_ALREADY_EXISTS_1:
                return new PgException(SqlState.DUPLICATE_TABLE, "relation \"" + lastPart(quoted) + "\" already exists");
            // Tusk's enum types are the engine's domains (TypeNames)
            case ErrorCode.DOMAIN_ALREADY_EXISTS_1:
                return new PgException(SqlState.DUPLICATE_OBJECT, "type \"" + lastPart(quoted) + "\" already exists");
            case ErrorCode.UNKNOWN_DATA_TYPE_1: {
                // the engine upper-cases the name it could not resolve; the client wrote it (unquoted) in lower case
                String name = quoted.equals(quoted.toUpperCase(java.util.Locale.ROOT)) ? quoted.toLowerCase(java.util.Locale.ROOT) : quoted;
                return where.atName(new PgException(SqlState.UNDEFINED_OBJECT, "type \"" + name + "\" does not exist"), name);
            }
            case ErrorCode.DOMAIN_NOT_FOUND_1:
                return new PgException(SqlState.UNDEFINED_OBJECT, "type \"" + lastPart(quoted) + "\" does not exist");
            case ErrorCode.DUPLICATE_COLUMN_NAME_1:
                return new PgException(SqlState.DUPLICATE_COLUMN, "column \"" + quoted + "\" specified more than once");
            case ErrorCode.SCHEMA_NOT_FOUND_1:
                return new PgException(SqlState.INVALID_SCHEMA_NAME, "schema \"" + quoted + "\" does not exist");
            case ErrorCode.SCHEMA_ALREADY_EXISTS_1:
                return new PgException(SqlState.DUPLICATE_SCHEMA, "schema \"" + quoted + "\" already exists");
            case ErrorCode.DUPLICATE_KEY_1:
                return duplicateKey(outer);
            case ErrorCode.NULL_NOT_ALLOWED: {
                String table = st == null ? null : H2SqlGenerator.targetTable(st.tokens());
                return new PgException(SqlState.NOT_NULL_VIOLATION, "null value in column \"" + quoted + "\""
                        + (table != null ? " of relation \"" + table + "\"" : "") + " violates not-null constraint");
            }
            case ErrorCode.REFERENTIAL_INTEGRITY_VIOLATED_PARENT_MISSING_1:
                return foreignKey(outer, true);
            case ErrorCode.REFERENTIAL_INTEGRITY_VIOLATED_CHILD_EXISTS_1:
                return foreignKey(outer, false);
            case ErrorCode.CHECK_CONSTRAINT_VIOLATED_1: {
                // the checks of Tusk's json and oid domains (ColumnTypes) are those types' input errors
                if (quoted.equals("(VALUE IS JSON)")) {
                    return new PgException(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type json");
                }
                if (quoted.equals("(VALUE BETWEEN 0 AND 4294967295)")) {
                    return new PgException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range for type oid");
                }
                String table = st == null ? null : H2SqlGenerator.targetTable(st.tokens());
                return new PgException(SqlState.CHECK_VIOLATION, "new row for relation \"" + table
                        + "\" violates check constraint \"" + lastPart(quoted) + "\"");
            }
            case ErrorCode.DIVISION_BY_ZERO_1:
                return new PgException(SqlState.DIVISION_BY_ZERO, "division by zero");
            case ErrorCode.DATA_CONVERSION_ERROR_1:
                return where.invalidInput(quoted);
            case ErrorCode.ENUM_VALUE_NOT_PERMITTED: {
                // Value not permitted for column "('sad', 'ok')": "x"
                int value = original.lastIndexOf("\": \"");
                if (value < 0) {
                    return new PgException(SqlState.INVALID_TEXT_REPRESENTATION, original);
                }
                String name = enumNames.apply(EnumTypes.parseLabels(original.substring(original.indexOf('"') + 1, value)));
                return where.invalidEnum(name == null ? "enum" : name, original.substring(value + 4, original.length() - 1));
            }
            case ErrorCode.VALUE_TOO_LONG_2:
                return new PgException(SqlState.STRING_DATA_RIGHT_TRUNCATION, "value too long for type character varying");
            case ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE_1:
            case ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE_2:
                return new PgException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, outOfRange(quoted));
            case ErrorCode.FUNCTION_NOT_FOUND_1:
                return where.atName(new PgException(SqlState.UNDEFINED_FUNCTION, "function " + where.signature(quoted)
                        + " does not exist")
                        .hint("No function matches the given name and argument types. You might need to add explicit type casts."),
                        quoted);
            case ErrorCode.STATEMENT_WAS_CANCELED:
                return new PgException(SqlState.QUERY_CANCELED, canceled
                        ? "canceling statement due to user request" : "canceling statement due to statement timeout");
            case ErrorCode.OUT_OF_MEMORY:
                return new PgException(SqlState.OUT_OF_MEMORY, "out of memory");
            case ErrorCode.LOCK_TIMEOUT_1:
                return new PgException(SqlState.LOCK_NOT_AVAILABLE, "could not obtain lock on relation");
            case ErrorCode.DEADLOCK_1:
                // the engine reports both with one code: a cycle of waits names its deadlock victim; a
                // REPEATABLE READ / SERIALIZABLE update of a row committed since the snapshot names nothing
                return isDeadlockCycle(e)
                        ? new PgException(SqlState.T_R_DEADLOCK_DETECTED, "deadlock detected")
                        : new PgException(SqlState.T_R_SERIALIZATION_FAILURE, "could not serialize access due to concurrent update");
            case ErrorCode.CONCURRENT_UPDATE_1:
            case ErrorCode.ROW_NOT_FOUND_IN_PRIMARY_INDEX:
                return new PgException(SqlState.T_R_SERIALIZATION_FAILURE, "could not serialize access due to concurrent update");
            case ErrorCode.SYNTAX_ERROR_1:
            case ErrorCode.SYNTAX_ERROR_2:
                return where.syntax(original);
            case ErrorCode.FEATURE_NOT_SUPPORTED_1:
                return new PgException(SqlState.FEATURE_NOT_SUPPORTED, original);
            default:
                String state = e.getSQLState() != null && e.getSQLState().length() == 5 ? e.getSQLState() : SqlState.INTERNAL_ERROR;
                return new PgException("ERROR", state, original, e);
        }
    }

    /** Where in the client's query string an error belongs. */
    private static final class Where {
        private final SqlBuilder sql;
        private final EngineStatement st;

        Where(SqlBuilder sql, EngineStatement st) {
            this.sql = sql;
            this.st = st;
        }

        /** Positions the error at the first token naming the object, as PostgreSQL's parser does. */
        PgException atName(PgException e, String name) {
            if (st == null || name.isEmpty()) {
                return e;
            }
            String last = lastPart(name);
            for (Token t : st.tokens()) {
                if ((t.is(TokenType.IDENT) || t.is(TokenType.QUOTED_IDENT)) && t.value().equals(last)) {
                    return e.position(t.start() + 1);
                }
            }
            return e;
        }

        /**
         * name(argument types) as PostgreSQL writes a function it cannot find, where the arguments'
         * types show in the SQL (constants and casts); the bare name otherwise.
         */
        String signature(String name) {
            if (st == null) {
                return name;
            }
            List<Token> t = st.tokens();
            for (int i = 0; i + 1 < t.size(); i++) {
                if (t.get(i).is(TokenType.IDENT) && t.get(i).value().equals(name) && t.get(i + 1).isPunct('(')) {
                    int close = dev.tusk.server.sql.Tokens.matching(t, i + 1);
                    List<String> types = new java.util.ArrayList<>();
                    int start = i + 2;
                    for (int k = start; k <= close && start < close; k++) {
                        if (k == close || t.get(k).isPunct(',') && depth(t, i + 2, k) == 0) {
                            String type = argumentType(t, start, k);
                            if (type == null) {
                                return name;
                            }
                            types.add(type);
                            start = k + 1;
                        }
                    }
                    return name + "(" + String.join(", ", types) + ")";
                }
            }
            return name;
        }

        private static int depth(List<Token> t, int from, int to) {
            int d = 0;
            for (int i = from; i < to; i++) {
                d += t.get(i).isPunct('(') ? 1 : t.get(i).isPunct(')') ? -1 : 0;
            }
            return d;
        }

        /** The type PostgreSQL gives an argument written as a constant or a cast; null when the SQL does not say. */
        private static String argumentType(List<Token> t, int from, int to) {
            if (to - from == 1) {
                Token a = t.get(from);
                if (a.is(TokenType.NUMBER)) {
                    if (a.value().contains(".") || a.value().contains("e") || a.value().contains("E")) {
                        return "numeric";
                    }
                    return new java.math.BigInteger(a.value()).bitLength() < 32 ? "integer" : "bigint";
                }
                if (a.is(TokenType.STRING) || a.isWord("null")) {
                    return "unknown";
                }
                if (a.isWord("true") || a.isWord("false")) {
                    return "boolean";
                }
            }
            for (int k = to - 1; k > from; k--) {
                if (t.get(k).text().equals("::") && PgTypeLabels.typeNameEnd(t, k + 1, to) == to) {
                    return PgTypeLabels.sqlName(PgTypeLabels.label(t, k + 1, to));
                }
            }
            return null;
        }

        /** 22P02 naming the type the text was cast to, at the constant, when the cast is visible in the SQL. */
        PgException invalidInput(String value) {
            if (st != null) {
                List<Token> t = st.tokens();
                for (int i = 0; i + 2 < t.size(); i++) {
                    if (t.get(i).is(TokenType.STRING) && t.get(i).value().equals(value) && t.get(i + 1).text().equals("::")) {
                        String type = PgTypeLabels.sqlName(PgTypeLabels.label(t, i + 2,
                                PgTypeLabels.typeNameEnd(t, i + 2, t.size())));
                        return new PgException(SqlState.INVALID_TEXT_REPRESENTATION,
                                "invalid input syntax for type " + type + ": \"" + value + "\"").position(t.get(i).start() + 1);
                    }
                }
            }
            return new PgException(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax: \"" + value + "\"");
        }

        /** 22P02 for a value not among an enum's labels, at the literal that gave it. */
        PgException invalidEnum(String type, String value) {
            PgException e = new PgException(SqlState.INVALID_TEXT_REPRESENTATION,
                    "invalid input value for enum " + type + ": \"" + value + "\"");
            if (st != null) {
                for (Token t : st.tokens()) {
                    if (t.is(TokenType.STRING) && t.value().equals(value)) {
                        return e.position(t.start() + 1);
                    }
                }
            }
            return e;
        }

        /** 42601 at the client's token matching the place H2 marked with [*] in its copy of the SQL. */
        PgException syntax(String message) {
            if (st == null) {
                return new PgException(SqlState.SYNTAX_ERROR, message);
            }
            int base = st.tokens().get(0).start();
            String source = st.text();
            PgException atEnd = st.terminator() >= 0
                    ? new PgException(SqlState.SYNTAX_ERROR, "syntax error at or near \";\"").position(st.terminator() + 1)
                    : new PgException(SqlState.SYNTAX_ERROR, "syntax error at end of input").position(base + source.length() + 1);
            int marker = message.indexOf("[*]");
            String generated = sql == null ? "" : sql.toString();
            int sqlStart = generated.isEmpty() ? -1 : message.indexOf(generated.substring(0, Math.min(20, generated.length())));
            if (marker < 0 || sqlStart < 0) {
                return atEnd;
            }
            int s = sql.sourceOffset(marker - sqlStart);
            for (Token t : st.tokens()) {
                if (t.start() == s) {
                    return new PgException(SqlState.SYNTAX_ERROR, "syntax error at or near \"" + t.text() + "\"").position(s + 1);
                }
            }
            return atEnd;
        }
    }

    /** PostgreSQL names the integer type that overflowed; H2 gives the value, which says which one it was. */
    private static String outOfRange(String value) {
        try {
            java.math.BigInteger v = new java.math.BigDecimal(value).toBigInteger();
            if (v.bitLength() < 32) {
                return "smallint out of range";
            }
            if (v.bitLength() < 64 && !v.equals(java.math.BigInteger.valueOf(Long.MAX_VALUE))) {
                return "integer out of range";
            }
            return "bigint out of range";
        } catch (NumberFormatException e) {
            return "value out of range";
        }
    }

    /** Duplicate key: H2 names the constraint, its columns and the key; PostgreSQL says Key (cols)=(vals). */
    private static PgException duplicateKey(String quoted) {
        // public.t_pkey PRIMARY KEY ON public.t(id) ( /* key:1 */ 1, 'a', ...)
        String constraint = lastPart(quoted.split(" ", 2)[0]);
        PgException e = new PgException(SqlState.UNIQUE_VIOLATION,
                "duplicate key value violates unique constraint \"" + constraint + "\"");
        int open = quoted.indexOf('(');
        int close = quoted.indexOf(')', open);
        if (open > 0 && close > open) {
            List<String> cols = columns(quoted.substring(open + 1, close));
            String vals = values(quoted.substring(close + 1), cols.size());
            if (vals != null) {
                e.detail("Key (" + String.join(", ", cols) + ")=(" + vals + ") already exists.");
            }
        }
        return e;
    }

    /** Foreign key: "fk_name: public.child FOREIGN KEY(col) REFERENCES public.parent(col) (value)". */
    private static PgException foreignKey(String quoted, boolean parentMissing) {
        int colon = quoted.indexOf(':');
        int fk = quoted.indexOf(" FOREIGN KEY(");
        int refs = quoted.indexOf(" REFERENCES ");
        if (colon < 0 || fk < 0 || refs < 0) {
            return new PgException(SqlState.FOREIGN_KEY_VIOLATION, "foreign key violation: " + quoted);
        }
        String constraint = quoted.substring(0, colon);
        String child = lastPart(quoted.substring(colon + 1, fk).trim());
        String childCols = quoted.substring(fk + 13, quoted.indexOf(')', fk));
        String parentPart = quoted.substring(refs + 12);
        String parent = lastPart(parentPart.substring(0, parentPart.indexOf('(')));
        String parentCols = parentPart.substring(parentPart.indexOf('(') + 1, parentPart.indexOf(')'));
        String tail = parentPart.substring(parentPart.indexOf(')') + 1);
        String vals = values(tail, columns(childCols).size());
        if (parentMissing) {
            PgException e = new PgException(SqlState.FOREIGN_KEY_VIOLATION, "insert or update on table \"" + child
                    + "\" violates foreign key constraint \"" + constraint + "\"");
            return vals == null ? e : e.detail("Key (" + String.join(", ", columns(childCols)) + ")=(" + vals
                    + ") is not present in table \"" + parent + "\".");
        }
        PgException e = new PgException(SqlState.FOREIGN_KEY_VIOLATION, "update or delete on table \"" + parent
                + "\" violates foreign key constraint \"" + constraint + "\" on table \"" + child + "\"");
        return vals == null ? e : e.detail("Key (" + String.join(", ", columns(parentCols)) + ")=(" + vals
                + ") is still referenced from table \"" + child + "\".");
    }

    /** Column names of an H2 index or key list, without ordering words (id, name NULLS LAST). */
    private static List<String> columns(String list) {
        return java.util.Arrays.stream(list.split(","))
                .map(c -> c.trim().split(" ")[0])
                .toList();
    }

    /** The first n values of "( /* key:1 *\/ 1, 'a', ...)", with strings unquoted as PostgreSQL prints them. */
    private static String values(String tail, int n) {
        int open = tail.indexOf('(');
        int close = tail.lastIndexOf(')');
        if (open < 0 || close < open) {
            return null;
        }
        String inside = tail.substring(open + 1, close).replaceAll("/\\*.*?\\*/", "").trim();
        String[] parts = inside.split(",\\s*");
        if (parts.length < n) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            String p = parts[i].trim();
            if (p.length() >= 2 && p.startsWith("'") && p.endsWith("'")) {
                p = p.substring(1, p.length() - 1).replace("''", "'");
            }
            sb.append(i > 0 ? ", " : "").append(p);
        }
        return sb.toString();
    }

    /** The first "quoted" name in an H2 message. */
    static String firstQuoted(String message) {
        if (message == null) {
            return "";
        }
        int a = message.indexOf('"');
        int b = a >= 0 ? message.indexOf('"', a + 1) : -1;
        return b > a ? message.substring(a + 1, b) : "";
    }

    /** From the first to the last double quote: H2's key descriptions, which may quote inside. */
    private static String outerQuoted(String message) {
        if (message == null) {
            return "";
        }
        int a = message.indexOf('"');
        int b = a >= 0 ? message.lastIndexOf('"') : -1;
        return b > a ? message.substring(a + 1, b) : "";
    }

    private static String lastPart(String qualified) {
        int dot = qualified.lastIndexOf('.');
        return dot >= 0 ? qualified.substring(dot + 1) : qualified;
    }

    /** Whether the engine's deadlock error is a cycle of lock waits (its store names a victim), not a write conflict. */
    private static boolean isDeadlockCycle(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.h2.mvstore.MVStoreException m && m.getMessage() != null
                    && m.getMessage().contains("deadlock victim")) {
                return true;
            }
        }
        return false;
    }
}
