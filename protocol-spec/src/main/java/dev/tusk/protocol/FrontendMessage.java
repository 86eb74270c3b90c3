package dev.tusk.protocol;

/**
 * The typed messages a frontend sends, named as in PostgreSQL's include/libpq/protocol.h. Each carries
 * its type byte and the length cap the backend applies before reading the body (cf. SocketBackend in
 * tcop/postgres.c: small for control messages, large for those carrying SQL or data).
 *
 * <p>The startup-phase packets (StartupMessage, SSLRequest, GSSENCRequest, CancelRequest) have no
 * type byte and are not listed here; see {@link dev.tusk.protocol.message.startup.StartupPacket}.
 * PasswordMessage, SASLInitialResponse, SASLResponse and GSSResponse share the type byte 'p' and
 * are told apart by the authentication exchange in progress.
 */
public enum FrontendMessage {
    BIND('B', LengthCap.LARGE),
    CLOSE('C', LengthCap.SMALL),
    COPY_DATA('d', LengthCap.LARGE),
    COPY_DONE('c', LengthCap.SMALL),
    COPY_FAIL('f', LengthCap.SMALL),
    DESCRIBE('D', LengthCap.SMALL),
    EXECUTE('E', LengthCap.SMALL),
    FLUSH('H', LengthCap.SMALL),
    FUNCTION_CALL('F', LengthCap.LARGE),
    PARSE('P', LengthCap.LARGE),
    /** PasswordMessage, SASLInitialResponse, SASLResponse, GSSResponse. */
    AUTH_RESPONSE('p', LengthCap.AUTH),
    QUERY('Q', LengthCap.LARGE),
    SYNC('S', LengthCap.SMALL),
    TERMINATE('X', LengthCap.SMALL);

    private static final FrontendMessage[] BY_TYPE = MessageTypes.index(values(), FrontendMessage::type);

    private final byte type;
    private final LengthCap cap;

    FrontendMessage(char type, LengthCap cap) {
        this.type = (byte) type;
        this.cap = cap;
    }

    public byte type() {
        return type;
    }

    public LengthCap cap() {
        return cap;
    }

    /** The message with this type byte, or null if there is none. */
    public static FrontendMessage of(byte type) {
        return type >= 0 ? BY_TYPE[type] : null;
    }
}
