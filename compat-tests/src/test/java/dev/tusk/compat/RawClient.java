package dev.tusk.compat;

import dev.tusk.protocol.BackendMessage;
import dev.tusk.protocol.PgConnectionIO;
import dev.tusk.protocol.message.Messages;
import dev.tusk.protocol.message.PgMessage;
import dev.tusk.protocol.message.async.ErrorResponse;
import dev.tusk.protocol.message.extended.Bind;
import dev.tusk.protocol.message.extended.Describe;
import dev.tusk.protocol.message.extended.Execute;
import dev.tusk.protocol.message.extended.Parse;
import dev.tusk.protocol.message.extended.Sync;
import dev.tusk.protocol.message.simple.DataRow;
import dev.tusk.protocol.message.simple.ReadyForQuery;
import dev.tusk.protocol.message.simple.RowDescription;
import dev.tusk.protocol.message.startup.StartupMessage;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A bare frontend on Tusk's codec, for comparing servers byte for byte: runs one statement with
 * results in text or binary format and returns the type OID and raw bytes of the first value.
 */
final class RawClient implements AutoCloseable {
    private final Socket socket;
    private final PgConnectionIO io;

    /** The first column of the first row: its type, its bytes (null for SQL NULL), or the error. */
    record Value(int typeOid, byte[] bytes, String error) {
    }

    RawClient(int port, String user) throws IOException {
        socket = new Socket("127.0.0.1", port);
        io = new PgConnectionIO(new BufferedInputStream(socket.getInputStream()), socket.getOutputStream());
        new StartupMessage(StartupMessage.PROTOCOL_3_0, Map.of("user", user, "database", "postgres", "TimeZone", "UTC"))
                .encode(io.writer());
        io.flush();
        untilReady();
    }

    Value select(String expression, int format) throws IOException {
        new Parse("", "select " + expression, new int[0]).encode(io.writer());
        new Bind("", "", new short[0], new byte[0][], new short[] {(short) format}).encode(io.writer());
        new Describe(Describe.PORTAL, "").encode(io.writer());
        new Execute("", 0).encode(io.writer());
        Sync.INSTANCE.encode(io.writer());
        io.flush();
        int oid = 0;
        byte[] bytes = null;
        String error = null;
        for (PgMessage m : untilReady()) {
            if (m instanceof RowDescription rd) {
                oid = rd.fields().get(0).typeOid();
            } else if (m instanceof DataRow row && bytes == null) {
                bytes = row.values()[0];
            } else if (m instanceof ErrorResponse e) {
                error = e.sqlState() + " " + e.message();
            }
        }
        return new Value(oid, bytes, error);
    }

    private List<PgMessage> untilReady() throws IOException {
        List<PgMessage> out = new ArrayList<>();
        while (true) {
            BackendMessage t = io.readBackend();
            if (t == null) {
                throw new IOException("server closed the connection");
            }
            PgMessage m = Messages.decodeBackend(t, io.body());
            out.add(m);
            if (m instanceof ReadyForQuery) {
                return out;
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
