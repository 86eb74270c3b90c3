package dev.tusk.server;

import dev.tusk.protocol.BackendMessage;
import dev.tusk.protocol.PgConnectionIO;
import dev.tusk.protocol.message.Messages;
import dev.tusk.protocol.message.PgMessage;
import dev.tusk.protocol.message.async.ErrorResponse;
import dev.tusk.protocol.message.simple.Query;
import dev.tusk.protocol.message.simple.ReadyForQuery;
import dev.tusk.protocol.message.startup.BackendKeyData;
import dev.tusk.protocol.message.startup.StartupMessage;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A minimal frontend over a real socket, built on the shared codec, for tests that need to see the
 * exact messages the server sends (or send ones no client library would).
 */
public final class WireClient implements AutoCloseable {
    public final PgConnectionIO io;
    public final OutputStream rawOut;
    private final AutoCloseable socket;
    public BackendKeyData key;

    private WireClient(java.io.InputStream in, OutputStream out, AutoCloseable socket) {
        this.io = new PgConnectionIO(new BufferedInputStream(in), out);
        this.rawOut = out;
        this.socket = socket;
    }

    /** A connection that has sent nothing yet. */
    public static WireClient raw(int port) throws IOException {
        Socket s = new Socket("127.0.0.1", port);
        s.setSoTimeout(20_000);
        return new WireClient(s.getInputStream(), s.getOutputStream(), s);
    }

    public static WireClient tcp(int port, String user, String database) throws IOException {
        WireClient c = raw(port);
        c.startup(user, database);
        return c;
    }

    public static WireClient unix(Path socketFile, String user, String database) throws IOException {
        SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socketFile));
        WireClient c = new WireClient(Channels.newInputStream(ch), Channels.newOutputStream(ch), ch);
        c.startup(user, database);
        return c;
    }

    /** Sends a StartupMessage and reads up to ReadyForQuery; throws if the server answered with an error. */
    public List<PgMessage> startup(String user, String database) throws IOException {
        new StartupMessage(StartupMessage.PROTOCOL_3_0, Map.of("user", user, "database", database)).encode(io.writer());
        io.flush();
        List<PgMessage> got = untilReady();
        for (PgMessage m : got) {
            if (m instanceof BackendKeyData k) {
                key = k;
            }
            if (m instanceof ErrorResponse e) {
                throw new IOException(e.sqlState() + " " + e.message());
            }
        }
        return got;
    }

    public PgMessage read() throws IOException {
        BackendMessage t = io.readBackend();
        return t == null ? null : Messages.decodeBackend(t, io.body());
    }

    /** Reads messages up to and including ReadyForQuery (or until the server closes). */
    public List<PgMessage> untilReady() throws IOException {
        List<PgMessage> out = new ArrayList<>();
        while (true) {
            PgMessage m = read();
            if (m == null) {
                return out;
            }
            out.add(m);
            if (m instanceof ReadyForQuery) {
                return out;
            }
        }
    }

    public List<PgMessage> query(String sql) throws IOException {
        new Query(sql).encode(io.writer());
        io.flush();
        return untilReady();
    }

    @Override
    public void close() throws Exception {
        socket.close();
    }
}
