package dev.tusk.jmh.protocol;

import dev.tusk.protocol.BackendMessage;
import dev.tusk.protocol.PgConnectionIO;
import dev.tusk.protocol.PgReader;
import dev.tusk.protocol.PgWriter;
import dev.tusk.protocol.message.simple.DataRow;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The codec's hot paths: writing a DataRow the way a backend streams rows, and reading a batch of
 * DataRows the way a driver does. Ten columns of short text values, 1,000 rows per operation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CodecBenchmark {
    private static final int ROWS = 1000;
    private final byte[][] values = new byte[10][];
    private final PgWriter writer = new PgWriter(1 << 20);
    private byte[] encodedRows;

    @Setup
    public void setup() {
        for (int i = 0; i < values.length; i++) {
            values[i] = ("value-" + i).getBytes(StandardCharsets.UTF_8);
        }
        PgWriter w = new PgWriter(1 << 20);
        for (int r = 0; r < ROWS; r++) {
            writeRow(w);
        }
        encodedRows = w.toByteArray();
    }

    private void writeRow(PgWriter w) {
        DataRow.begin(w, values.length);
        for (byte[] v : values) {
            w.lengthPrefixed(v);
        }
        w.end();
    }

    @Benchmark
    public int encodeDataRows() {
        writer.reset();
        for (int r = 0; r < ROWS; r++) {
            writeRow(writer);
        }
        return writer.size();
    }

    @Benchmark
    public int decodeDataRows() throws IOException {
        PgConnectionIO io = new PgConnectionIO(new ByteArrayInputStream(encodedRows), new ByteArrayOutputStream());
        int bytes = 0;
        for (BackendMessage t = io.readBackend(); t != null; t = io.readBackend()) {
            PgReader r = io.body();
            int n = r.int16();
            for (int i = 0; i < n; i++) {
                byte[] v = r.lengthPrefixed();
                bytes += v == null ? 0 : v.length;
            }
        }
        return bytes;
    }
}
