package dev.tusk.protocol.message.auth;

import dev.tusk.protocol.PgWriter;

/** AuthenticationCleartextPassword: A cleartext password is requested. */
public record AuthenticationCleartextPassword() implements Authentication {
    @Override
    public void encode(PgWriter w) {
        Authentication.encode(w, CLEARTEXT_PASSWORD, null);
    }
}
