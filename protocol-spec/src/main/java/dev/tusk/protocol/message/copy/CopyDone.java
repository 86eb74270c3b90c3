package dev.tusk.protocol.message.copy;

import dev.tusk.protocol.FrontendMessage;
import dev.tusk.protocol.PgReader;
import dev.tusk.protocol.PgWriter;
import dev.tusk.protocol.message.PgMessage;

/** CopyDone: the end of the COPY data stream (the same bytes in both directions). */
public record CopyDone() implements PgMessage {
    public static final CopyDone INSTANCE = new CopyDone();

    public static CopyDone decode(PgReader r) {
        r.end();
        return INSTANCE;
    }

    @Override
    public void encode(PgWriter w) {
        w.begin(FrontendMessage.COPY_DONE).end();
    }
}
