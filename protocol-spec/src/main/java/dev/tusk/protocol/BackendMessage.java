package dev.tusk.protocol;

/**
 * The typed messages a backend sends, named as in PostgreSQL's include/libpq/protocol.h. All
 * Authentication* messages share the type byte 'R' and are told apart by their first int32.
 * The length cap is what a frontend accepts before reading the body (libpq checks the same).
 */
public enum BackendMessage {
    AUTHENTICATION('R', LengthCap.AUTH),
    BACKEND_KEY_DATA('K', LengthCap.SMALL),
    BIND_COMPLETE('2', LengthCap.SMALL),
    CLOSE_COMPLETE('3', LengthCap.SMALL),
    COMMAND_COMPLETE('C', LengthCap.SMALL),
    COPY_DATA('d', LengthCap.LARGE),
    COPY_DONE('c', LengthCap.SMALL),
    COPY_IN_RESPONSE('G', LengthCap.SMALL),
    COPY_OUT_RESPONSE('H', LengthCap.SMALL),
    COPY_BOTH_RESPONSE('W', LengthCap.SMALL),
    DATA_ROW('D', LengthCap.LARGE),
    EMPTY_QUERY_RESPONSE('I', LengthCap.SMALL),
    ERROR_RESPONSE('E', LengthCap.LARGE),
    FUNCTION_CALL_RESPONSE('V', LengthCap.LARGE),
    NEGOTIATE_PROTOCOL_VERSION('v', LengthCap.SMALL),
    NO_DATA('n', LengthCap.SMALL),
    NOTICE_RESPONSE('N', LengthCap.LARGE),
    NOTIFICATION_RESPONSE('A', LengthCap.LARGE),
    PARAMETER_DESCRIPTION('t', LengthCap.LARGE),
    PARAMETER_STATUS('S', LengthCap.SMALL),
    PARSE_COMPLETE('1', LengthCap.SMALL),
    PORTAL_SUSPENDED('s', LengthCap.SMALL),
    READY_FOR_QUERY('Z', LengthCap.SMALL),
    ROW_DESCRIPTION('T', LengthCap.LARGE);

    private static final BackendMessage[] BY_TYPE = MessageTypes.index(values(), BackendMessage::type);

    private final byte type;
    private final LengthCap cap;

    BackendMessage(char type, LengthCap cap) {
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
    public static BackendMessage of(byte type) {
        return type >= 0 ? BY_TYPE[type] : null;
    }
}
