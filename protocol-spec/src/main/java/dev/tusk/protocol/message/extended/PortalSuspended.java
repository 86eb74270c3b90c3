package dev.tusk.protocol.message.extended;

import dev.tusk.protocol.BackendMessage;
import dev.tusk.protocol.PgReader;
import dev.tusk.protocol.PgWriter;
import dev.tusk.protocol.message.PgMessage;

/** PortalSuspended: Execute reached its row limit; the portal can be executed again for more. */
public record PortalSuspended() implements PgMessage {
    public static final PortalSuspended INSTANCE = new PortalSuspended();

    public static PortalSuspended decode(PgReader r) {
        r.end();
        return INSTANCE;
    }

    @Override
    public void encode(PgWriter w) {
        w.begin(BackendMessage.PORTAL_SUSPENDED).end();
    }
}
