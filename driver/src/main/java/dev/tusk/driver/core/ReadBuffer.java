package dev.tusk.driver.core;

import java.io.IOException;
import java.io.InputStream;

/**
 * A read buffer without locking: BufferedInputStream takes a lock on every read() call, and the
 * framing reads a message's type and length a byte at a time, so a million-row fetch paid five lock
 * operations per row. One connection's reads are already serialized by its ProtocolConnection lock.
 * Supports mark/reset within the buffer, which is all the idle-input peek needs.
 */
final class ReadBuffer extends InputStream {
    private final InputStream in;
    private final byte[] buf;
    private int pos;
    private int limit;
    private int mark = -1;

    ReadBuffer(InputStream in, int size) {
        this.in = in;
        this.buf = new byte[size];
    }

    private boolean fill() throws IOException {
        if (mark >= 0) {
            // keep the marked bytes: move them to the front, read after them
            int kept = limit - mark;
            System.arraycopy(buf, mark, buf, 0, kept);
            pos -= mark;
            limit = kept;
            mark = 0;
        } else {
            pos = 0;
            limit = 0;
        }
        int n = in.read(buf, limit, buf.length - limit);
        if (n <= 0) {
            return false;
        }
        limit += n;
        return true;
    }

    @Override
    public int read() throws IOException {
        if (pos >= limit && !fill()) {
            return -1;
        }
        return buf[pos++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        int avail = limit - pos;
        if (avail <= 0) {
            if (len >= buf.length && mark < 0) {
                return in.read(b, off, len); // large reads go straight through
            }
            if (!fill()) {
                return -1;
            }
            avail = limit - pos;
        }
        int n = Math.min(avail, len);
        System.arraycopy(buf, pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public int available() throws IOException {
        int avail = limit - pos;
        return avail > 0 ? avail : in.available();
    }

    @Override
    public boolean markSupported() {
        return true;
    }

    @Override
    public void mark(int readLimit) {
        mark = pos;
    }

    @Override
    public void reset() throws IOException {
        if (mark < 0) {
            throw new IOException("reset without mark");
        }
        pos = mark;
        mark = -1;
    }
}
