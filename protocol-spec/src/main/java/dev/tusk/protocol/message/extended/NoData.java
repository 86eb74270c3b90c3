package dev.tusk.protocol.message.extended;

import dev.tusk.protocol.BackendMessage;
import dev.tusk.protocol.PgReader;
import dev.tusk.protocol.PgWriter;
import dev.tusk.protocol.message.PgMessage;

/** NoData: the described statement or portal returns no rows. */
public record NoData() implements PgMessage {
    public static final NoData INSTANCE = new NoData();

    public static NoData decode(PgReader r) {
        r.end();
        return INSTANCE;
    }

    @Override
    public void encode(PgWriter w) {
        w.begin(BackendMessage.NO_DATA).end();
    }
}
