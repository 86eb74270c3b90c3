package dev.tusk.protocol.message.auth;

import dev.tusk.protocol.FrontendMessage;
import dev.tusk.protocol.PgReader;
import dev.tusk.protocol.PgWriter;
import dev.tusk.protocol.message.PgMessage;
import java.util.Arrays;

/** GSSResponse: a GSSAPI or SSPI token. */
public record GssResponse(byte[] data) implements PgMessage {
    public static GssResponse decode(PgReader r) {
        return new GssResponse(r.rest());
    }

    @Override
    public void encode(PgWriter w) {
        w.begin(FrontendMessage.AUTH_RESPONSE).bytes(data).end();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GssResponse s && Arrays.equals(s.data, data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data);
    }
}
