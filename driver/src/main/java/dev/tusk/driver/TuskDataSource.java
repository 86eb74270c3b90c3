package dev.tusk.driver;

import dev.tusk.driver.jdbc.Wrappers;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A DataSource for containers and pools that configure one by bean properties (serverName,
 * portNumber, databaseName, user, password) or by URL; any driver property can be set with
 * {@link #setProperty}.
 */
public class TuskDataSource implements DataSource {
    private String url;
    private String serverName = "localhost";
    private int portNumber = TuskUrl.DEFAULT_PORT;
    private String databaseName = "";
    private final Properties properties = new Properties();
    private int loginTimeout;
    private PrintWriter logWriter;

    public void setUrl(String url) {
        this.url = url;
    }

    public String getUrl() {
        return url != null ? url : TuskUrl.PREFIX + "//" + serverName + ":" + portNumber + "/" + databaseName;
    }

    public void setServerName(String serverName) {
        this.serverName = serverName;
    }

    public String getServerName() {
        return serverName;
    }

    public void setPortNumber(int portNumber) {
        this.portNumber = portNumber;
    }

    public int getPortNumber() {
        return portNumber;
    }

    public void setDatabaseName(String databaseName) {
        this.databaseName = databaseName;
    }

    public String getDatabaseName() {
        return databaseName;
    }

    public void setUser(String user) {
        setProperty(DriverProperty.USER.propertyName(), user);
    }

    public String getUser() {
        return properties.getProperty(DriverProperty.USER.propertyName());
    }

    public void setPassword(String password) {
        setProperty(DriverProperty.PASSWORD.propertyName(), password);
    }

    /** Any driver property by its URL name (sslmode, prepareThreshold, ...). */
    public void setProperty(String name, String value) {
        if (value == null) {
            properties.remove(name);
        } else {
            properties.setProperty(name, value);
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        return getConnection(null, null);
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        Properties p = new Properties();
        p.putAll(properties);
        if (user != null) {
            p.setProperty(DriverProperty.USER.propertyName(), user);
        }
        if (password != null) {
            p.setProperty(DriverProperty.PASSWORD.propertyName(), password);
        }
        if (loginTimeout > 0 && !p.containsKey(DriverProperty.LOGIN_TIMEOUT.propertyName())) {
            p.setProperty(DriverProperty.LOGIN_TIMEOUT.propertyName(), Integer.toString(loginTimeout));
        }
        return new TuskDriver().connect(getUrl(), p);
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public void setLoginTimeout(int seconds) {
        this.loginTimeout = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeout;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return Logger.getLogger("dev.tusk.driver");
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return Wrappers.unwrap(this, iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
