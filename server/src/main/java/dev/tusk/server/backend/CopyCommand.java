package dev.tusk.server.backend;

import dev.tusk.protocol.FrontendMessage;
import dev.tusk.protocol.SqlState;
import dev.tusk.protocol.message.copy.CopyData;
import dev.tusk.protocol.message.copy.CopyDone;
import dev.tusk.protocol.message.copy.CopyFail;
import dev.tusk.protocol.message.copy.CopyInResponse;
import dev.tusk.protocol.message.copy.CopyOutResponse;
import dev.tusk.protocol.message.simple.CommandComplete;
import dev.tusk.server.engine.ColumnDescription;
import dev.tusk.server.engine.EnginePortal;
import dev.tusk.server.engine.EnginePrepared;
import dev.tusk.server.engine.RowReceiver;
import dev.tusk.server.error.PgException;
import dev.tusk.server.sql.EngineStatement;
import dev.tusk.server.sql.Identifiers;
import dev.tusk.server.sql.Parser;
import dev.tusk.server.sql.Statement;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * COPY FROM STDIN and COPY TO STDOUT (cf. commands/copy.c and the COPY sub-protocol of postgres.c),
 * in text and CSV formats. COPY FROM streams: each line is inserted as it arrives, through one
 * prepared INSERT, so memory stays bounded however much is copied; any bad line fails the whole
 * COPY, which the transaction then rolls back. Server-side files are not supported yet.
 */
final class CopyCommand {
    private final Backend backend;

    CopyCommand(Backend backend) {
        this.backend = backend;
    }

    void execute(Statement.Copy copy) throws IOException {
        try {
            run(copy);
        } catch (PgException e) {
            if (copy.query() == null) {
                e.position(0); // the statements COPY runs are Tusk's, not the client's: no position in them
            }
            throw e;
        }
    }

