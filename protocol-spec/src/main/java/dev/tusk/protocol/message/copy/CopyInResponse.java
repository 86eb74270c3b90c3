package dev.tusk.protocol.message.copy;

import dev.tusk.protocol.BackendMessage;
import dev.tusk.protocol.PgReader;
import dev.tusk.protocol.PgWriter;
import dev.tusk.protocol.message.PgMessage;
import java.util.Arrays;

/** CopyInResponse: the backend is ready to receive COPY data from the frontend. Overall format 0 text, 1 binary; then a format code per column. */
public record CopyInResponse(int overallFormat, short[] columnFormats) implements PgMessage {
    public static CopyInResponse decode(PgReader r) {
        int overall = r.int8();
        return new CopyInResponse(overall, CopyFormats.read(r));
    }

    @Override
    public void encode(PgWriter w) {
        CopyFormats.write(w, BackendMessage.COPY_IN_RESPONSE, overallFormat, columnFormats);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CopyInResponse c && c.overallFormat == overallFormat && Arrays.equals(c.columnFormats, columnFormats);
    }

    @Override
    public int hashCode() {
        return overallFormat * 31 + Arrays.hashCode(columnFormats);
    }
}
