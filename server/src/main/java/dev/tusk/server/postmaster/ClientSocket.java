package dev.tusk.server.postmaster;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;

/** An accepted client connection, TCP or Unix-domain: its streams, its address (null for Unix) and how to close it. */
public record ClientSocket(InputStream in, OutputStream out, InetAddress address, Closeable closer) {

    static ClientSocket of(Socket s) throws IOException {
        s.setTcpNoDelay(true);
        s.setKeepAlive(true);
        return new ClientSocket(new BufferedInputStream(s.getInputStream(), 8192), s.getOutputStream(),
                s.getInetAddress(), s);
    }

    static ClientSocket of(SocketChannel ch) {
        return new ClientSocket(new BufferedInputStream(Channels.newInputStream(ch), 8192), Channels.newOutputStream(ch),
                null, ch);
    }

    /** Whether this is a TCP connection (TLS is offered on TCP only, as PostgreSQL offers it). */
    public boolean isTcp() {
        return closer instanceof Socket;
    }

    /** The same connection after the TLS handshake, reading and writing through it. */
    public ClientSocket withTls(ServerTls tls) throws IOException {
        javax.net.ssl.SSLSocket s = tls.accept((Socket) closer);
        return new ClientSocket(new BufferedInputStream(s.getInputStream(), 8192), s.getOutputStream(), address, s);
    }

    /** Makes the backend's blocked read return end-of-stream, so it notices a termination request. */
    public void shutdownInput() {
        try {
            if (closer instanceof javax.net.ssl.SSLSocket s) {
                s.close(); // TLS has no half-close to give; closing also ends the blocked read
            } else if (closer instanceof Socket s) {
                s.shutdownInput();
            } else if (closer instanceof SocketChannel ch) {
                ch.shutdownInput();
            }
        } catch (IOException e) {
            // already closed
        }
    }

    public void close() {
        try {
            closer.close();
        } catch (IOException e) {
            // already closed by the peer
        }
    }
}
