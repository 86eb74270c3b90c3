package dev.tusk.protocol.message.auth;

import dev.tusk.protocol.PgWriter;

/** AuthenticationOk: The client is authenticated. */
public record AuthenticationOk() implements Authentication {
    @Override
    public void encode(PgWriter w) {
        Authentication.encode(w, OK, null);
    }
}
