package dev.tusk.protocol.message.copy;

import dev.tusk.protocol.BackendMessage;
import dev.tusk.protocol.PgReader;
import dev.tusk.protocol.PgWriter;
import dev.tusk.protocol.message.PgMessage;
import java.util.Arrays;

/** CopyBothResponse: COPY data flows both ways (streaming replication). Overall format 0 text, 1 binary; then a format code per column. */
public record CopyBothResponse(int overallFormat, short[] columnFormats) implements PgMessage {
    public static CopyBothResponse decode(PgReader r) {
        int overall = r.int8();
        return new CopyBothResponse(overall, CopyFormats.read(r));
    }

    @Override
    public void encode(PgWriter w) {
        CopyFormats.write(w, BackendMessage.COPY_BOTH_RESPONSE, overallFormat, columnFormats);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CopyBothResponse c && c.overallFormat == overallFormat && Arrays.equals(c.columnFormats, columnFormats);
    }

    @Override
    public int hashCode() {
        return overallFormat * 31 + Arrays.hashCode(columnFormats);
    }
}
