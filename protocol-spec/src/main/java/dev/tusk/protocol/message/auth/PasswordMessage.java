package dev.tusk.protocol.message.auth;

import dev.tusk.protocol.FrontendMessage;
import dev.tusk.protocol.PgReader;
import dev.tusk.protocol.PgWriter;
import dev.tusk.protocol.message.PgMessage;

/** PasswordMessage: the password, cleartext or MD5-hashed as the server asked. */
public record PasswordMessage(String password) implements PgMessage {
    public static PasswordMessage decode(PgReader r) {
        PasswordMessage m = new PasswordMessage(r.cstring());
        r.end();
        return m;
    }

    @Override
    public void encode(PgWriter w) {
        w.begin(FrontendMessage.AUTH_RESPONSE).cstring(password).end();
    }
}
