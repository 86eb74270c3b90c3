package dev.tusk.driver.jdbc;

import dev.tusk.driver.DriverProperty;
import dev.tusk.driver.TuskConnection;
import dev.tusk.driver.TuskNotification;
import dev.tusk.driver.TuskUrl;
import dev.tusk.driver.core.ProtocolConnection;
import dev.tusk.protocol.message.simple.ReadyForQuery;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.sql.Array;
import java.sql.CallableStatement;
import java.sql.ClientInfoStatus;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLWarning;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * A JDBC connection over one {@link ProtocolConnection}. Every call that talks to the server holds
 * the protocol connection's lock for the whole exchange, so a connection may be shared between
 * threads: their statements run one after the other, never interleaved on the wire.
 */
public final class TuskConnectionImpl extends UnsupportedConnection implements TuskConnection {
    private final ProtocolConnection pc;
    private final TuskUrl url;
    private final QueryExecutor executor;
    private final int defaultFetchSize;
    private volatile boolean autoCommit = true;
    private volatile boolean readOnly;
    private volatile int isolation = TRANSACTION_READ_COMMITTED;
    private int savepointCounter;
    private volatile int networkTimeout;

    public TuskConnectionImpl(ProtocolConnection pc, TuskUrl url) throws SQLException {
        this.pc = pc;
        this.url = url;
        Properties p = url.properties();
        this.executor = new QueryExecutor(pc, new StatementCache(DriverProperty.PREPARE_THRESHOLD.getInt(p),
                DriverProperty.PREPARED_STATEMENT_CACHE_QUERIES.getInt(p)), DriverProperty.BINARY_TRANSFER.getBoolean(p));
        this.defaultFetchSize = DriverProperty.DEFAULT_ROW_FETCH_SIZE.getInt(p);
        this.multiRowInserts = DriverProperty.REWRITE_BATCHED_INSERTS.getBoolean(p);
    }

    private final boolean multiRowInserts;

    /** Whether a batch of a plain INSERT ... VALUES travels as multi-row INSERTs (reWriteBatchedInserts). */
    boolean multiRowInserts() {
        return multiRowInserts;
    }

    QueryExecutor executor() {
        return executor;
    }

    ReentrantLock lock() {
        return pc.lock();
    }

    TuskUrl url() {
        return url;
    }

    int defaultFetchSize() {
        return defaultFetchSize;
    }

    /** Whether the next statement must open a transaction first (autocommit off, none open). */
    boolean needsBegin() {
        return !autoCommit && pc.transactionStatus() == ReadyForQuery.IDLE;
    }

    void checkOpen() throws SQLException {
        if (pc.isClosed()) {
            throw new SQLNonTransientConnectionException("This connection has been closed.", "08003");
        }
    }

    /** Runs utility SQL (no results wanted) under the lock. */
    void run(String sql) throws SQLException {
        checkOpen();
        ReentrantLock l = pc.lock();
        l.lock();
        try {
            executor.simple(sql, false);
        } finally {
            l.unlock();
        }
    }

    @Override
    public Statement createStatement() throws SQLException {
        return createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
    }

    @Override
    public Statement createStatement(int type, int concurrency) throws SQLException {
        checkOpen();
        checkConcurrency(concurrency);
        return new TuskStatement(this, type);
    }

    @Override
    public Statement createStatement(int type, int concurrency, int holdability) throws SQLException {
        return createStatement(type, concurrency);
    }

    private static void checkConcurrency(int concurrency) throws SQLException {
        if (concurrency != ResultSet.CONCUR_READ_ONLY) {
            throw new SQLFeatureNotSupportedException("Updatable result sets are not supported.");
        }
    }

