package dev.tusk.server.backend;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The socket's output stream, written under the session's output lock: the backend's own flushes and
 * notifications delivered from other sessions' commits while this one is idle never interleave.
 */
final class LockedOutputStream extends OutputStream {
    private final OutputStream out;
    final ReentrantLock lock = new ReentrantLock();

    LockedOutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
        lock.lock();
        try {
            out.write(b);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        lock.lock();
        try {
            out.write(b, off, len);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void flush() throws IOException {
        lock.lock();
        try {
            out.flush();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
