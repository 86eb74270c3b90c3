package dev.tusk.driver;

import java.sql.DriverPropertyInfo;
import java.util.Properties;

/**
 * Every connection property the driver reads, with pgjdbc's name and meaning where pgjdbc has one,
 * so that a pgjdbc URL's options carry over unchanged.
 */
public enum DriverProperty {
    USER("user", null, "Database role to connect as"),
    PASSWORD("password", null, "Password for password, md5 and SCRAM authentication"),
    SSL("ssl", null, "true is sslmode=require (pgjdbc's older switch)"),
    SSLMODE("sslmode", "prefer", "disable, allow, prefer, require, verify-ca or verify-full",
            "disable", "allow", "prefer", "require", "verify-ca", "verify-full"),
    SSLROOTCERT("sslrootcert", null, "PEM file of the certificate authorities trusted for verify-ca/verify-full"),
    SSLCERT("sslcert", null, "PEM file of the client certificate"),
    SSLKEY("sslkey", null, "PEM file (PKCS#8) of the client certificate's private key"),
    CHANNEL_BINDING("channelBinding", "prefer", "SCRAM channel binding: disable, prefer or require",
            "disable", "prefer", "require"),
    APPLICATION_NAME("ApplicationName", "Tusk JDBC Driver", "application_name reported to the server"),
    CURRENT_SCHEMA("currentSchema", null, "search_path set at connect"),
    OPTIONS("options", null, "Command-line options passed to the server (-c name=value ...)"),
    CONNECT_TIMEOUT("connectTimeout", "10", "Seconds to wait for the TCP connection; 0 waits forever"),
    LOGIN_TIMEOUT("loginTimeout", "0", "Seconds the whole connect (TCP, TLS, authentication) may take; 0 is no limit"),
    SOCKET_TIMEOUT("socketTimeout", "0", "Seconds a read may block before the connection is closed; 0 is no limit"),
    TCP_KEEP_ALIVE("tcpKeepAlive", "false", "Enable TCP keep-alive probes", "true", "false"),
    TARGET_SERVER_TYPE("targetServerType", "any", "any, primary, secondary or preferSecondary",
            "any", "primary", "master", "secondary", "preferSecondary", "preferPrimary"),
    LOAD_BALANCE_HOSTS("loadBalanceHosts", "false", "Try the hosts in random order", "true", "false"),
    PREPARE_THRESHOLD("prepareThreshold", "5",
            "Executions of a statement before it becomes a named server statement; 0 never names statements (poolers)"),
    PREPARED_STATEMENT_CACHE_QUERIES("preparedStatementCacheQueries", "256", "Named server statements kept per connection"),
    DEFAULT_ROW_FETCH_SIZE("defaultRowFetchSize", "0", "Rows fetched per round trip by default; 0 fetches all at once"),
    BINARY_TRANSFER("binaryTransfer", "true", "Receive results of named statements in binary where the type allows",
            "true", "false"),
    REWRITE_BATCHED_INSERTS("reWriteBatchedInserts", "true",
            "Send a batch of a plain INSERT ... VALUES (...) as multi-row INSERTs of 128 rows (each row's count stays 1);"
            + " false sends one pipelined execution per row", "true", "false"),
    PROTOCOL_VERSION("protocolVersion", "3.0", "Protocol version to ask for: 3.0 or 3.2", "3.0", "3.2"),
    SOCKET_DIRECTORY("unixSocketDirectory", null,
            "Connect through the Unix-domain socket in this directory instead of TCP (the host is then ignored)");

    private final String name;
    private final String defaultValue;
    private final String description;
    private final String[] choices;

    DriverProperty(String name, String defaultValue, String description, String... choices) {
        this.name = name;
        this.defaultValue = defaultValue;
        this.description = description;
        this.choices = choices.length == 0 ? null : choices;
    }

    public String propertyName() {
        return name;
    }

    public String defaultValue() {
        return defaultValue;
    }

    /** The value in props, or the default. */
    public String get(Properties props) {
        String v = props.getProperty(name);
        return v != null ? v : defaultValue;
    }

    public int getInt(Properties props) {
        String v = get(props);
        try {
            return v == null ? 0 : Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid value for " + name + ": " + v);
        }
    }

    public boolean getBoolean(Properties props) {
        return Boolean.parseBoolean(get(props));
    }

    DriverPropertyInfo info(Properties props) {
        DriverPropertyInfo info = new DriverPropertyInfo(name, get(props));
        info.description = description;
        info.choices = choices;
        info.required = false;
        return info;
    }
}
