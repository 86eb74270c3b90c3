package dev.tusk.driver.core;

import dev.tusk.driver.ServerErrorMessage;
import dev.tusk.driver.TuskNotification;
import dev.tusk.driver.TuskSQLException;
import dev.tusk.protocol.BackendMessage;
import dev.tusk.protocol.PgConnectionIO;
import dev.tusk.protocol.PgReader;
import dev.tusk.protocol.PgWriter;
import dev.tusk.protocol.ProtocolException;
import dev.tusk.protocol.message.async.ErrorResponse;
import dev.tusk.protocol.message.async.NoticeResponse;
import dev.tusk.protocol.message.async.NotificationResponse;
import dev.tusk.protocol.message.async.ParameterStatus;
import dev.tusk.protocol.message.simple.ReadyForQuery;
import dev.tusk.protocol.message.simple.Terminate;
import dev.tusk.protocol.message.startup.CancelRequest;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLWarning;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * One authenticated protocol connection (libpq's PGconn): the framed stream, the session state the
 * server reports (ParameterStatus, transaction status, backend key) and the asynchronous messages
 * that may arrive between any two others (notices, notifications, parameter changes), which are
 * taken aside here so that the code running a query only sees the answers to it.
 *
 * <p>Callers hold {@link #lock()} for a whole exchange (send through Sync, read through
 * ReadyForQuery). It is a ReentrantLock, never {@code synchronized}, so a virtual thread blocked in
 * I/O here does not pin its carrier.
 */
public final class ProtocolConnection implements AutoCloseable {
    private final ReentrantLock lock = new ReentrantLock();
    private final PgSocket socket;
    private final PgConnectionIO io;
    private final String database;
    private final String user;
    private final Map<String, String> parameters = new ConcurrentHashMap<>();
    private final BlockingQueue<TuskNotification> notifications = new LinkedBlockingQueue<>();
    private final List<Consumer<TuskNotification>> listeners = new CopyOnWriteArrayList<>();
    private final ServerKey key;
    private volatile byte transactionStatus = ReadyForQuery.IDLE;
    private volatile boolean closed;
    private SQLWarning warnings;

    /** Where to send a CancelRequest for this backend. */
    record ServerKey(PgSocket.Target target, int pid, byte[] secret) {
    }

    ProtocolConnection(PgSocket socket, PgConnectionIO io, String database, String user, ServerKey key,
                       Map<String, String> parameters) {
        this.socket = socket;
        this.io = io;
        this.database = database;
        this.user = user;
        this.key = key;
        this.parameters.putAll(parameters);
    }

    public ReentrantLock lock() {
        return lock;
    }

    public PgWriter writer() {
        return io.writer();
    }

    public String database() {
        return database;
    }

    public String user() {
        return user;
    }

    public int backendPid() {
        return key.pid();
    }

    public String parameter(String name) {
        return parameters.get(name);
    }

    public byte transactionStatus() {
        return transactionStatus;
    }

    public boolean isClosed() {
        return closed;
    }

    public PgSocket socket() {
        return socket;
    }

    /** How long a read may block before the connection is given up (0: forever). */
    public void setNetworkTimeout(int millis) throws SQLException {
        try {
            socket.setSoTimeout(millis);
        } catch (IOException e) {
            throw broken(e);
        }
    }

    public void flush() throws SQLException {
        try {
            io.flush();
        } catch (IOException e) {
            throw broken(e);
        }
    }

    /**
     * The next message that answers the current exchange, its body in {@link #body()}. Notices,
     * notifications and ParameterStatus are handled on the way; ReadyForQuery updates the
     * transaction status and is returned.
     */
    public BackendMessage next() throws SQLException {
        while (true) {
            BackendMessage type = readOne();
            if (!handleAsync(type)) {
                if (type == BackendMessage.READY_FOR_QUERY) {
                    transactionStatus = ReadyForQuery.decode(io.body()).status();
                }
                return type;
            }
        }
    }

    private BackendMessage readOne() throws SQLException {
        if (closed) {
            throw new SQLNonTransientConnectionException("This connection has been closed.", "08003");
        }
        try {
            BackendMessage type = io.readBackend();
            if (type == null) {
                throw broken(new IOException("the server closed the connection unexpectedly"));
            }
            return type;
        } catch (ProtocolException e) {
            throw broken(new IOException("protocol error: " + e.getMessage(), e));
        } catch (IOException e) {
            throw broken(e);
        }
    }

    public PgReader body() {
        return io.body();
    }

    /** The ErrorResponse just read by {@link #next()}, as an exception to throw. */
    public SQLException error() {
        ErrorResponse e = ErrorResponse.decode(io.body());
        SQLException ex = TuskSQLException.of(new ServerErrorMessage(e.fields()));
        if ("FATAL".equals(e.fields().get('V')) || "PANIC".equals(e.fields().get('V'))) {
            close(); // PostgreSQL ends the session after a FATAL error
        }
        return ex;
    }

    /** Reads through the next ReadyForQuery, throwing the first error seen on the way. */
    public void readUntilReady() throws SQLException {
        SQLException first = null;
        while (true) {
            BackendMessage t = next();
            if (t == BackendMessage.ERROR_RESPONSE && first == null) {
                first = error();
            } else if (t == BackendMessage.READY_FOR_QUERY) {
                if (first != null) {
                    throw first;
                }
                return;
            }
        }
    }

    private boolean handleAsync(BackendMessage type) {
        switch (type) {
            case NOTICE_RESPONSE: {
                NoticeResponse n = NoticeResponse.decode(io.body());
                ServerErrorMessage m = new ServerErrorMessage(n.fields());
                SQLWarning w = new SQLWarning(m.toString(), m.sqlState());
                synchronized (this) {
                    if (warnings == null) {
                        warnings = w;
                    } else {
                        warnings.setNextWarning(w);
                    }
                }
                return true;
            }
            case NOTIFICATION_RESPONSE: {
                NotificationResponse n = NotificationResponse.decode(io.body());
                TuskNotification tn = new TuskNotification(n.processId(), n.channel(), n.payload());
                if (listeners.isEmpty()) {
                    notifications.add(tn);
                } else {
                    for (Consumer<TuskNotification> l : listeners) {
                        try {
                            l.accept(tn);
                        } catch (RuntimeException ignored) {
                            // a listener's failure must not break the connection it listens on
                        }
                    }
                }
                return true;
            }
            case PARAMETER_STATUS: {
                ParameterStatus p = ParameterStatus.decode(io.body());
                parameters.put(p.name(), p.value());
                return true;
            }
            default:
                return false;
        }
    }

    /** Warnings (NoticeResponse) received since the last call, or null. */
    public synchronized SQLWarning takeWarnings() {
        SQLWarning w = warnings;
        warnings = null;
        return w;
    }

    public synchronized SQLWarning peekWarnings() {
        return warnings;
    }

    /** Notifications received so far; waits up to timeoutMillis for one if none is queued (0: no wait). */
    public java.util.List<TuskNotification> pollNotifications(long timeoutMillis) throws SQLException {
        List<TuskNotification> out = new java.util.ArrayList<>();
        drainIdle();
        notifications.drainTo(out);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (out.isEmpty() && timeoutMillis > 0 && System.nanoTime() < deadline && !closed) {
            waitForIdleInput(Math.min(50, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()) + 1));
            notifications.drainTo(out);
        }
        return out;
    }

    public void addNotificationListener(Consumer<TuskNotification> listener) {
        listeners.add(listener);
        NotificationWatcher.watch(this);
    }

    public void removeNotificationListener(Consumer<TuskNotification> listener) {
        listeners.remove(listener);
    }

    boolean hasListeners() {
        return !listeners.isEmpty();
    }

    /**
     * Reads whatever asynchronous messages have arrived while no exchange is running. Only takes
     * the lock if it is free, so it never delays a query.
     */
    void drainIdle() throws SQLException {
        if (closed || !lock.tryLock()) {
            return;
        }
        try {
            // Only whole messages that have begun to arrive: an idle connection gets nothing else.
            while (!closed && socket.available() > 0) {
                BackendMessage t = readOne();
                if (t == BackendMessage.ERROR_RESPONSE) {
                    throw error(); // e.g. FATAL on server shutdown
                }
                handleAsync(t);
            }
        } catch (IOException e) {
            throw broken(e);
        } finally {
            lock.unlock();
        }
    }

    /** Waits up to millis for an asynchronous message on an idle connection. */
    private void waitForIdleInput(long millis) throws SQLException {
        if (closed || !lock.tryLock()) {
            sleep(millis);
            return;
        }
        boolean pause = false;
        try {
            if (socket.available() > 0) {
                drainIdle();
                return;
            }
            if (socket.isUnix()) {
                pause = true; // no read timeout on a Unix channel: look again after a pause, lock released
                return;
            }
            int old = socket.getSoTimeout();
            socket.setSoTimeout((int) Math.max(1, millis));
            try {
                socket.in().mark(1);
                int b = socket.in().read();
                socket.in().reset();
                if (b < 0) {
                    throw broken(new IOException("the server closed the connection unexpectedly"));
                }
            } catch (IOException e) {
                if (!PgSocket.isTimeout(e)) {
                    throw broken(e);
                }
            } finally {
                socket.setSoTimeout(old);
            }
            drainIdle();
        } catch (IOException e) {
            throw broken(e);
        } finally {
            lock.unlock();
            if (pause) {
                sleep(millis);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(Math.max(1, millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends a CancelRequest for this backend over a new connection, as PQcancel does. */
    public void cancel() throws SQLException {
        try (PgSocket s = key.target().open()) {
            PgWriter w = new PgWriter();
            new CancelRequest(key.pid(), key.secret()).encode(w);
            w.writeTo(s.out());
            s.out().flush();
            s.in().read(); // the server closes the connection once it has read the request
        } catch (IOException e) {
            throw new SQLException("could not send cancel request: " + e.getMessage(), "08006", e);
        }
    }

    /** Marks the connection unusable after an I/O failure and returns the exception to throw. */
    public SQLException broken(IOException e) {
        close0();
        if (e instanceof java.net.SocketTimeoutException) {
            return new SQLNonTransientConnectionException("socket read timed out; the connection was closed", "08006", e);
        }
        return new SQLNonTransientConnectionException("An I/O error occurred while sending to the backend: "
                + e.getMessage(), "08006", e);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (lock.tryLock()) {
            try {
                new Terminate().encode(io.writer());
                io.flush();
            } catch (IOException | RuntimeException ignored) {
                // the server goes away either way
            } finally {
                lock.unlock();
            }
        }
        close0();
    }

    /** Closes the socket without taking the lock: the way to abort a connection stuck in I/O. */
    public void abort() {
        close0();
    }

    private void close0() {
        closed = true;
        socket.close();
        NotificationWatcher.forget(this);
    }
}
