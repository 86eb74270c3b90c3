package dev.tusk.protocol.message.extended;

import dev.tusk.protocol.FrontendMessage;
import dev.tusk.protocol.PgReader;
import dev.tusk.protocol.PgWriter;
import dev.tusk.protocol.message.PgMessage;

/** Flush: asks the backend to send what it has buffered. */
public record Flush() implements PgMessage {
    public static final Flush INSTANCE = new Flush();

    public static Flush decode(PgReader r) {
        r.end();
        return INSTANCE;
    }

    @Override
    public void encode(PgWriter w) {
        w.begin(FrontendMessage.FLUSH).end();
    }
}
