package dev.tusk.protocol.message.extended;

import dev.tusk.protocol.BackendMessage;
import dev.tusk.protocol.PgReader;
import dev.tusk.protocol.PgWriter;
import dev.tusk.protocol.message.PgMessage;

/** ParseComplete: the Parse succeeded. */
public record ParseComplete() implements PgMessage {
    public static final ParseComplete INSTANCE = new ParseComplete();

    public static ParseComplete decode(PgReader r) {
        r.end();
        return INSTANCE;
    }

    @Override
    public void encode(PgWriter w) {
        w.begin(BackendMessage.PARSE_COMPLETE).end();
    }
}
