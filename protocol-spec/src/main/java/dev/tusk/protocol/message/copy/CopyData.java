package dev.tusk.protocol.message.copy;

import dev.tusk.protocol.BackendMessage;
import dev.tusk.protocol.PgReader;
import dev.tusk.protocol.PgWriter;
import dev.tusk.protocol.message.PgMessage;
import java.util.Arrays;

/** CopyData: a chunk of the COPY stream. Both directions use the same type byte 'd' and layout. */
public record CopyData(byte[] data) implements PgMessage {
    public static CopyData decode(PgReader r) {
        return new CopyData(r.rest());
    }

    @Override
    public void encode(PgWriter w) {
        w.begin(BackendMessage.COPY_DATA).bytes(data).end();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CopyData c && Arrays.equals(c.data, data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data);
    }
}
