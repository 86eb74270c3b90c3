package dev.tusk.driver;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Consumer;

/**
 * What a Tusk connection offers beyond java.sql.Connection; reach it with
 * {@code connection.unwrap(TuskConnection.class)} (works through connection pools that support unwrap).
 */
public interface TuskConnection extends Connection {
    /** The server process (backend) id serving this connection, as pg_backend_pid() returns. */
    int getBackendPid();

    /** Asks the server to cancel whatever this connection is running (CancelRequest on a new socket). */
    void cancelQuery() throws SQLException;

    /** Runs COPY ... FROM STDIN, streaming the data from in; returns the rows copied. */
    long copyIn(String sql, InputStream in) throws SQLException;

    /** copyIn with the data as characters (sent as UTF-8). */
    long copyIn(String sql, Reader in) throws SQLException;

    /** Runs COPY ... TO STDOUT, streaming the data to out; returns the rows copied. */
    long copyOut(String sql, OutputStream out) throws SQLException;

    /** copyOut with the data as characters (decoded as UTF-8). */
    long copyOut(String sql, Writer out) throws SQLException;

    /**
     * Notifications received so far; if there are none, waits up to timeoutMillis for one to arrive
     * (0 returns at once). Notifications go to listeners instead while any is registered.
     */
    List<TuskNotification> getNotifications(long timeoutMillis) throws SQLException;

    /** Calls listener for every notification as it arrives, while the connection is otherwise idle too. */
    void addNotificationListener(Consumer<TuskNotification> listener);

    void removeNotificationListener(Consumer<TuskNotification> listener);

    /** A run-time parameter the server reported (server_version, TimeZone, ...). */
    String getParameterStatus(String name);
}
