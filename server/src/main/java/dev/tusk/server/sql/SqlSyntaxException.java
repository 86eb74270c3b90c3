package dev.tusk.server.sql;

/** A lexical or syntax error at a 0-based offset in the statement text (reported 1-based, as PostgreSQL does). */
public final class SqlSyntaxException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int offset;

    public SqlSyntaxException(String message, int offset) {
        super(message);
        this.offset = offset;
    }

    public int offset() {
        return offset;
    }
}
