package dev.tusk.driver.jdbc;

import dev.tusk.protocol.types.PgBinary;
import dev.tusk.protocol.types.PgTypes;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Date;
import java.sql.ParameterMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;

/**
 * A PreparedStatement over the extended protocol. Its SQL becomes a named server statement once
 * it has run prepareThreshold times on the connection (the cache is the connection's, so a
 * statement closed and prepared again by a pool keeps its server plan), and a batch is sent as
 * one pipeline.
 */
class TuskPreparedStatement extends UnsupportedPreparedStatement {
    final SqlText text;
    final Parameters params;
    private final List<Parameters> batch = new ArrayList<>();
    private final boolean returnsKeys;
    /** The server statement this ran as last time, so the cache finds it again without building a key. */
    private final ServerStatement[] lastServerStatement = new ServerStatement[1];

    TuskPreparedStatement(TuskConnectionImpl conn, String sql, int resultSetType, String[] keyColumns) {
        super(conn, resultSetType);
        SqlText t = SqlText.of(sql, true);
        boolean dml = t.firstWord.equals("insert") || t.firstWord.equals("update") || t.firstWord.equals("delete");
        this.returnsKeys = keyColumns != null && dml;
        if (returnsKeys && !t.hasReturning()) {
            String cols = keyColumns.length == 0 ? "*" : String.join(", ", quoted(keyColumns));
            t = SqlText.of(sql + " RETURNING " + cols, true);
        }
        this.text = t;
        this.params = new Parameters(t.parameterCount);
    }

    private MultiRowInsert multiRowInsert;
    private boolean multiRowInsertKnown;

    /** The statement's multi-row form, worked out at its first batch (null if it has none). */
    private MultiRowInsert multiRowInsert() {
        if (!multiRowInsertKnown) {
            multiRowInsertKnown = true;
            multiRowInsert = returnsKeys ? null : MultiRowInsert.of(text);
        }
        return multiRowInsert;
    }

    private static List<String> quoted(String[] cols) {
        List<String> out = new ArrayList<>();
        for (String c : cols) {
            out.add(c.startsWith("\"") ? c : Identifiers.quote(c));
        }
        return out;
    }

    @Override
    public ResultSet executeQuery() throws SQLException {
        if (!execute()) {
            throw new SQLException("No results were returned by the query.", "02000");
        }
        return getResultSet();
    }

    @Override
    public int executeUpdate() throws SQLException {
        return (int) executeLargeUpdate();
    }

    @Override
    public long executeLargeUpdate() throws SQLException {
        if (execute()) {
            throw new SQLException("A result was returned when none was expected.", "0100E");
        }
        return getLargeUpdateCount();
    }

    @Override
    public boolean execute() throws SQLException {
        params.checkAllSet();
        boolean portal = resultSetType == ResultSet.TYPE_FORWARD_ONLY && fetchSize > 0 && !returnsKeys;
        Result r = locked(() -> conn.executor().extended(text.sql, params, portal ? fetchSize : 0,
                returnsKeys ? 0 : maxRows, conn.needsBegin(), lastServerStatement));
        if (returnsKeys && r.hasRows()) {
            Result count = new Result();
            count.tag = r.tag;
            setResults(List.of(count));
            generatedKeys = new TuskResultSet(this, r, 0);
            return false;
        }
        setResults(List.of(r));
        return getResultSet() != null;
    }

    @Override
    public void addBatch() throws SQLException {
        checkOpen();
        params.checkAllSet();
        batch.add(params.copy());
    }

    @Override
    public void clearBatch() throws SQLException {
        checkOpen();
        batch.clear();
    }

