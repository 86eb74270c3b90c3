package dev.tusk.server.error;

import dev.tusk.protocol.message.async.ErrorFields;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error to report to the client as PostgreSQL would (cf. ereport/errcode/errmsg in elog.c): the
 * SQLSTATE, a message in PostgreSQL's wording, and detail/hint/position where PostgreSQL gives them.
 * Severity ERROR ends the statement; FATAL ends the session.
 */
public class PgException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String severity;
    private final String sqlState;
    private String detail;
    private String hint;
    private String where;
    private int position;

    public PgException(String sqlState, String message) {
        this("ERROR", sqlState, message, null);
    }

    public PgException(String severity, String sqlState, String message, Throwable cause) {
        super(message, cause);
        this.severity = severity;
        this.sqlState = sqlState;
    }

    public static PgException fatal(String sqlState, String message) {
        return new PgException("FATAL", sqlState, message, null);
    }

    /** The same error as a FATAL one (an error during startup ends the connection). */
    public PgException asFatal() {
        if (isFatal()) {
            return this;
        }
        PgException f = new PgException("FATAL", sqlState, getMessage(), this);
        f.detail = detail;
        f.hint = hint;
        f.where = where;
        return f;
    }

    public PgException detail(String d) {
        this.detail = d;
        return this;
    }

    public PgException hint(String h) {
        this.hint = h;
        return this;
    }

    /** The context the error arose in (CONTEXT in psql), e.g. "COPY t, line 3". */
    public PgException where(String w) {
        this.where = w;
        return this;
    }

    /** 1-based character position in the query string, 0 for none. */
    public PgException position(int p) {
        this.position = p;
        return this;
    }

    public String severity() {
        return severity;
    }

    public String sqlState() {
        return sqlState;
    }

    public boolean isFatal() {
        return severity.equals("FATAL") || severity.equals("PANIC");
    }

    public int position() {
        return position;
    }

    /** The ErrorResponse fields, in the order PostgreSQL sends them. */
    public Map<Character, String> fields() {
        Map<Character, String> f = new LinkedHashMap<>();
        f.put(ErrorFields.SEVERITY, severity);
        f.put(ErrorFields.SEVERITY_NONLOCALIZED, severity);
        f.put(ErrorFields.SQLSTATE, sqlState);
        f.put(ErrorFields.MESSAGE, getMessage());
        if (detail != null) {
            f.put(ErrorFields.DETAIL, detail);
        }
        if (hint != null) {
            f.put(ErrorFields.HINT, hint);
        }
        if (position > 0) {
            f.put(ErrorFields.POSITION, Integer.toString(position));
        }
        if (where != null) {
            f.put(ErrorFields.WHERE, where);
        }
        return f;
    }
}
