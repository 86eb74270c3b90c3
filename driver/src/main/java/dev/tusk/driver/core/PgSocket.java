package dev.tusk.driver.core;

import dev.tusk.driver.DriverProperty;
import dev.tusk.driver.TuskUrl.HostSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Properties;
import javax.net.ssl.SSLSocket;

/**
 * The byte stream to one server: a TCP socket (possibly upgraded to TLS after SSLRequest) or a
 * Unix-domain socket. Reads and writes can happen on different threads at once (a pipelined batch
 * writes while its answers are read), which is why the Unix socket gets plain channel streams
 * rather than {@code Channels.newInputStream}, whose reads and writes share one lock.
 */
public final class PgSocket implements AutoCloseable {
    /** How to open a connection to a server: again, for CancelRequest. */
    interface Target {
        PgSocket open() throws IOException;
    }

    private final Socket socket;
    private final SocketChannel channel;
    private final InputStream in;
    private final OutputStream out;
    private final String description;

    private PgSocket(Socket socket, SocketChannel channel, InputStream in, OutputStream out, String description) {
        this.socket = socket;
        this.channel = channel;
        this.in = new ReadBuffer(in, 64 * 1024);
        this.out = out;
        this.description = description;
    }

    static PgSocket tcp(HostSpec host, Properties props) throws IOException {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.setKeepAlive(DriverProperty.TCP_KEEP_ALIVE.getBoolean(props));
            s.connect(new InetSocketAddress(host.host(), host.port()), DriverProperty.CONNECT_TIMEOUT.getInt(props) * 1000);
            s.setSoTimeout(DriverProperty.SOCKET_TIMEOUT.getInt(props) * 1000);
            return new PgSocket(s, null, s.getInputStream(), s.getOutputStream(), host.toString());
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    static PgSocket unix(Path directory, int port) throws IOException {
        Path path = directory.resolve(".s.PGSQL." + port);
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.connect(UnixDomainSocketAddress.of(path));
        } catch (IOException e) {
            ch.close();
            throw new IOException("could not connect to server on socket \"" + path + "\": " + e.getMessage(), e);
        }
        InputStream in = new UnixInputStream(ch);
        OutputStream out = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                ByteBuffer buf = ByteBuffer.wrap(b, off, len);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
            }
        };
        return new PgSocket(null, ch, in, out, path.toString());
    }

    /**
     * Reads from a Unix-domain channel. available() looks without blocking (one byte read in
     * non-blocking mode and kept for the next read), so an idle connection's notifications can be
     * noticed and pushed as over TCP. Callers hold the connection lock, so no read runs meanwhile.
     */
    private static final class UnixInputStream extends InputStream {
        private final SocketChannel ch;
        private int pending = -1;

        UnixInputStream(SocketChannel ch) {
            this.ch = ch;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (pending >= 0) {
                b[off] = (byte) pending;
                pending = -1;
                return 1;
            }
            return ch.read(ByteBuffer.wrap(b, off, len));
        }

        @Override
        public int available() throws IOException {
            if (pending >= 0) {
                return 1;
            }
            ByteBuffer one = ByteBuffer.allocate(1);
            synchronized (ch.blockingLock()) {
                ch.configureBlocking(false);
                try {
                    if (ch.read(one) == 1) {
                        pending = one.get(0) & 0xff;
                        return 1;
                    }
                } finally {
                    ch.configureBlocking(true);
                }
            }
            return 0;
        }
    }

    /** The same connection, now speaking TLS (after the server answered 'S' to SSLRequest). */
    PgSocket upgrade(SSLSocket tls) throws IOException {
        return new PgSocket(tls, null, tls.getInputStream(), tls.getOutputStream(), description);
    }

    Socket socket() {
        return socket;
    }

    boolean isUnix() {
        return channel != null;
    }

    public InputStream in() {
        return in;
    }

    public OutputStream out() {
        return out;
    }

    /** Bytes that can be read without blocking (already buffered or, for TCP, in the socket). */
    int available() throws IOException {
        return in.available();
    }

    void setSoTimeout(int millis) throws IOException {
        if (socket != null) {
            socket.setSoTimeout(millis);
        }
    }

    int getSoTimeout() throws IOException {
        return socket != null ? socket.getSoTimeout() : 0;
    }

    static boolean isTimeout(IOException e) {
        return e instanceof SocketTimeoutException;
    }

    @Override
    public String toString() {
        return description;
    }

    @Override
    public void close() {
        try {
            if (socket != null) {
                socket.close();
            }
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // closing a broken connection: nothing more to do
        }
    }
}
