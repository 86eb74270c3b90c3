package dev.tusk.protocol.message.async;

import dev.tusk.protocol.BackendMessage;
import dev.tusk.protocol.PgReader;
import dev.tusk.protocol.PgWriter;
import dev.tusk.protocol.message.PgMessage;

/** NotificationResponse: a NOTIFY delivered to a listening session; the pid is the notifying backend's. */
public record NotificationResponse(int processId, String channel, String payload) implements PgMessage {
    public static NotificationResponse decode(PgReader r) {
        NotificationResponse m = new NotificationResponse(r.int32(), r.cstring(), r.cstring());
        r.end();
        return m;
    }

    @Override
    public void encode(PgWriter w) {
        w.begin(BackendMessage.NOTIFICATION_RESPONSE).int32(processId).cstring(channel).cstring(payload).end();
    }
}
