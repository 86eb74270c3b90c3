package dev.tusk.protocol.message.startup;

import dev.tusk.protocol.BackendMessage;
import dev.tusk.protocol.PgReader;
import dev.tusk.protocol.PgWriter;
import dev.tusk.protocol.ProtocolException;
import dev.tusk.protocol.message.PgMessage;
import java.util.Arrays;

/** BackendKeyData: the pid and secret key a frontend needs to cancel this backend's queries. */
public record BackendKeyData(int processId, byte[] secretKey) implements PgMessage {
    public static BackendKeyData decode(PgReader r) {
        int pid = r.int32();
        int n = r.remaining();
        if (n < 4 || n > CancelRequest.MAX_KEY_LENGTH) {
            throw new ProtocolException("invalid secret key length " + n);
        }
        return new BackendKeyData(pid, r.rest());
    }

    @Override
    public void encode(PgWriter w) {
        w.begin(BackendMessage.BACKEND_KEY_DATA).int32(processId).bytes(secretKey).end();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BackendKeyData k && k.processId == processId && Arrays.equals(k.secretKey, secretKey);
    }

    @Override
    public int hashCode() {
        return 31 * processId + Arrays.hashCode(secretKey);
    }
}
