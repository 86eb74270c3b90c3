package dev.tusk.protocol.message.extended;

import dev.tusk.protocol.FrontendMessage;
import dev.tusk.protocol.PgReader;
import dev.tusk.protocol.PgWriter;
import dev.tusk.protocol.message.PgMessage;

/** Close: closes a prepared statement ('S') or a portal ('P'). */
public record Close(byte kind, String name) implements PgMessage {
    public static final byte STATEMENT = 'S';
    public static final byte PORTAL = 'P';

    public static Close decode(PgReader r) {
        Close m = new Close((byte) r.int8(), r.cstring());
        r.end();
        return m;
    }

    @Override
    public void encode(PgWriter w) {
        w.begin(FrontendMessage.CLOSE).int8(kind).cstring(name).end();
    }
}
