package dev.tusk.protocol.message.auth;

import dev.tusk.protocol.PgWriter;
import java.util.Arrays;

/** AuthenticationMD5Password: An MD5-hashed password is requested, with this 4-byte salt. */
public record AuthenticationMD5Password(byte[] salt) implements Authentication {
    @Override
    public void encode(PgWriter w) {
        Authentication.encode(w, MD5_PASSWORD, salt);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuthenticationMD5Password a && Arrays.equals(a.salt, salt);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(salt);
    }
}
