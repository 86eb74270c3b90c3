package dev.tusk.protocol.message.auth;

import dev.tusk.protocol.BackendMessage;
import dev.tusk.protocol.PgReader;
import dev.tusk.protocol.PgWriter;
import dev.tusk.protocol.ProtocolException;
import dev.tusk.protocol.message.PgMessage;

/**
 * The Authentication* family: one type byte 'R', told apart by the int32 request code that starts
 * the body (AUTH_REQ_* in PostgreSQL's libpq/protocol.h).
 */
public sealed interface Authentication extends PgMessage
        permits AuthenticationOk, AuthenticationKerberosV5, AuthenticationCleartextPassword,
        AuthenticationMD5Password, AuthenticationGSS, AuthenticationGSSContinue, AuthenticationSSPI,
        AuthenticationSASL, AuthenticationSASLContinue, AuthenticationSASLFinal {

    int OK = 0;
    int KERBEROS_V5 = 2;
    int CLEARTEXT_PASSWORD = 3;
    int MD5_PASSWORD = 5;
    int GSS = 7;
    int GSS_CONTINUE = 8;
    int SSPI = 9;
    int SASL = 10;
    int SASL_CONTINUE = 11;
    int SASL_FINAL = 12;

    static Authentication decode(PgReader r) {
        int code = r.int32();
        Authentication a;
        switch (code) {
            case OK: a = new AuthenticationOk(); break;
            case KERBEROS_V5: a = new AuthenticationKerberosV5(); break;
            case CLEARTEXT_PASSWORD: a = new AuthenticationCleartextPassword(); break;
            case MD5_PASSWORD: a = new AuthenticationMD5Password(r.bytes(4)); break;
            case GSS: a = new AuthenticationGSS(); break;
            case GSS_CONTINUE: a = new AuthenticationGSSContinue(r.rest()); break;
            case SSPI: a = new AuthenticationSSPI(); break;
            case SASL: a = AuthenticationSASL.decodeMechanisms(r); break;
            case SASL_CONTINUE: a = new AuthenticationSASLContinue(r.rest()); break;
            case SASL_FINAL: a = new AuthenticationSASLFinal(r.rest()); break;
            default: throw new ProtocolException("unsupported authentication request " + code);
        }
        r.end();
        return a;
    }

    /** Writes the 'R' message with its code and the extra data, if any. */
    static void encode(PgWriter w, int code, byte[] data) {
        w.begin(BackendMessage.AUTHENTICATION).int32(code);
        if (data != null) {
            w.bytes(data);
        }
        w.end();
    }
}
