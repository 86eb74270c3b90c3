package dev.tusk.protocol;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds outgoing messages in a growable buffer, cf. libpq/pqformat.c (pq_beginmessage, pq_send*,
 * pq_endmessage). {@link #begin} writes the type byte and reserves the length word; {@link #end}
 * fills the length in, so no code ever counts a length by hand. The buffer holds only whole
 * messages between begin/end pairs, which is what lets {@link PgConnectionIO} flush without ever
 * sending half a message.
 *
 * <p>Not thread-safe: owned by one connection, used by the thread doing that connection's I/O.
 */
public final class PgWriter {
    private byte[] buf;
    private int pos;
    private int start = -1;
    private boolean typed;

    public PgWriter() {
        this(8192);
    }

    public PgWriter(int initialCapacity) {
        buf = new byte[Math.max(64, initialCapacity)];
    }

    public PgWriter begin(BackendMessage type) {
        return beginTyped(type.type());
    }

    public PgWriter begin(FrontendMessage type) {
        return beginTyped(type.type());
    }

    private PgWriter beginTyped(byte type) {
        checkNotOpen();
        ensure(5);
        buf[pos++] = type;
        typed = true;
        start = pos;
        pos += 4;
        return this;
    }

    /** Starts a startup-phase packet, which has a length word but no type byte. */
    public PgWriter beginUntyped() {
        checkNotOpen();
        ensure(4);
        typed = false;
        start = pos;
        pos += 4;
        return this;
    }

    /** Closes the message begun last, writing its length word (which counts itself, not the type). */
    public PgWriter end() {
        if (start < 0) {
            throw new IllegalStateException("end() without begin()");
        }
        int len = pos - start;
        buf[start] = (byte) (len >>> 24);
        buf[start + 1] = (byte) (len >>> 16);
        buf[start + 2] = (byte) (len >>> 8);
        buf[start + 3] = (byte) len;
        start = -1;
        return this;
    }

    private void checkNotOpen() {
        if (start >= 0) {
            throw new IllegalStateException("begin() inside an unfinished message");
        }
    }

    public PgWriter int8(int v) {
        ensure(1);
        buf[pos++] = (byte) v;
        return this;
    }

    public PgWriter int16(int v) {
        ensure(2);
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
        return this;
    }

    public PgWriter int32(int v) {
        ensure(4);
        buf[pos++] = (byte) (v >>> 24);
        buf[pos++] = (byte) (v >>> 16);
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
        return this;
    }

    public PgWriter int64(long v) {
        int32((int) (v >>> 32));
        return int32((int) v);
    }

    public PgWriter bytes(byte[] b) {
        return bytes(b, 0, b.length);
    }

    public PgWriter bytes(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, pos, len);
        pos += len;
        return this;
    }

    /** A NUL-terminated UTF-8 string, as pq_sendstring. */
    public PgWriter cstring(String s) {
        utf8(s);
        return int8(0);
    }

    /** UTF-8 bytes of s with no terminator; ASCII takes a fast path that allocates nothing. */
    public PgWriter utf8(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                return bytes(s.substring(i).getBytes(StandardCharsets.UTF_8));
            }
            buf[pos++] = (byte) c;
        }
        return this;
    }

    /** A value prefixed by its int32 length, -1 for SQL NULL (DataRow, Bind, FunctionCall). */
    public PgWriter lengthPrefixed(byte[] value) {
        if (value == null) {
            return int32(-1);
        }
        int32(value.length);
        return bytes(value);
    }

    /** Bytes written so far (whole messages plus any message still open). */
    public int size() {
        return pos;
    }

    /** A copy of the written bytes. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, pos);
    }

    /** Writes the finished messages to out and empties the buffer. */
    public void writeTo(OutputStream out) throws IOException {
        checkNotOpen();
        out.write(buf, 0, pos);
        pos = 0;
        if (buf.length > 1 << 20) {
            buf = new byte[8192]; // a huge row once should not pin a huge buffer for the session
        }
    }

    /** Drops a message begun but not ended (an error struck while it was being built); whole messages stay. */
    public void discardOpenMessage() {
        if (start >= 0) {
            pos = typed ? start - 1 : start;
            start = -1;
        }
    }

    public void reset() {
        pos = 0;
        start = -1;
    }

    private void ensure(int n) {
        if (pos + n > buf.length) {
            long want = Math.max((long) buf.length * 2, (long) pos + n);
            if (want > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("message buffer over 2 GiB");
            }
            buf = Arrays.copyOf(buf, (int) want);
        }
    }
}
