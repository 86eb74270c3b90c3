package dev.tusk.protocol.message.copy;

import dev.tusk.protocol.FrontendMessage;
import dev.tusk.protocol.PgReader;
import dev.tusk.protocol.PgWriter;
import dev.tusk.protocol.message.PgMessage;

/** CopyFail: the frontend aborts a COPY FROM STDIN, with a reason. */
public record CopyFail(String message) implements PgMessage {
    public static CopyFail decode(PgReader r) {
        CopyFail m = new CopyFail(r.cstring());
        r.end();
        return m;
    }

    @Override
    public void encode(PgWriter w) {
        w.begin(FrontendMessage.COPY_FAIL).cstring(message).end();
    }
}
