package dev.tusk.protocol.message.auth;

import dev.tusk.protocol.PgWriter;

/** AuthenticationGSS: GSSAPI authentication is requested. */
public record AuthenticationGSS() implements Authentication {
    @Override
    public void encode(PgWriter w) {
        Authentication.encode(w, GSS, null);
    }
}
