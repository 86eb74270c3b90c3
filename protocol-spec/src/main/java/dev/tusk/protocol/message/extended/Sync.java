package dev.tusk.protocol.message.extended;

import dev.tusk.protocol.FrontendMessage;
import dev.tusk.protocol.PgReader;
import dev.tusk.protocol.PgWriter;
import dev.tusk.protocol.message.PgMessage;

/** Sync: ends an extended-query cycle; the backend answers with ReadyForQuery, after skipping to here if an error occurred. */
public record Sync() implements PgMessage {
    public static final Sync INSTANCE = new Sync();

    public static Sync decode(PgReader r) {
        r.end();
        return INSTANCE;
    }

    @Override
    public void encode(PgWriter w) {
        w.begin(FrontendMessage.SYNC).end();
    }
}
