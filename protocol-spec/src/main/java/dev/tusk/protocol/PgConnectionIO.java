package dev.tusk.protocol;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Message framing over a byte stream, for either end of a connection; cf. libpq/pqcomm.c
 * (pq_getbyte, pq_getmessage, pq_flush). Reading checks the type byte and the length against the
 * type's cap before a byte of the body is read, and grows the body buffer only as bytes actually
 * arrive, so a length field alone never makes it allocate. Writing goes through one {@link PgWriter}
 * whose content is only ever whole messages, flushed together.
 *
 * <p>Not thread-safe: one connection, one thread doing its I/O at a time.
 */
public final class PgConnectionIO {
    /** A startup packet longer than this is refused, as MAX_STARTUP_PACKET_LENGTH in PostgreSQL. */
    public static final int MAX_STARTUP_PACKET_LENGTH = 10_000;
    private static final int FLUSH_THRESHOLD = 64 * 1024;
    private static final int GROW_STEP = 64 * 1024;

    private final InputStream in;
    private final OutputStream out;
    private final PgWriter writer = new PgWriter();
    private final int largeLimit;
    private byte[] body = new byte[8192];
    private int bodyLength;

    public PgConnectionIO(InputStream in, OutputStream out) {
        this(in, out, LengthCap.DEFAULT_LARGE_LIMIT);
    }

    /** largeLimit caps the body of messages with {@link LengthCap#LARGE}. */
    public PgConnectionIO(InputStream in, OutputStream out, int largeLimit) {
        this.in = in;
        this.out = out;
        this.largeLimit = largeLimit;
    }

    /** Where outgoing messages are built; they go out at the next {@link #flush()}. */
    public PgWriter writer() {
        return writer;
    }

    public void flush() throws IOException {
        writer.writeTo(out);
        out.flush();
    }

    /** Flushes if enough has been buffered that holding more would only cost memory. */
    public void flushIfFull() throws IOException {
        if (writer.size() >= FLUSH_THRESHOLD) {
            writer.writeTo(out);
        }
    }

    /**
     * Reads a startup-phase packet (no type byte) and returns its body, or null if the peer closed
     * the connection before sending anything.
     */
    public PgReader readStartupPacket() throws IOException {
        int first = in.read();
        if (first < 0) {
            return null;
        }
        int len = (first << 24) | readInt24();
        if (len < 8 || len > MAX_STARTUP_PACKET_LENGTH) {
            throw new ProtocolException("invalid length of startup packet");
        }
        readBody(len - 4);
        return body();
    }

    /** Reads the next frontend message's type and body; null at a clean end of stream. */
    public FrontendMessage readFrontend() throws IOException {
        int t = in.read();
        if (t < 0) {
            return null;
        }
        FrontendMessage type = FrontendMessage.of((byte) t);
        if (type == null) {
            throw new ProtocolException("invalid frontend message type " + t);
        }
        readBody(readLength(type.cap()));
        return type;
    }

    /** Reads the next backend message's type and body; null at a clean end of stream. */
    public BackendMessage readBackend() throws IOException {
        int t = in.read();
        if (t < 0) {
            return null;
        }
        BackendMessage type = BackendMessage.of((byte) t);
        if (type == null) {
            throw new ProtocolException("invalid backend message type " + t);
        }
        readBody(readLength(type.cap()));
        return type;
    }

    /** A reader over the body of the message read last. */
    public PgReader body() {
        return new PgReader(body, 0, bodyLength);
    }

    /** Reads one byte outside any message (the answer to SSLRequest / GSSENCRequest). */
    public int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("connection closed");
        }
        return b;
    }

    private int readLength(LengthCap cap) throws IOException {
        int len = readInt32();
        if (len < 4 || len - 4 > cap.limit(largeLimit)) {
            throw new ProtocolException("invalid message length");
        }
        return len - 4;
    }

    private void readBody(int n) throws IOException {
        if (body.length < n && body.length < GROW_STEP) {
            body = new byte[Math.min(n, GROW_STEP)];
        }
        int got = 0;
        while (got < n) {
            if (got == body.length) {
                // Grow only once the bytes already promised have really arrived.
                body = Arrays.copyOf(body, (int) Math.min(n, (long) body.length * 2));
            }
            int r = in.read(body, got, Math.min(n, body.length) - got);
            if (r < 0) {
                throw new EOFException("connection closed in the middle of a message");
            }
            got += r;
        }
        bodyLength = n;
    }

    private int readInt32() throws IOException {
        return (readByte() << 24) | readInt24();
    }

    private int readInt24() throws IOException {
        return (readByte() << 16) | (readByte() << 8) | readByte();
    }
}
