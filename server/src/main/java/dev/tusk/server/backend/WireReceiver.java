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
 * Sends a statement's output to the client in text format (cf. printtup.c): RowDescription, one
 * DataRow per row written straight into the connection's buffer, CommandComplete. The buffer is
 * flushed whenever it fills, so a large result streams with bounded memory.
 */
final class WireReceiver implements RowReceiver {
    private final PgConnectionIO io;
    private int columns;

    WireReceiver(PgConnectionIO io) {
        this.io = io;
    }

    @Override
    public void start(List<ColumnDescription> cols) throws IOException {
        columns = cols.size();
        List<RowDescription.Field> fields = new ArrayList<>(cols.size());
        for (ColumnDescription c : cols) {
            fields.add(new RowDescription.Field(c.name(), c.tableOid(), c.columnNumber(), c.typeOid(), c.typeSize(),
                    c.typeModifier(), 0));
        }
        new RowDescription(fields).encode(io.writer());
    }

    @Override
    public void row(RowSource row) throws IOException {
        PgWriter w = io.writer();
        DataRow.begin(w, columns);
        for (int i = 0; i < columns; i++) {
            w.lengthPrefixed(row.text(i));
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
