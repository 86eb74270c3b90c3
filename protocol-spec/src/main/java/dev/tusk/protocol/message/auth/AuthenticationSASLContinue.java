package dev.tusk.protocol.message.auth;

import dev.tusk.protocol.PgWriter;
import java.util.Arrays;

/** AuthenticationSASLContinue: SASL challenge data (for SCRAM, the server-first-message). */
public record AuthenticationSASLContinue(byte[] data) implements Authentication {
    @Override
    public void encode(PgWriter w) {
        Authentication.encode(w, SASL_CONTINUE, data);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuthenticationSASLContinue a && Arrays.equals(a.data, data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data);
    }
}