    @Override
    public long[] executeLargeBatch() throws SQLException {
        checkOpen();
        List<Parameters> sets = new ArrayList<>(batch);
        batch.clear();
        MultiRowInsert insert = sets.size() > 1 && conn.multiRowInserts() ? multiRowInsert() : null;
        if (insert != null) {
            return locked(() -> conn.executor().insertBatch(insert, sets, conn.needsBegin()));
        }
        if (!returnsKeys) {
            return locked(() -> conn.executor().batch(text.sql, sets, conn.needsBegin()));
        }
        Result keys = new Result();
        long[] counts = locked(() -> conn.executor().batch(text.sql, sets, conn.needsBegin(), keys));
        generatedKeys = keys.hasRows() ? new TuskResultSet(this, keys, 0) : null;
        return counts;
    }

    @Override
    public int[] executeBatch() throws SQLException {
        long[] l = executeLargeBatch();
        int[] out = new int[l.length];
        for (int i = 0; i < l.length; i++) {
            out[i] = (int) l[i];
        }
        return out;
    }

    @Override
    public void clearParameters() throws SQLException {
        checkOpen();
        params.clear();
    }

    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        Describer.Description d = locked(() -> Describer.describe(conn.executor(), text.sql, params.oids));
        return d.fields() == null ? null : new TuskResultSetMetaData(d.fields());
    }

    @Override
    public ParameterMetaData getParameterMetaData() throws SQLException {
        Describer.Description d = locked(() -> Describer.describe(conn.executor(), text.sql, params.oids));
        return new TuskParameterMetaData(d.parameterOids());
    }

    // --- setters

    @Override
    public void setNull(int i, int sqlType) throws SQLException {
        params.setNull(i, sqlType);
    }

    @Override
    public void setNull(int i, int sqlType, String typeName) throws SQLException {
        params.setNull(i, sqlType);
    }

    @Override
    public void setBoolean(int i, boolean x) throws SQLException {
        params.setBinary(i, PgTypes.BOOL, PgBinary.encode(PgTypes.BOOL, x));
    }

    @Override
    public void setByte(int i, byte x) throws SQLException {
        setShort(i, x);
    }

    @Override
    public void setShort(int i, short x) throws SQLException {
        params.setBinary(i, PgTypes.INT2, PgBinary.encode(PgTypes.INT2, x));
    }

    @Override
    public void setInt(int i, int x) throws SQLException {
        params.setBinary(i, PgTypes.INT4, PgBinary.encode(PgTypes.INT4, x));
    }

    @Override
    public void setLong(int i, long x) throws SQLException {
        params.setBinary(i, PgTypes.INT8, PgBinary.encode(PgTypes.INT8, x));
    }

    @Override
    public void setFloat(int i, float x) throws SQLException {
        params.setBinary(i, PgTypes.FLOAT4, PgBinary.encode(PgTypes.FLOAT4, x));
    }

    @Override
    public void setDouble(int i, double x) throws SQLException {
        params.setBinary(i, PgTypes.FLOAT8, PgBinary.encode(PgTypes.FLOAT8, x));
    }

    @Override
    public void setBigDecimal(int i, BigDecimal x) throws SQLException {
        params.setText(i, PgTypes.NUMERIC, x == null ? null : x.toPlainString());
    }

    @Override
    public void setString(int i, String x) throws SQLException {
        params.setText(i, 0, x);
    }

    @Override
    public void setNString(int i, String x) throws SQLException {
        setString(i, x);
    }

    @Override
    public void setBytes(int i, byte[] x) throws SQLException {
        params.setBinary(i, PgTypes.BYTEA, x);
    }

    @Override
    public void setDate(int i, Date x) throws SQLException {
        params.setText(i, PgTypes.DATE, x == null ? null : x.toLocalDate().toString());
    }

    @Override
    public void setDate(int i, Date x, Calendar cal) throws SQLException {
        setDate(i, x);
    }

    @Override
    public void setTime(int i, Time x) throws SQLException {
        params.setText(i, 0, x == null ? null : Parameters.textOf(x));
    }

    @Override
    public void setTime(int i, Time x, Calendar cal) throws SQLException {
        setTime(i, x);
    }

    @Override
    public void setTimestamp(int i, Timestamp x) throws SQLException {
        params.setText(i, 0, x == null ? null : Parameters.textOf(x));
    }

    @Override
    public void setTimestamp(int i, Timestamp x, Calendar cal) throws SQLException {
        if (x == null || cal == null) {
            setTimestamp(i, x);
            return;
        }
        // The instant as it reads in the calendar's zone, with that offset, so timestamptz stores the same instant.
        params.setText(i, 0, Parameters.textOf(x.toInstant().atZone(cal.getTimeZone().toZoneId()).toOffsetDateTime()));
    }

    @Override
    public void setObject(int i, Object x) throws SQLException {
        params.setObject(i, x);
    }

    @Override
    public void setObject(int i, Object x, int targetSqlType) throws SQLException {
        params.setObject(i, x, targetSqlType);
    }

    @Override
    public void setObject(int i, Object x, int targetSqlType, int scale) throws SQLException {
        if (x instanceof BigDecimal d && (targetSqlType == java.sql.Types.NUMERIC || targetSqlType == java.sql.Types.DECIMAL)) {
            x = d.setScale(scale, java.math.RoundingMode.HALF_UP);
        }
        params.setObject(i, x, targetSqlType);
    }

    @Override
    public void setArray(int i, Array x) throws SQLException {
        params.setObject(i, x);
    }

    @Override
    public void setBinaryStream(int i, InputStream x) throws SQLException {
        setBytes(i, x == null ? null : readAll(x, -1));
    }

    @Override
    public void setBinaryStream(int i, InputStream x, int length) throws SQLException {
        setBytes(i, x == null ? null : readAll(x, length));
    }

    @Override
    public void setBinaryStream(int i, InputStream x, long length) throws SQLException {
        setBytes(i, x == null ? null : readAll(x, length));
    }

    @Override
    public void setCharacterStream(int i, Reader x) throws SQLException {
        setString(i, x == null ? null : readAll(x, -1));
    }

    @Override
    public void setCharacterStream(int i, Reader x, int length) throws SQLException {
        setString(i, x == null ? null : readAll(x, length));
    }

    @Override
    public void setCharacterStream(int i, Reader x, long length) throws SQLException {
        setString(i, x == null ? null : readAll(x, length));
    }

    @Override
    public void setAsciiStream(int i, InputStream x, int length) throws SQLException {
        setString(i, x == null ? null : new String(readAll(x, length), java.nio.charset.StandardCharsets.US_ASCII));
    }

    private static byte[] readAll(InputStream in, long length) throws SQLException {
        try {
            if (length >= 0) {
                return in.readNBytes((int) length);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new SQLException("Provided InputStream failed: " + e.getMessage(), "22000", e);
        }
    }

    private static String readAll(Reader in, long length) throws SQLException {
        try {
            StringBuilder b = new StringBuilder();
            char[] buf = new char[8192];
            long left = length < 0 ? Long.MAX_VALUE : length;
            for (int n; left > 0 && (n = in.read(buf, 0, (int) Math.min(buf.length, left))) >= 0; left -= n) {
                b.append(buf, 0, n);
            }
            return b.toString();
        } catch (IOException e) {
            throw new SQLException("Provided Reader failed: " + e.getMessage(), "22000", e);
        }
    }

    /** Not for PreparedStatement: JDBC says these throw. */
    @Override
    public boolean execute(String sql) throws SQLException {
        throw new SQLException("Can't use query methods that take a query string on a PreparedStatement.", "42809");
    }

    @Override
    public ResultSet executeQuery(String sql) throws SQLException {
        throw new SQLException("Can't use query methods that take a query string on a PreparedStatement.", "42809");
    }

    @Override
    public int executeUpdate(String sql) throws SQLException {
        throw new SQLException("Can't use query methods that take a query string on a PreparedStatement.", "42809");
    }

    @Override
    public void addBatch(String sql) throws SQLException {
        throw new SQLException("Can't use query methods that take a query string on a PreparedStatement.", "42809");
    }
}
