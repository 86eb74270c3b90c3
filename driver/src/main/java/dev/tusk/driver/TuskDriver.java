package dev.tusk.driver;

import dev.tusk.driver.core.ConnectionFactory;
import dev.tusk.driver.jdbc.TuskConnectionImpl;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

/** {@code jdbc:tusk://host[:port][,host2...]/database?prop=value}: Tusk's java.sql.Driver. */
public final class TuskDriver implements Driver {
    public static final int MAJOR_VERSION = 0;
    public static final int MINOR_VERSION = 1;

    static {
        try {
            DriverManager.registerDriver(new TuskDriver());
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        TuskUrl parsed;
        try {
            parsed = TuskUrl.parse(url, info);
        } catch (IllegalArgumentException e) {
            throw new SQLException(e.getMessage(), "08001");
        }
        if (parsed == null) {
            return null; // not ours: DriverManager asks the next driver
        }
        int loginTimeout = DriverProperty.LOGIN_TIMEOUT.getInt(parsed.properties());
        if (loginTimeout <= 0) {
            return new TuskConnectionImpl(ConnectionFactory.open(parsed), parsed);
        }
        return connectWithin(parsed, loginTimeout);
    }

    /** Connects on a helper thread so a server that never answers cannot hang the caller past loginTimeout. */
    private static Connection connectWithin(TuskUrl url, int seconds) throws SQLException {
        ExecutorService ex = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "tusk-connect");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<Connection> f = ex.submit(() -> new TuskConnectionImpl(ConnectionFactory.open(url), url));
            return f.get(seconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new SQLException("Connection attempt timed out.", "08001");
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof SQLException s) {
                throw s;
            }
            throw new SQLException("Connection attempt failed: " + e.getCause(), "08001", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("Interrupted while connecting.", "08001", e);
        } finally {
            ex.shutdownNow();
        }
    }

    @Override
    public boolean acceptsURL(String url) {
        return TuskUrl.accepts(url);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
        TuskUrl parsed = TuskUrl.parse(url, info);
        Properties props = parsed == null ? (info == null ? new Properties() : info) : parsed.properties();
        DriverProperty[] all = DriverProperty.values();
        DriverPropertyInfo[] out = new DriverPropertyInfo[all.length];
        for (int i = 0; i < all.length; i++) {
            out[i] = all[i].info(props);
        }
        return out;
    }

    @Override
    public int getMajorVersion() {
        return MAJOR_VERSION;
    }

    @Override
    public int getMinorVersion() {
        return MINOR_VERSION;
    }

    @Override
    public boolean jdbcCompliant() {
        return false; // PostgreSQL is not fully SQL-92 entry level, so no PostgreSQL driver claims this
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return Logger.getLogger("dev.tusk.driver");
    }
}
