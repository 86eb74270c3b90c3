package dev.tusk.protocol.message.auth;

import dev.tusk.protocol.PgWriter;
import java.util.Arrays;

/** AuthenticationGSSContinue: The next GSSAPI or SSPI token. */
public record AuthenticationGSSContinue(byte[] data) implements Authentication {
    @Override
    public void encode(PgWriter w) {
        Authentication.encode(w, GSS_CONTINUE, data);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuthenticationGSSContinue a && Arrays.equals(a.data, data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data);
    }
}
