package dev.tusk.protocol.message.auth;

import dev.tusk.protocol.FrontendMessage;
import dev.tusk.protocol.PgReader;
import dev.tusk.protocol.PgWriter;
import dev.tusk.protocol.message.PgMessage;
import java.util.Arrays;

/** SASLInitialResponse: the chosen mechanism and its initial response (null when there is none). */
public record SaslInitialResponse(String mechanism, byte[] data) implements PgMessage {
    public static SaslInitialResponse decode(PgReader r) {
        String mechanism = r.cstring();
        SaslInitialResponse m = new SaslInitialResponse(mechanism, r.lengthPrefixed());
        r.end();
        return m;
    }

    @Override
    public void encode(PgWriter w) {
        w.begin(FrontendMessage.AUTH_RESPONSE).cstring(mechanism).lengthPrefixed(data).end();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SaslInitialResponse s && s.mechanism.equals(mechanism) && Arrays.equals(s.data, data);
    }

    @Override
    public int hashCode() {
        return mechanism.hashCode() * 31 + Arrays.hashCode(data);
    }
}
