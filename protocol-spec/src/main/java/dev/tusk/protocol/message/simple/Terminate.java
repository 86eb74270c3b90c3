package dev.tusk.protocol.message.simple;

import dev.tusk.protocol.FrontendMessage;
import dev.tusk.protocol.PgReader;
import dev.tusk.protocol.PgWriter;
import dev.tusk.protocol.message.PgMessage;

/** Terminate: the frontend is closing the connection. */
public record Terminate() implements PgMessage {
    public static final Terminate INSTANCE = new Terminate();

    public static Terminate decode(PgReader r) {
        r.end();
        return INSTANCE;
    }

    @Override
    public void encode(PgWriter w) {
        w.begin(FrontendMessage.TERMINATE).end();
    }
}
