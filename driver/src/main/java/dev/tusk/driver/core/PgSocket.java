package dev.tusk.driver.core;

import dev.tusk.driver.DriverProperty;
import dev.tusk.driver.TuskUrl.HostSpec;
import java.io.BufferedInputStream;
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
        this.in = new BufferedInputStream(in, 64 * 1024);
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
        InputStream in = new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return len == 0 ? 0 : ch.read(ByteBuffer.wrap(b, off, len));
            }
        };
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
