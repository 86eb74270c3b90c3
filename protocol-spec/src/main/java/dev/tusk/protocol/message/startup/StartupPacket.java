package dev.tusk.protocol.message.startup;

import dev.tusk.protocol.PgReader;
import dev.tusk.protocol.ProtocolException;
import dev.tusk.protocol.message.PgMessage;

/**
 * The first packet of a connection, which has no type byte: its first int32 after the length says
 * what it is (cf. ProcessStartupPacket in backend_startup.c).
 */
public sealed interface StartupPacket extends PgMessage
        permits StartupMessage, SslRequest, GssEncRequest, CancelRequest {

    int CANCEL_REQUEST_CODE = (1234 << 16) | 5678;
    int SSL_REQUEST_CODE = (1234 << 16) | 5679;
    int GSSENC_REQUEST_CODE = (1234 << 16) | 5680;

    /** Decodes the body (after the length word) of a startup-phase packet. */
    static StartupPacket decode(PgReader r) {
        int code = r.int32();
        switch (code) {
            case CANCEL_REQUEST_CODE: return CancelRequest.decodeAfterCode(r);
            case SSL_REQUEST_CODE: r.end(); return new SslRequest();
            case GSSENC_REQUEST_CODE: r.end(); return new GssEncRequest();
            default:
                if (code >>> 16 == 1234) {
                    throw new ProtocolException(dev.tusk.protocol.SqlState.FEATURE_NOT_SUPPORTED,
                            "unsupported frontend protocol " + (code >>> 16) + "."
                            + (code & 0xffff));
                }
                return StartupMessage.decodeAfterVersion(code, r);
        }
    }
}
