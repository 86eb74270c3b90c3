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
import dev.tusk.server.engine.EnginePrepared;
import dev.tusk.server.engine.RowReceiver;
import dev.tusk.server.error.PgException;
import dev.tusk.server.sql.EngineStatement;
import dev.tusk.server.sql.Identifiers;
import dev.tusk.server.sql.Parser;
import dev.tusk.server.sql.Statement;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * COPY (cf. commands/copy.c and the COPY sub-protocol of postgres.c): FROM STDIN / TO STDOUT
 * through the client, or FROM / TO a file on the server (superusers only, as in PostgreSQL), in
 * text, CSV or binary format. COPY FROM streams: each row is inserted as it arrives through one
 * prepared INSERT, so memory stays bounded however much is copied; any bad row fails the whole
 * COPY, which the transaction then rolls back.
 */
final class CopyCommand {
    private static final int CHUNK = 64 * 1024;
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
        if (copy.file() != null && !backend.postmaster.roles().hasPrivilegesOf(backend.currentUser(),
                copy.from() ? "pg_read_server_files" : "pg_write_server_files")) {
            throw new PgException(SqlState.INSUFFICIENT_PRIVILEGE, copy.from()
                    ? "must be superuser or have privileges of the pg_read_server_files role to COPY from a file"
                    : "must be superuser or have privileges of the pg_write_server_files role to COPY to a file")
                    .hint("Anyone can COPY to stdout or from stdin. psql's \\copy command also works for anyone.");
        }
        CopyFormat format = CopyFormat.of(copy.options());
        long rows = copy.from() ? copyIn(copy, format) : copyOut(copy, format);
        new CommandComplete("COPY " + rows).encode(backend.io.writer());
    }

    /** A server-side file name; relative ones are in the data directory, as in PostgreSQL. */
    private Path file(String name) {
        return backend.postmaster.dataDirectory().path().resolve(name);
    }

    private static EngineStatement engineStatement(String sql) {
        return (EngineStatement) Parser.parse(sql).get(0);
    }

    private static String columnList(List<String> columns, String none) {
        if (columns.isEmpty()) {
            return none;
        }
        List<String> quoted = new ArrayList<>();
        columns.forEach(c -> quoted.add(Identifiers.quote(c)));
        return String.join(", ", quoted);
    }

    // ---- COPY TO ----------------------------------------------------------------------------

    private long copyOut(Statement.Copy copy, CopyFormat format) throws IOException {
        EngineStatement query = copy.query() != null ? copy.query()
                : engineStatement("select " + columnList(copy.columns(), "*") + " from " + copy.table());
        CopyOutReceiver receiver;
        if (copy.file() == null) {
            receiver = new CopyOutReceiver(format, new ProtocolSink(format.binary));
            backend.engine.execute(query, receiver);
        } else {
            try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(file(copy.file())))) {
                receiver = new CopyOutReceiver(format, new FileSink(file));
                backend.engine.execute(query, receiver);
            } catch (IOException e) {
                throw new PgException(SqlState.IO_ERROR, "could not open file \"" + copy.file() + "\" for writing: " + e.getMessage());
            }
        }
        return receiver.rows;
    }

    /** Where COPY TO writes: CopyData messages to the client, or a file on the server. */
    private interface Sink {
        void begin(int columns) throws IOException;

        void write(byte[] data) throws IOException;

        void end() throws IOException;
    }

    private final class ProtocolSink implements Sink {
        private final boolean binary;

        ProtocolSink(boolean binary) {
            this.binary = binary;
        }

        @Override
        public void begin(int columns) {
            short[] formats = new short[columns];
            Arrays.fill(formats, (short) (binary ? 1 : 0));
            new CopyOutResponse(binary ? 1 : 0, formats).encode(backend.io.writer());
        }

        @Override
        public void write(byte[] data) throws IOException {
            new CopyData(data).encode(backend.io.writer());
            backend.io.flushIfFull();
        }

        @Override
        public void end() {
            CopyDone.INSTANCE.encode(backend.io.writer());
        }
    }

    private record FileSink(OutputStream out) implements Sink {
        @Override
        public void begin(int columns) {
        }

        @Override
        public void write(byte[] data) throws IOException {
            out.write(data);
        }

        @Override
        public void end() {
        }
    }

    /** The query's rows in the COPY format, to the sink. */
    private static final class CopyOutReceiver implements RowReceiver {
        private final CopyFormat format;
        private final Sink sink;
        private int columns;
        private long rows;

        CopyOutReceiver(CopyFormat format, Sink sink) {
            this.format = format;
            this.sink = sink;
        }

        private boolean[] forceQuote;

        @Override
        public void start(List<ColumnDescription> cols) throws IOException {
            columns = cols.size();
            forceQuote = format.columns("force_quote", cols.stream().map(ColumnDescription::name).toList());
            sink.begin(columns);
            if (format.binary) {
                sink.write(BinaryCopy.header());
            } else if (format.header) {
                sink.write(utf8(format.format(cols.stream().map(ColumnDescription::name).toArray(String[]::new))));
            }
        }

        @Override
        public void row(RowSource row) throws IOException {
            if (format.binary) {
                byte[][] values = new byte[columns][];
                for (int i = 0; i < columns; i++) {
                    values[i] = row.binary(i);
                }
                sink.write(BinaryCopy.row(values));
            } else {
                String[] values = new String[columns];
                for (int i = 0; i < columns; i++) {
                    byte[] v = row.text(i);
                    values[i] = v == null ? null : new String(v, StandardCharsets.UTF_8);
                }
                sink.write(utf8(format.format(values, forceQuote)));
            }
            rows++;
        }

        @Override
        public void end(String commandTag) throws IOException {
            if (format.binary) {
                sink.write(BinaryCopy.trailer());
            }
            sink.end();
        }

        @Override
        public void notice(String sqlState, String message) {
        }

        private static byte[] utf8(String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
    }

    // ---- COPY FROM --------------------------------------------------------------------------

    private long copyIn(Statement.Copy copy, CopyFormat format) throws IOException {
        List<String> columns = copy.columns().isEmpty() ? tableColumns(copy) : copy.columns();
        String head = "insert into " + copy.table() + " (" + columnList(columns, "") + ") values ";
        java.util.function.IntFunction<EnginePrepared> insertRows = n -> {
            StringBuilder insert = new StringBuilder(head);
            for (int r = 0, p = 1; r < n; r++) {
                insert.append(r > 0 ? ", (" : "(");
                for (int c = 0; c < columns.size(); c++, p++) {
                    insert.append(c > 0 ? ", " : "").append('$').append(p);
                }
                insert.append(')');
            }
            return backend.engine.prepare(engineStatement(insert.toString()), new int[0]);
        };
        try (CopyRowInserter inserter = new CopyRowInserter(insertRows, format, columns, copy.table())) {
            if (copy.file() == null) {
                short[] formats = new short[columns.size()];
                Arrays.fill(formats, (short) (format.binary ? 1 : 0));
                new CopyInResponse(format.binary ? 1 : 0, formats).encode(backend.io.writer());
                backend.io.flush();
                readFromClient(inserter);
            } else {
                readFromFile(file(copy.file()), copy.file(), inserter);
            }
            return inserter.rows();
        }
    }

    private void readFromClient(CopyRowInserter inserter) throws IOException {
        while (true) {
            FrontendMessage type = backend.io.readFrontend();
            if (type == null) {
                throw new IOException("connection lost during COPY");
            }
            switch (type) {
                case COPY_DATA:
                    inserter.add(backend.io.body().rest());
                    break;
                case COPY_DONE:
                    inserter.finish();
                    return;
                case COPY_FAIL:
                    throw new PgException(SqlState.QUERY_CANCELED, "COPY from stdin failed: "
                            + CopyFail.decode(backend.io.body()).message());
                case FLUSH:
                case SYNC:
                    break; // as PostgreSQL: ignored during COPY
                default:
                    throw PgException.fatal(SqlState.PROTOCOL_VIOLATION,
                            "unexpected message type 0x" + Integer.toHexString(type.type()) + " during COPY from stdin");
            }
        }
    }

    private static void readFromFile(Path path, String name, CopyRowInserter inserter) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            byte[] chunk = new byte[CHUNK];
            for (int n; (n = in.read(chunk)) > 0; ) {
                inserter.add(Arrays.copyOf(chunk, n));
            }
            inserter.finish();
        } catch (NoSuchFileException e) {
            throw new PgException(SqlState.UNDEFINED_FILE, "could not open file \"" + name + "\" for reading: No such file or directory")
                    .hint("COPY FROM instructs the PostgreSQL server process to read a file. You may want a client-side"
                            + " facility such as psql's \\copy.");
        }
    }

    private List<String> tableColumns(Statement.Copy copy) {
        try (EnginePrepared p = backend.engine.prepare(engineStatement("select * from " + copy.table()), new int[0])) {
            List<String> names = new ArrayList<>();
            p.columns().forEach(c -> names.add(c.name()));
            return names;
        }
    }
}
