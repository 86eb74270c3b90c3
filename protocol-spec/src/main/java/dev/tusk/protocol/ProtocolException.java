package dev.tusk.protocol;

/**
 * A violation of the wire protocol by the peer: bad framing, a length over its cap, a body that does
 * not match its message type. Carries the SQLSTATE the server reports (08P01 unless said otherwise);
 * cf. the ereport(FATAL, ERRCODE_PROTOCOL_VIOLATION) calls of pqcomm.c and postgres.c.
 */
public final class ProtocolException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String sqlState;

    public ProtocolException(String message) {
        this(SqlState.PROTOCOL_VIOLATION, message);
    }

    public ProtocolException(String sqlState, String message) {
        super(message);
        this.sqlState = sqlState;
    }

    public String sqlState() {
        return sqlState;
    }
}
