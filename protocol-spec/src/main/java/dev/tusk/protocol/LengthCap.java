package dev.tusk.protocol;

/**
 * How long a message body may claim to be before the reader refuses it, checked before a byte of the
 * body is read (cf. PQ_SMALL_MESSAGE_LIMIT / PQ_LARGE_MESSAGE_LIMIT in libpq/libpq.h).
 */
public enum LengthCap {
    /** Control messages: 10,000 bytes, as PostgreSQL's PQ_SMALL_MESSAGE_LIMIT. */
    SMALL,
    /** Authentication tokens: 65,535 bytes, as PostgreSQL's PG_MAX_AUTH_TOKEN_LENGTH. */
    AUTH,
    /** SQL text and data: the connection's configured maximum (1 GiB - 1 by default). */
    LARGE;

    public static final int SMALL_LIMIT = 10_000;
    public static final int AUTH_LIMIT = 65_535;
    public static final int DEFAULT_LARGE_LIMIT = 0x3fff_ffff;

    /** The largest body length (excluding the length word itself) accepted under this cap. */
    public int limit(int largeLimit) {
        switch (this) {
            case SMALL: return SMALL_LIMIT;
            case AUTH: return AUTH_LIMIT;
            default: return largeLimit;
        }
    }
}
