package dev.tusk.protocol.message.startup;

import dev.tusk.protocol.PgReader;
import dev.tusk.protocol.PgWriter;
import dev.tusk.protocol.ProtocolException;
import java.util.Arrays;

/**
 * CancelRequest, sent on a new connection: the target backend's pid and secret key. The key is 4
 * bytes in protocol 3.0 and up to 256 bytes in 3.2.
 */
public record CancelRequest(int processId, byte[] secretKey) implements StartupPacket {
    public static final int MAX_KEY_LENGTH = 256;

    static CancelRequest decodeAfterCode(PgReader r) {
        int pid = r.int32();
        int n = r.remaining();
        if (n < 4 || n > MAX_KEY_LENGTH) {
            throw new ProtocolException("invalid length of cancel request packet");
        }
        return new CancelRequest(pid, r.rest());
    }

    @Override
    public void encode(PgWriter w) {
        w.beginUntyped().int32(CANCEL_REQUEST_CODE).int32(processId).bytes(secretKey).end();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CancelRequest c && c.processId == processId && Arrays.equals(c.secretKey, secretKey);
    }

    @Override
    public int hashCode() {
        return 31 * processId + Arrays.hashCode(secretKey);
    }
}
