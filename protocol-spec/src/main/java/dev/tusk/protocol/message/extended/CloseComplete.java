package dev.tusk.protocol.message.extended;

import dev.tusk.protocol.BackendMessage;
import dev.tusk.protocol.PgReader;
import dev.tusk.protocol.PgWriter;
import dev.tusk.protocol.message.PgMessage;

/** CloseComplete: the Close succeeded (also sent when the object did not exist). */
public record CloseComplete() implements PgMessage {
    public static final CloseComplete INSTANCE = new CloseComplete();

    public static CloseComplete decode(PgReader r) {
        r.end();
        return INSTANCE;
    }

    @Override
    public void encode(PgWriter w) {
        w.begin(BackendMessage.CLOSE_COMPLETE).end();
    }
}
