package dev.tusk.protocol.message.extended;

import dev.tusk.protocol.BackendMessage;
import dev.tusk.protocol.PgReader;
import dev.tusk.protocol.PgWriter;
import dev.tusk.protocol.message.PgMessage;

/** BindComplete: the Bind succeeded. */
public record BindComplete() implements PgMessage {
    public static final BindComplete INSTANCE = new BindComplete();

    public static BindComplete decode(PgReader r) {
        r.end();
        return INSTANCE;
    }

    @Override
    public void encode(PgWriter w) {
        w.begin(BackendMessage.BIND_COMPLETE).end();
    }
}
