package dev.tusk.protocol.message.simple;

import dev.tusk.protocol.BackendMessage;
import dev.tusk.protocol.PgReader;
import dev.tusk.protocol.PgWriter;
import dev.tusk.protocol.message.PgMessage;

/** CommandComplete: a statement finished; the command tag says what it did (INSERT 0 3, SELECT 5, ...). */
public record CommandComplete(String tag) implements PgMessage {
    public static CommandComplete decode(PgReader r) {
        CommandComplete m = new CommandComplete(r.cstring());
        r.end();
        return m;
    }

    @Override
    public void encode(PgWriter w) {
        w.begin(BackendMessage.COMMAND_COMPLETE).cstring(tag).end();
    }
}
