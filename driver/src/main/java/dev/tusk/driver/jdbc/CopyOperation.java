package dev.tusk.driver.jdbc;

import dev.tusk.driver.core.ProtocolConnection;
import dev.tusk.protocol.BackendMessage;
import dev.tusk.protocol.message.copy.CopyData;
import dev.tusk.protocol.message.copy.CopyDone;
import dev.tusk.protocol.message.copy.CopyFail;
import dev.tusk.protocol.message.simple.CommandComplete;
import dev.tusk.protocol.message.simple.Query;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * COPY FROM STDIN / TO STDOUT through the simple protocol, streaming: data goes out in 64 KiB
 * CopyData messages as it is read, and comes in one CopyData at a time, so neither side holds the
 * whole table. An exception from the application's stream becomes CopyFail, so the server rolls the
 * COPY back rather than committing a part of it.
 */
final class CopyOperation {
    private static final int CHUNK = 64 * 1024;
    private final TuskConnectionImpl conn;
    private final ProtocolConnection pc;

    CopyOperation(TuskConnectionImpl conn) {
        this.conn = conn;
        this.pc = conn.protocol();
    }

    long copyIn(String sql, InputStream in) throws SQLException {
        conn.checkOpen();
        ReentrantLock l = pc.lock();
        l.lock();
        try {
            start(sql);
            SQLException error = null;
            BackendMessage t = pc.next();
            if (t == BackendMessage.ERROR_RESPONSE) {
                error = pc.error();
            } else if (t != BackendMessage.COPY_IN_RESPONSE) {
                return finish(null, t, sql);
            } else {
                byte[] buf = new byte[CHUNK];
                try {
                    for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                        if (n > 0) {
                            new CopyData(java.util.Arrays.copyOf(buf, n)).encode(pc.writer());
                            pc.flush();
                        }
                    }
                    new CopyDone().encode(pc.writer());
                } catch (IOException e) {
                    new CopyFail("COPY aborted by the client: " + e.getMessage()).encode(pc.writer());
                }
                pc.flush();
            }
            return finish(error, null, sql);
        } finally {
            l.unlock();
        }
    }

    long copyOut(String sql, OutputStream out) throws SQLException {
        conn.checkOpen();
        ReentrantLock l = pc.lock();
        l.lock();
        try {
            start(sql);
            SQLException error = null;
            IOException writeFailure = null;
            long rows = -1;
            while (true) {
                BackendMessage t = pc.next();
                switch (t) {
                    case COPY_DATA:
                        if (writeFailure == null) {
                            try {
                                var body = pc.body();
                                out.write(body.rest());
                            } catch (IOException e) {
                                writeFailure = e; // keep reading: the protocol must reach ReadyForQuery
                            }
                        }
                        break;
                    case COMMAND_COMPLETE:
                        rows = tagCount(CommandComplete.decode(pc.body()).tag());
                        break;
                    case ERROR_RESPONSE:
                        if (error == null) {
                            error = pc.error();
                        }
                        break;
                    case READY_FOR_QUERY:
                        if (error != null) {
                            throw error;
                        }
                        if (writeFailure != null) {
                            throw new SQLException("could not write COPY data: " + writeFailure.getMessage(), "58030", writeFailure);
                        }
                        try {
                            out.flush();
                        } catch (IOException e) {
                            throw new SQLException("could not write COPY data: " + e.getMessage(), "58030", e);
                        }
                        return rows;
                    default:
                        break;
                }
            }
        } finally {
            l.unlock();
        }
    }

    private void start(String sql) throws SQLException {
        if (conn.needsBegin()) {
            new Query("BEGIN").encode(pc.writer());
            new Query(sql).encode(pc.writer());
            pc.flush();
            pc.readUntilReady();
        } else {
            new Query(sql).encode(pc.writer());
            pc.flush();
        }
    }

    private long finish(SQLException error, BackendMessage first, String sql) throws SQLException {
        long rows = -1;
        BackendMessage t = first;
        while (true) {
            if (t == null) {
                t = pc.next();
            }
            if (t == BackendMessage.COMMAND_COMPLETE) {
                rows = tagCount(CommandComplete.decode(pc.body()).tag());
            } else if (t == BackendMessage.ERROR_RESPONSE && error == null) {
                error = pc.error();
            } else if (t == BackendMessage.READY_FOR_QUERY) {
                if (error != null) {
                    throw error;
                }
                return rows;
            }
            t = null;
        }
    }

    private static long tagCount(String tag) {
        int sp = tag.lastIndexOf(' ');
        try {
            return Long.parseLong(tag.substring(sp + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