    @Override
    public PreparedStatement prepareStatement(String sql) throws SQLException {
        return prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int type, int concurrency) throws SQLException {
        checkOpen();
        checkConcurrency(concurrency);
        return new TuskPreparedStatement(this, sql, type, null);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int type, int concurrency, int holdability) throws SQLException {
        return prepareStatement(sql, type, concurrency);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException {
        checkOpen();
        return new TuskPreparedStatement(this, sql, ResultSet.TYPE_FORWARD_ONLY,
                autoGeneratedKeys == Statement.RETURN_GENERATED_KEYS ? new String[0] : null);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
        throw new SQLFeatureNotSupportedException("Returning autogenerated keys by column index is not supported.");
    }

    @Override
    public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException {
        checkOpen();
        return new TuskPreparedStatement(this, sql, ResultSet.TYPE_FORWARD_ONLY, columnNames == null ? new String[0] : columnNames);
    }

    @Override
    public CallableStatement prepareCall(String sql) throws SQLException {
        return prepareCall(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
    }

    @Override
    public CallableStatement prepareCall(String sql, int type, int concurrency) throws SQLException {
        checkOpen();
        checkConcurrency(concurrency);
        return new TuskCallableStatement(this, sql, type);
    }

    @Override
    public CallableStatement prepareCall(String sql, int type, int concurrency, int holdability) throws SQLException {
        return prepareCall(sql, type, concurrency);
    }

    @Override
    public String nativeSQL(String sql) {
        return SqlText.escapes(sql);
    }

    @Override
    public void setAutoCommit(boolean on) throws SQLException {
        checkOpen();
        if (on == autoCommit) {
            return;
        }
        if (on && pc.transactionStatus() != ReadyForQuery.IDLE) {
            run("COMMIT"); // JDBC: switching autocommit on commits the open transaction
        }
        autoCommit = on;
    }

    @Override
    public boolean getAutoCommit() throws SQLException {
        checkOpen();
        return autoCommit;
    }

    @Override
    public void commit() throws SQLException {
        checkOpen();
        if (autoCommit) {
            throw new SQLException("Cannot commit when autoCommit is enabled.", "25000");
        }
        if (pc.transactionStatus() != ReadyForQuery.IDLE) {
            boolean failed = pc.transactionStatus() == ReadyForQuery.FAILED;
            run("COMMIT");
            if (failed) {
                throw new SQLException("The database returned ROLLBACK, so the transaction cannot be committed.", "25P02");
            }
        }
    }

    @Override
    public void rollback() throws SQLException {
        checkOpen();
        if (autoCommit) {
            throw new SQLException("Cannot rollback when autoCommit is enabled.", "25000");
        }
        if (pc.transactionStatus() != ReadyForQuery.IDLE) {
            run("ROLLBACK");
        }
    }

    @Override
    public Savepoint setSavepoint() throws SQLException {
        return savepoint(new TuskSavepoint(++savepointCounter, null));
    }

    @Override
    public Savepoint setSavepoint(String name) throws SQLException {
        return savepoint(new TuskSavepoint(0, name));
    }

    private Savepoint savepoint(TuskSavepoint sp) throws SQLException {
        checkOpen();
        if (autoCommit) {
            throw new SQLException("Cannot establish a savepoint in auto-commit mode.", "25000");
        }
        ReentrantLock l = pc.lock();
        l.lock();
        try {
            executor.simple("SAVEPOINT " + sp.sqlName(), needsBegin());
        } finally {
            l.unlock();
        }
        return sp;
    }

    @Override
    public void rollback(Savepoint savepoint) throws SQLException {
        run("ROLLBACK TO SAVEPOINT " + ((TuskSavepoint) savepoint).sqlName());
    }

    @Override
    public void releaseSavepoint(Savepoint savepoint) throws SQLException {
        run("RELEASE SAVEPOINT " + ((TuskSavepoint) savepoint).sqlName());
    }

    @Override
    public void setTransactionIsolation(int level) throws SQLException {
        checkOpen();
        String name;
        switch (level) {
            case TRANSACTION_READ_UNCOMMITTED: name = "READ UNCOMMITTED"; break;
            case TRANSACTION_READ_COMMITTED: name = "READ COMMITTED"; break;
            case TRANSACTION_REPEATABLE_READ: name = "REPEATABLE READ"; break;
            case TRANSACTION_SERIALIZABLE: name = "SERIALIZABLE"; break;
            default: throw new SQLException("Transaction isolation level " + level + " not supported.", "0A000");
        }
        if (pc.transactionStatus() != ReadyForQuery.IDLE) {
            throw new SQLException("Cannot change transaction isolation level in the middle of a transaction.", "25001");
        }
        run("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL " + name);
        isolation = level;
    }

    @Override
    public int getTransactionIsolation() throws SQLException {
        checkOpen();
        return isolation;
    }

    @Override
    public void setReadOnly(boolean ro) throws SQLException {
        checkOpen();
        if (ro == readOnly) {
            return;
        }
        if (pc.transactionStatus() != ReadyForQuery.IDLE) {
            throw new SQLException("Cannot change transaction read-only property in the middle of a transaction.", "25001");
        }
        run("SET SESSION CHARACTERISTICS AS TRANSACTION " + (ro ? "READ ONLY" : "READ WRITE"));
        readOnly = ro;
    }

    @Override
    public boolean isReadOnly() throws SQLException {
        checkOpen();
        return readOnly;
    }

    @Override
    public void setSchema(String schema) throws SQLException {
        run("SET search_path TO " + dev.tusk.driver.jdbc.Identifiers.quote(schema));
    }

    @Override
    public String getSchema() throws SQLException {
        try (Statement s = createStatement(); ResultSet rs = s.executeQuery("select current_schema()")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    @Override
    public void setCatalog(String catalog) {
        // PostgreSQL has one database per connection; JDBC says to ignore what cannot be honoured
    }

    @Override
    public String getCatalog() throws SQLException {
        checkOpen();
        return pc.database();
    }

    @Override
    public boolean isValid(int timeoutSeconds) throws SQLException {
        if (timeoutSeconds < 0) {
            throw new SQLException("Invalid timeout (" + timeoutSeconds + "<0).", "22023");
        }
        if (pc.isClosed()) {
            return false;
        }
        ReentrantLock l = pc.lock();
        try {
            if (timeoutSeconds > 0 ? !l.tryLock(timeoutSeconds, java.util.concurrent.TimeUnit.SECONDS) : !tryLockForever(l)) {
                return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        try {
            executor.simple("", false);
            return true;
        } catch (SQLException e) {
            return !pc.isClosed();
        } finally {
            l.unlock();
        }
    }

    private static boolean tryLockForever(ReentrantLock l) {
        l.lock();
        return true;
    }

    @Override
    public void close() {
        pc.close();
    }

    @Override
    public boolean isClosed() {
        return pc.isClosed();
    }

    @Override
    public void abort(Executor ex) throws SQLException {
        if (ex == null) {
            throw new SQLException("Executor is null", "22023");
        }
        ex.execute(pc::abort);
    }

    @Override
    public void setNetworkTimeout(Executor ex, int milliseconds) throws SQLException {
        checkOpen();
        pc.setNetworkTimeout(milliseconds);
        networkTimeout = milliseconds;
    }

    @Override
    public int getNetworkTimeout() throws SQLException {
        checkOpen();
        return networkTimeout;
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        checkOpen();
        return pc.peekWarnings();
    }

    @Override
    public void clearWarnings() throws SQLException {
        checkOpen();
        pc.takeWarnings();
    }

    @Override
    public DatabaseMetaData getMetaData() throws SQLException {
        checkOpen();
        return new TuskDatabaseMetaData(this);
    }

    @Override
    public Array createArrayOf(String typeName, Object[] elements) throws SQLException {
        checkOpen();
        int oid = PgTypeInfo.oidOf(typeName);
        if (oid == 0) {
            throw new SQLException("Unable to find server array type for provided name " + typeName + ".", "42704");
        }
        return new TuskArray(oid, elements);
    }

    @Override
    public Map<String, Class<?>> getTypeMap() {
        return new java.util.HashMap<>();
    }

    @Override
    public void setTypeMap(Map<String, Class<?>> map) {
        // custom type mappings are not supported; an empty map is accepted as "none"
    }

    @Override
    public int getHoldability() {
        return ResultSet.HOLD_CURSORS_OVER_COMMIT;
    }

    @Override
    public void setHoldability(int holdability) {
        // result sets are materialized or closed at commit either way
    }

    @Override
    public void setClientInfo(String name, String value) throws SQLClientInfoException {
        if (!"ApplicationName".equals(name)) {
            throw new SQLClientInfoException("Unknown client info property " + name, Map.of(name, ClientInfoStatus.REASON_UNKNOWN_PROPERTY));
        }
        try {
            run("SET application_name = " + Identifiers.literal(value == null ? "" : value));
        } catch (SQLException e) {
            throw new SQLClientInfoException(e.getMessage(), Map.of(name, ClientInfoStatus.REASON_UNKNOWN), e);
        }
    }

    @Override
    public void setClientInfo(Properties properties) throws SQLClientInfoException {
        String app = properties.getProperty("ApplicationName");
        if (app != null) {
            setClientInfo("ApplicationName", app);
        }
    }

    @Override
    public String getClientInfo(String name) {
        return "ApplicationName".equals(name) ? pc.parameter("application_name") : null;
    }

    @Override
    public Properties getClientInfo() {
        Properties p = new Properties();
        String app = pc.parameter("application_name");
        if (app != null) {
            p.setProperty("ApplicationName", app);
        }
        return p;
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return Wrappers.unwrap(this, iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }

    // --- TuskConnection

    @Override
    public int getBackendPid() {
        return pc.backendPid();
    }

    @Override
    public void cancelQuery() throws SQLException {
        pc.cancel();
    }

    @Override
    public long copyIn(String sql, InputStream in) throws SQLException {
        return new CopyOperation(this).copyIn(sql, in);
    }

    @Override
    public long copyIn(String sql, Reader in) throws SQLException {
        return new CopyOperation(this).copyIn(sql, new ReaderInputStream(in));
    }

    @Override
    public long copyOut(String sql, OutputStream out) throws SQLException {
        return new CopyOperation(this).copyOut(sql, out);
    }

    @Override
    public long copyOut(String sql, Writer out) throws SQLException {
        return new CopyOperation(this).copyOut(sql, new WriterOutputStream(out));
    }

    @Override
    public List<TuskNotification> getNotifications(long timeoutMillis) throws SQLException {
        checkOpen();
        return pc.pollNotifications(timeoutMillis);
    }

    @Override
    public void addNotificationListener(Consumer<TuskNotification> listener) {
        pc.addNotificationListener(listener);
    }

    @Override
    public void removeNotificationListener(Consumer<TuskNotification> listener) {
        pc.removeNotificationListener(listener);
    }

    @Override
    public String getParameterStatus(String name) {
        return pc.parameter(name);
    }

    ProtocolConnection protocol() {
        return pc;
    }
}
