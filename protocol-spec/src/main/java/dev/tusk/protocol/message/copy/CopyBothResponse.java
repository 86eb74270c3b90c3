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
        int n = r.count16(2);
        short[] f = new short[n];
        for (int i = 0; i < n; i++) {
            f[i] = (short) r.int16();
        }
        r.end();
        return new CopyBothResponse(overall, f);
    }

    @Override
    public void encode(PgWriter w) {
        w.begin(BackendMessage.COPY_BOTH_RESPONSE).int8(overallFormat).int16(columnFormats.length);
        for (short f : columnFormats) {
            w.int16(f);
        }
        w.end();
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
