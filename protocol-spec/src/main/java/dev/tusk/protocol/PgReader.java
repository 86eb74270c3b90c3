package dev.tusk.protocol;

import java.nio.charset.StandardCharsets;

/**
 * Reads the fields of one message body, cf. libpq/pqformat.c (pq_getmsgint, pq_getmsgstring,
 * pq_getmsgend). Every read is bounds-checked against the body, so a body shorter than its fields
 * claim, or a count that promises more than the body holds, is a {@link ProtocolException} (08P01)
 * rather than an exception from deep inside or an allocation sized by the peer.
 */
public final class PgReader {
    private final byte[] buf;
    private int pos;
    private final int limit;

    public PgReader(byte[] buf) {
        this(buf, 0, buf.length);
    }

    public PgReader(byte[] buf, int offset, int length) {
        this.buf = buf;
        this.pos = offset;
        this.limit = offset + length;
    }

    public int remaining() {
        return limit - pos;
    }

    private void need(int n) {
        if (n < 0 || limit - pos < n) {
            throw new ProtocolException("insufficient data left in message");
        }
    }

    public int int8() {
        need(1);
        return buf[pos++];
    }

    public int int16() {
        need(2);
        int v = (short) (((buf[pos] & 0xff) << 8) | (buf[pos + 1] & 0xff));
        pos += 2;
        return v;
    }

    public int int32() {
        need(4);
        int v = ((buf[pos] & 0xff) << 24) | ((buf[pos + 1] & 0xff) << 16)
                | ((buf[pos + 2] & 0xff) << 8) | (buf[pos + 3] & 0xff);
        pos += 4;
        return v;
    }

    public long int64() {
        long hi = int32();
        return (hi << 32) | (int32() & 0xffffffffL);
    }

    public byte[] bytes(int n) {
        need(n);
        byte[] b = new byte[n];
        System.arraycopy(buf, pos, b, 0, n);
        pos += n;
        return b;
    }

    /** The rest of the body. */
    public byte[] rest() {
        return bytes(remaining());
    }

    /** A NUL-terminated UTF-8 string, as pq_getmsgstring. */
    public String cstring() {
        for (int i = pos; i < limit; i++) {
            if (buf[i] == 0) {
                String s = new String(buf, pos, i - pos, StandardCharsets.UTF_8);
                pos = i + 1;
                return s;
            }
        }
        throw new ProtocolException("invalid string in message");
    }

    /** A value prefixed by its int32 length; null for length -1 (SQL NULL). */
    public byte[] lengthPrefixed() {
        int len = int32();
        if (len == -1) {
            return null;
        }
        if (len < 0) {
            throw new ProtocolException("invalid value length " + len);
        }
        return bytes(len);
    }

    /**
     * A count read from the wire, checked against what the rest of the body could hold when each
     * element takes at least minElementSize bytes, so it can size an array safely.
     */
    public int count16(int minElementSize) {
        int n = int16() & 0xffff;
        if ((long) n * minElementSize > remaining()) {
            throw new ProtocolException("insufficient data left in message");
        }
        return n;
    }

    /** Checks that the body has been read to its end, as pq_getmsgend. */
    public void end() {
        if (pos != limit) {
            throw new ProtocolException("invalid message format");
        }
    }
}
