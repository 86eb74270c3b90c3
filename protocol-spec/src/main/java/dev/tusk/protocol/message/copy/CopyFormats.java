package dev.tusk.protocol.message.copy;

import dev.tusk.protocol.BackendMessage;
import dev.tusk.protocol.PgReader;
import dev.tusk.protocol.PgWriter;

/** The body CopyInResponse, CopyOutResponse and CopyBothResponse share: overall format, then one format per column. */
final class CopyFormats {
    private CopyFormats() {
    }

    static short[] read(PgReader r) {
        int n = r.count16(2);
        short[] f = new short[n];
        for (int i = 0; i < n; i++) {
            f[i] = (short) r.int16();
        }
        r.end();
        return f;
    }

    static void write(PgWriter w, BackendMessage type, int overallFormat, short[] columnFormats) {
        w.begin(type).int8(overallFormat).int16(columnFormats.length);
        for (short f : columnFormats) {
            w.int16(f);
        }
        w.end();
    }
}
