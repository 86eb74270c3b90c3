package dev.tusk.server.backend;

import dev.tusk.protocol.SqlState;
import dev.tusk.server.engine.EnginePortal;
import dev.tusk.server.engine.EnginePrepared;
import dev.tusk.server.engine.RowReceiver;
import dev.tusk.server.error.PgException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * COPY FROM's rows into the table (cf. CopyFrom's multi-insert buffer): turns the incoming bytes
 * into rows, and inserts them {@link #ROWS} at a time with one multi-row INSERT, so the engine runs
 * one statement per buffer rather than per row. Counts rows and lines for errors: when a buffer's
 * INSERT fails on its data, its rows go in one by one to find the line PostgreSQL names.
 */
final class CopyRowInserter implements AutoCloseable {
    /** Rows per INSERT, as PostgreSQL's MAX_BUFFERED_TUPLES is 1000: enough to amortize the statement. */
    static final int ROWS = 128;

    private final IntFunction<EnginePrepared> insertRows;
    private final CopyFormat format;
    private final List<String> columns;
    private final String table;
    private final ByteArrayOutputStream pendingLine = new ByteArrayOutputStream();
    private final BinaryCopy.Decoder binary;
    private final boolean[] forceNotNull;
    private final boolean[] forceNull;
    private final EnginePrepared single;
    private EnginePrepared buffered;
    private final List<Object[]> buffer = new ArrayList<>(ROWS);
    private final long[] bufferLines = new long[ROWS];
    private boolean skipHeader;
    private boolean ended;
    private long rows;
    private long line;

    /** insertRows: the INSERT of n rows of the columns, parameters numbered row by row. */
    CopyRowInserter(IntFunction<EnginePrepared> insertRows, CopyFormat format, List<String> columns, String table) {
        this.insertRows = insertRows;
        this.single = insertRows.apply(1);
        this.format = format;
        this.columns = columns;
        this.table = table;
        this.skipHeader = format.header;
        this.binary = format.binary ? new BinaryCopy.Decoder(single.parameterTypes()) : null;
        this.forceNotNull = format.columns("force_not_null", columns);
        this.forceNull = format.columns("force_null", columns);
    }

    long rows() {
        return rows;
    }

    void add(byte[] chunk) throws IOException {
        if (ended) {
            return;
        }
        if (binary != null) {
            for (Object[] row : binary.add(chunk)) {
                line++;
                insert(row);
            }
            ended = binary.ended();
            return;
        }
        int start = 0;
        for (int i = 0; i < chunk.length && !ended; i++) {
            if (chunk[i] == '\n') {
                pendingLine.write(chunk, start, i - start);
                textLine(takeLine());
                start = i + 1;
            }
        }
        if (!ended) {
            pendingLine.write(chunk, start, chunk.length - start);
        }
    }

    void finish() throws IOException {
        if (binary == null && !ended && pendingLine.size() > 0) {
            textLine(takeLine());
        }
        flush();
    }

    /** Lines may be split anywhere between chunks, even inside a UTF-8 character: decode only whole lines. */
    private String takeLine() {
        String s = pendingLine.toString(StandardCharsets.UTF_8);
        pendingLine.reset();
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    private void textLine(String text) throws IOException {
        line++;
        if (skipHeader) {
            skipHeader = false;
            return;
        }
        if (!format.csv && text.equals("\\.")) {
            ended = true; // the old end-of-data marker
            return;
        }
        List<String> fields;
        try {
            fields = format.parse(text, forceNotNull, forceNull);
            if (fields.size() > columns.size()) {
                throw new PgException(SqlState.BAD_COPY_FILE_FORMAT, "extra data after last expected column");
            }
            if (fields.size() < columns.size()) {
                throw new PgException(SqlState.BAD_COPY_FILE_FORMAT,
                        "missing data for column \"" + columns.get(fields.size()) + "\"");
            }
        } catch (PgException e) {
            throw e.where("COPY " + table + ", line " + line);
        }
        insert(fields.toArray()); // its errors name the line of the row that failed
    }

    private void insert(Object[] values) throws IOException {
        bufferLines[buffer.size()] = line;
        buffer.add(values);
        if (buffer.size() == ROWS) {
            flush();
        }
    }

    private void flush() throws IOException {
        if (buffer.size() == ROWS && (long) ROWS * columns.size() <= 65_535) {
            Object[] values = new Object[ROWS * columns.size()];
            for (int r = 0; r < ROWS; r++) {
                System.arraycopy(buffer.get(r), 0, values, r * columns.size(), columns.size());
            }
            if (buffered == null) {
                buffered = insertRows.apply(ROWS);
            }
            try (EnginePortal portal = buffered.bind(values)) {
                portal.execute(IGNORE, 0);
                rows += ROWS;
                buffer.clear();
                return;
            } catch (PgException e) {
                // a row's data (class 22, 23): the statement undid itself; find the row. Anything else stops here.
                if (!e.sqlState().startsWith("22") && !e.sqlState().startsWith("23")) {
                    throw e.where("COPY " + table + ", line " + bufferLines[0]);
                }
            }
        }
        for (int r = 0; r < buffer.size(); r++) {
            try (EnginePortal portal = single.bind(buffer.get(r))) {
                portal.execute(IGNORE, 0);
            } catch (PgException e) {
                throw e.where("COPY " + table + ", line " + bufferLines[r]);
            }
            rows++;
        }
        buffer.clear();
    }

    @Override
    public void close() {
        single.close();
        if (buffered != null) {
            buffered.close();
        }
    }

    /** The inserts' own tags are not sent: COPY answers with one CommandComplete. */
    private static final RowReceiver IGNORE = RowReceiver.discarding((sqlState, message) -> { });
}
