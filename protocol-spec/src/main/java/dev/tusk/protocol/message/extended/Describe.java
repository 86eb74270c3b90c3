package dev.tusk.protocol.message.extended;

import dev.tusk.protocol.FrontendMessage;
import dev.tusk.protocol.PgReader;
import dev.tusk.protocol.PgWriter;
import dev.tusk.protocol.message.PgMessage;

/** Describe: asks for a description of a statement ('S', answered with ParameterDescription and RowDescription or NoData) or a portal ('P'). */
public record Describe(byte kind, String name) implements PgMessage {
    public static final byte STATEMENT = 'S';
    public static final byte PORTAL = 'P';

    public static Describe decode(PgReader r) {
        Describe m = new Describe((byte) r.int8(), r.cstring());
        r.end();
        return m;
    }

    @Override
    public void encode(PgWriter w) {
        w.begin(FrontendMessage.DESCRIBE).int8(kind).cstring(name).end();
    }
}
