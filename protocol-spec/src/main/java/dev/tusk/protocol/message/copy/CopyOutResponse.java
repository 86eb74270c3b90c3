package dev.tusk.protocol.message.copy;

import dev.tusk.protocol.BackendMessage;
import dev.tusk.protocol.PgReader;
import dev.tusk.protocol.PgWriter;
import dev.tusk.protocol.message.PgMessage;
import java.util.Arrays;

/** CopyOutResponse: COPY data from the backend follows. Overall format 0 text, 1 binary; then a format code per column. */
public record CopyOutResponse(int overallFormat, short[] columnFormats) implements PgMessage {
    public static CopyOutResponse decode(PgReader r) {
        int overall = r.int8();
        return new CopyOutResponse(overall, CopyFormats.read(r));
    }

    @Override
    public void encode(PgWriter w) {
        CopyFormats.write(w, BackendMessage.COPY_OUT_RESPONSE, overallFormat, columnFormats);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CopyOutResponse c && c.overallFormat == overallFormat && Arrays.equals(c.columnFormats, columnFormats);
    }

    @Override
    public int hashCode() {
        return overallFormat * 31 + Arrays.hashCode(columnFormats);
    }
}
