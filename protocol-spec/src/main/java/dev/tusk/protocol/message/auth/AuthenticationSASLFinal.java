package dev.tusk.protocol.message.auth;

import dev.tusk.protocol.PgWriter;
import java.util.Arrays;

/** AuthenticationSASLFinal: SASL outcome data (for SCRAM, the server-final-message). */
public record AuthenticationSASLFinal(byte[] data) implements Authentication {
    @Override
    public void encode(PgWriter w) {
        Authentication.encode(w, SASL_FINAL, data);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuthenticationSASLFinal a && Arrays.equals(a.data, data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data);
    }
}
