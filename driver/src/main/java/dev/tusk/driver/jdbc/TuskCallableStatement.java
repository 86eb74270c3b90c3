package dev.tusk.driver.jdbc;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {call f(?)} and {? = call f(?)}: a function call whose result row holds the OUT values, in
 * registration order ({? = ...}: the function's result is parameter 1).
 */
final class TuskCallableStatement extends UnsupportedCallableStatement {
    private final List<Integer> outParameters = new ArrayList<>();
    private ResultSet outRow;
    private boolean lastWasNull;

    TuskCallableStatement(TuskConnectionImpl conn, String sql, int resultSetType) {
        super(conn, sql, resultSetType, null);
        if (sql.trim().toLowerCase(Locale.ROOT).matches("(?s)\\{\\s*\\?\\s*=.*")) {
            params.offset = 1;
        }
    }

    @Override
    public boolean execute() throws SQLException {
        boolean rows = super.execute();
        outRow = null;
        if (rows && !outParameters.isEmpty()) {
            outRow = getResultSet();
            if (!outRow.next()) {
                throw new SQLException("A CallableStatement was executed with nothing returned.", "02000");
            }
        }
        return rows;
    }

    @Override
    public void registerOutParameter(int index, int sqlType) throws SQLException {
        checkOpen();
        if (!outParameters.contains(index)) {
            outParameters.add(index);
        }
    }

    @Override
    public void registerOutParameter(int index, int sqlType, int scale) throws SQLException {
        registerOutParameter(index, sqlType);
    }

    @Override
    public void registerOutParameter(int index, int sqlType, String typeName) throws SQLException {
        registerOutParameter(index, sqlType);
    }

    private int column(int index) throws SQLException {
        if (outRow == null) {
            throw new SQLException("No function outputs were registered.", "22023");
        }
        int pos = outParameters.indexOf(index);
        if (pos < 0) {
            throw new SQLException("Parameter " + index + " was not registered as an OUT parameter.", "22023");
        }
        return pos + 1;
    }

    private <T> T read(T value) throws SQLException {
        lastWasNull = outRow.wasNull();
        return value;
    }

    @Override
    public boolean wasNull() throws SQLException {
        return lastWasNull;
    }

    @Override
    public String getString(int i) throws SQLException {
        return read(outRow == null ? null : outRow.getString(column(i)));
    }

    @Override
    public int getInt(int i) throws SQLException {
        int c = column(i);
        return read(outRow.getInt(c));
    }

    @Override
    public long getLong(int i) throws SQLException {
        int c = column(i);
        return read(outRow.getLong(c));
    }

    @Override
    public short getShort(int i) throws SQLException {
        int c = column(i);
        return read(outRow.getShort(c));
    }

    @Override
    public double getDouble(int i) throws SQLException {
        int c = column(i);
        return read(outRow.getDouble(c));
    }

    @Override
    public float getFloat(int i) throws SQLException {
        int c = column(i);
        return read(outRow.getFloat(c));
    }

    @Override
    public boolean getBoolean(int i) throws SQLException {
        int c = column(i);
        return read(outRow.getBoolean(c));
    }

    @Override
    public BigDecimal getBigDecimal(int i) throws SQLException {
        int c = column(i);
        return read(outRow.getBigDecimal(c));
    }

    @Override
    public byte[] getBytes(int i) throws SQLException {
        int c = column(i);
        return read(outRow.getBytes(c));
    }

    @Override
    public Date getDate(int i) throws SQLException {
        int c = column(i);
        return read(outRow.getDate(c));
    }

    @Override
    public Time getTime(int i) throws SQLException {
        int c = column(i);
        return read(outRow.getTime(c));
    }

    @Override
    public Timestamp getTimestamp(int i) throws SQLException {
        int c = column(i);
        return read(outRow.getTimestamp(c));
    }

    @Override
    public Object getObject(int i) throws SQLException {
        int c = column(i);
        return read(outRow.getObject(c));
    }

    @Override
    public <T> T getObject(int i, Class<T> type) throws SQLException {
        int c = column(i);
        return read(outRow.getObject(c, type));
    }
}