    private void run(Statement.Copy copy) throws IOException {
        if (copy.file() != null) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "COPY to or from a server-side file is not supported by Tusk yet")
                    .hint("Use COPY ... FROM STDIN / TO STDOUT, or psql's \\copy.");
        }
        CopyFormat format = CopyFormat.of(copy.options());
        if (copy.from()) {
            copyIn(copy, format);
        } else {
            copyOut(copy, format);
        }
    }

    private static EngineStatement engineStatement(String sql) {
        return (EngineStatement) Parser.parse(sql).get(0);
    }

    private static String target(Statement.Copy copy) {
        StringBuilder sb = new StringBuilder();
        for (String part : copy.table().split("\\.")) {
            sb.append(sb.length() > 0 ? "." : "").append(part);
        }
        return sb.toString();
    }

    // ---- COPY TO STDOUT ----------------------------------------------------------------------

    private void copyOut(Statement.Copy copy, CopyFormat format) throws IOException {
        EngineStatement query = copy.query() != null ? copy.query()
                : engineStatement("select " + columnList(copy.columns(), "*") + " from " + target(copy));
        backend.engine.execute(query, new CopyOutReceiver(format));
    }

    private static String columnList(List<String> columns, String none) {
        if (columns.isEmpty()) {
            return none;
        }
        List<String> quoted = new ArrayList<>();
        columns.forEach(c -> quoted.add(Identifiers.quote(c)));
        return String.join(", ", quoted);
    }

    /** Rows as CopyData lines between CopyOutResponse and CopyDone; the tag says COPY n. */
    private final class CopyOutReceiver implements RowReceiver {
        private final CopyFormat format;
        private int columns;
        private long rows;

        CopyOutReceiver(CopyFormat format) {
            this.format = format;
        }

        @Override
        public void start(List<ColumnDescription> cols) {
            columns = cols.size();
            new CopyOutResponse(0, new short[columns]).encode(backend.io.writer());
            if (format.header) {
                String[] names = cols.stream().map(ColumnDescription::name).toArray(String[]::new);
                new CopyData(format.format(names).getBytes(StandardCharsets.UTF_8)).encode(backend.io.writer());
            }
        }

        @Override
        public void row(RowSource row) throws IOException {
            String[] values = new String[columns];
            for (int i = 0; i < columns; i++) {
                byte[] v = row.text(i);
                values[i] = v == null ? null : new String(v, StandardCharsets.UTF_8);
            }
            new CopyData(format.format(values).getBytes(StandardCharsets.UTF_8)).encode(backend.io.writer());
            rows++;
            backend.io.flushIfFull();
        }

        @Override
        public void end(String commandTag) {
            CopyDone.INSTANCE.encode(backend.io.writer());
            new CommandComplete("COPY " + rows).encode(backend.io.writer());
        }

        @Override
        public void notice(String sqlState, String message) {
        }
    }

    // ---- COPY FROM STDIN ---------------------------------------------------------------------

    private void copyIn(Statement.Copy copy, CopyFormat format) throws IOException {
        List<String> columns = copy.columns().isEmpty() ? tableColumns(copy) : copy.columns();
        StringBuilder insert = new StringBuilder("insert into ").append(target(copy)).append(" (")
                .append(columnList(columns, "")).append(") values (");
        for (int i = 1; i <= columns.size(); i++) {
            insert.append(i > 1 ? ", " : "").append('$').append(i);
        }
        EngineStatement st = engineStatement(insert.append(')').toString());
        long rows = 0;
        try (EnginePrepared prepared = backend.engine.prepare(st, new int[0])) {
            new CopyInResponse(0, new short[columns.size()]).encode(backend.io.writer());
            backend.io.flush();
            LineSplitter lines = new LineSplitter();
            int lineNo = 0;
            boolean skipHeader = format.header;
            boolean ended = false;
            while (!ended) {
                FrontendMessage type = backend.io.readFrontend();
                if (type == null) {
                    throw new IOException("connection lost during COPY");
                }
                List<String> complete;
                switch (type) {
                    case COPY_DATA:
                        complete = lines.add(backend.io.body().rest());
                        break;
                    case COPY_DONE:
                        complete = lines.finish();
                        ended = true;
                        break;
                    case COPY_FAIL:
                        throw new PgException(SqlState.QUERY_CANCELED, "COPY from stdin failed: "
                                + CopyFail.decode(backend.io.body()).message());
                    case FLUSH:
                    case SYNC:
                        continue; // as PostgreSQL: ignored during COPY
                    default:
                        throw PgException.fatal(SqlState.PROTOCOL_VIOLATION,
                                "unexpected message type 0x" + Integer.toHexString(type.type()) + " during COPY from stdin");
                }
                for (String line : complete) {
                    lineNo++;
                    if (skipHeader) {
                        skipHeader = false;
                        continue;
                    }
                    if (!format.csv && line.equals("\\.")) {
                        ended = true; // the old end-of-data marker
                        break;
                    }
                    insertLine(prepared, format, columns, line, lineNo, copy.table());
                    rows++;
                }
            }
        }
        new CommandComplete("COPY " + rows).encode(backend.io.writer());
    }

    private void insertLine(EnginePrepared prepared, CopyFormat format, List<String> columns, String line, int lineNo,
                            String table) throws IOException {
        int columnCount = columns.size();
        try {
            List<String> fields = format.parse(line);
            if (fields.size() > columnCount) {
                throw new PgException(SqlState.BAD_COPY_FILE_FORMAT, "extra data after last expected column");
            }
            if (fields.size() < columnCount) {
                throw new PgException(SqlState.BAD_COPY_FILE_FORMAT, "missing data for column \"" + columns.get(fields.size()) + "\"");
            }
            try (EnginePortal portal = prepared.bind(fields.toArray())) {
                portal.execute(IGNORE, 0);
            }
        } catch (PgException e) {
            throw e.where("COPY " + table + ", line " + lineNo);
        }
    }

    private List<String> tableColumns(Statement.Copy copy) {
        try (EnginePrepared p = backend.engine.prepare(engineStatement("select * from " + target(copy)), new int[0])) {
            List<String> names = new ArrayList<>();
            p.columns().forEach(c -> names.add(c.name()));
            return names;
        }
    }

    /** The inserts' own tags and rows are not sent: COPY answers with one CommandComplete. */
    private static final RowReceiver IGNORE = new RowReceiver() {
        @Override
        public void start(List<ColumnDescription> columns) {
        }

        @Override
        public void row(RowSource row) {
        }

        @Override
        public void end(String commandTag) {
        }

        @Override
        public void notice(String sqlState, String message) {
        }
    };

    /** Reassembles lines from CopyData chunks, which may split a line anywhere (even inside a UTF-8 character). */
    private static final class LineSplitter {
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

        List<String> add(byte[] chunk) {
            List<String> lines = new ArrayList<>();
            int start = 0;
            for (int i = 0; i < chunk.length; i++) {
                if (chunk[i] == '\n') {
                    pending.write(chunk, start, i - start);
                    lines.add(take());
                    start = i + 1;
                }
            }
            pending.write(chunk, start, chunk.length - start);
            return lines;
        }

        List<String> finish() {
            return pending.size() == 0 ? List.of() : List.of(take());
        }

        private String take() {
            String line = pending.toString(StandardCharsets.UTF_8);
            pending.reset();
            return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        }
    }
}
