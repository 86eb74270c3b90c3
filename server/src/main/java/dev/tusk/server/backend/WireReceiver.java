package dev.tusk.server.backend;

import dev.tusk.protocol.PgConnectionIO;
import dev.tusk.protocol.PgWriter;
import dev.tusk.protocol.message.async.ErrorFields;
import dev.tusk.protocol.message.async.NoticeResponse;
import dev.tusk.protocol.message.simple.CommandComplete;
import dev.tusk.protocol.message.simple.DataRow;
import dev.tusk.protocol.message.simple.RowDescription;
import dev.tusk.server.engine.ColumnDescription;
import dev.tusk.server.engine.RowReceiver;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends a statement's output to the client (cf. printtup.c): RowDescription (in the simple protocol
 * only; in the extended protocol Describe sends it), one DataRow per row written straight into the
 * connection's buffer in each column's format, CommandComplete. The buffer is flushed whenever it
 * fills, so a large result streams with bounded memory.
 */
final class WireReceiver implements RowReceiver {
    private final PgConnectionIO io;
    private final boolean describes;
    private int columns;
    /** Per column: true for binary format. Null: all text. */
    private boolean[] binary;

    /** @param describes whether {@link #start} sends RowDescription (the simple query protocol) */
    WireReceiver(PgConnectionIO io, boolean describes) {
        this.io = io;
        this.describes = describes;
    }

    /** Sets the output formats for the next statement: null for all text, else true where binary. */
    void formats(int columnCount, boolean[] binaryColumns) {
        this.columns = columnCount;
        this.binary = binaryColumns;
    }

    @Override
    public void start(List<ColumnDescription> cols) throws IOException {
        columns = cols.size();
        if (!describes) {
            return;
        }
        binary = null;
        describe(io, cols, null);
    }

    /** Sends RowDescription for these columns in these formats (null: all text). */
    static void describe(PgConnectionIO io, List<ColumnDescription> cols, boolean[] binary) {
        List<RowDescription.Field> fields = new ArrayList<>(cols.size());
        for (int i = 0; i < cols.size(); i++) {
            ColumnDescription c = cols.get(i);
            fields.add(new RowDescription.Field(c.name(), c.tableOid(), c.columnNumber(), c.typeOid(), c.typeSize(),
                    c.typeModifier(), binary != null && binary[i] ? 1 : 0));
        }
        new RowDescription(fields).encode(io.writer());
    }

    @Override
    public void row(RowSource row) throws IOException {
        PgWriter w = io.writer();
        DataRow.begin(w, columns);
        if (binary == null) {
            for (int i = 0; i < columns; i++) {
                w.lengthPrefixed(row.text(i));
            }
        } else {
            for (int i = 0; i < columns; i++) {
                w.lengthPrefixed(binary[i] ? row.binary(i) : row.text(i));
            }
        }
        w.end();
        io.flushIfFull();
    }

    @Override
    public void end(String commandTag) {
        new CommandComplete(commandTag).encode(io.writer());
    }

    @Override
    public void notice(String sqlState, String message) {
        send("NOTICE", sqlState, message);
    }

    void send(String severity, String sqlState, String message) {
        Map<Character, String> f = new LinkedHashMap<>();
        f.put(ErrorFields.SEVERITY, severity);
        f.put(ErrorFields.SEVERITY_NONLOCALIZED, severity);
        f.put(ErrorFields.SQLSTATE, sqlState);
        f.put(ErrorFields.MESSAGE, message);
        new NoticeResponse(f).encode(io.writer());
    }
}
