package dev.tusk.protocol.message.auth;

import dev.tusk.protocol.BackendMessage;
import dev.tusk.protocol.PgReader;
import dev.tusk.protocol.PgWriter;
import java.util.ArrayList;
import java.util.List;

/** AuthenticationSASL: SASL authentication is requested; the mechanisms the server offers. */
public record AuthenticationSASL(List<String> mechanisms) implements Authentication {
    public AuthenticationSASL {
        mechanisms = List.copyOf(mechanisms);
    }

    static AuthenticationSASL decodeMechanisms(PgReader r) {
        List<String> list = new ArrayList<>();
        for (String m = r.cstring(); !m.isEmpty(); m = r.cstring()) {
            list.add(m);
        }
        return new AuthenticationSASL(list);
    }

    @Override
    public void encode(PgWriter w) {
        w.begin(BackendMessage.AUTHENTICATION).int32(SASL);
        mechanisms.forEach(w::cstring);
        w.int8(0).end();
    }
}
