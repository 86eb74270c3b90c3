package dev.tusk.protocol.message.auth;

import dev.tusk.protocol.PgWriter;

/** AuthenticationSSPI: SSPI authentication is requested. */
public record AuthenticationSSPI() implements Authentication {
    @Override
    public void encode(PgWriter w) {
        Authentication.encode(w, SSPI, null);
    }
}
