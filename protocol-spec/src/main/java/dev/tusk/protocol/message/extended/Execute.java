package dev.tusk.protocol.message.extended;

import dev.tusk.protocol.FrontendMessage;
import dev.tusk.protocol.PgReader;
import dev.tusk.protocol.PgWriter;
import dev.tusk.protocol.message.PgMessage;

/** Execute: run a portal, returning at most maxRows rows (0 = all). */
public record Execute(String portalName, int maxRows) implements PgMessage {
    public static Execute decode(PgReader r) {
        Execute m = new Execute(r.cstring(), r.int32());
        r.end();
        return m;
    }

    @Override
    public void encode(PgWriter w) {
        w.begin(FrontendMessage.EXECUTE).cstring(portalName).int32(maxRows).end();
    }
}
