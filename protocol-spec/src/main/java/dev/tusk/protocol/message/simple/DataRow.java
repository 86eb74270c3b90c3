package dev.tusk.protocol.message.simple;

import dev.tusk.protocol.BackendMessage;
import dev.tusk.protocol.PgReader;
import dev.tusk.protocol.PgWriter;
import dev.tusk.protocol.message.PgMessage;
import java.util.Arrays;

/**
 * DataRow: one row's column values, each in the format RowDescription announced; null is SQL NULL.
 * Backends that stream rows write them with {@link #begin}/{@link #value}/{@link PgWriter#end} rather
 * than building a record per row.
 */
public record DataRow(byte[][] values) implements PgMessage {
    public static DataRow decode(PgReader r) {
        int n = r.count16(4);
        byte[][] v = new byte[n][];
        for (int i = 0; i < n; i++) {
            v[i] = r.lengthPrefixed();
        }
        r.end();
        return new DataRow(v);
    }

    @Override
    public void encode(PgWriter w) {
        begin(w, values.length);
        for (byte[] v : values) {
            w.lengthPrefixed(v);
        }
        w.end();
    }

    /** Starts a DataRow of columnCount values; write each with PgWriter.lengthPrefixed, then end(). */
    public static PgWriter begin(PgWriter w, int columnCount) {
        return w.begin(BackendMessage.DATA_ROW).int16(columnCount);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DataRow d && Arrays.deepEquals(d.values, values);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(values);
    }

    @Override
    public String toString() {
        return "DataRow" + Arrays.deepToString(values);
    }
}
