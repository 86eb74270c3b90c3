package dev.tusk.driver.jdbc;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZonedDateTime;
import java.util.Calendar;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Rows of one result. Forward-only results with a fetch size hold one batch of rows and fetch the
 * next from the open portal when they run out, so a million-row result never sits in memory;
 * otherwise all rows are here and the cursor may move anywhere (scroll-insensitive).
 */
final class TuskResultSet extends ResultSetByLabel {
    private final TuskStatement statement;
    private final Field[] fields;
    private List<byte[][]> rows;
    private String portal;
    private final int fetchSize;
    /** Index into rows; -1 before the first row, rows.size() after the last. */
    private int index = -1;
    /** Rows of earlier batches, so getRow() counts from the start of the result. */
    private int rowsBefore;
    private byte[][] row;
    private boolean wasNull;
    private boolean closed;
    private Map<String, Integer> columnIndex;

    TuskResultSet(TuskStatement statement, Result r, int fetchSize) {
        this.statement = statement;
        this.fields = r.fields;
        this.rows = r.rows;
        this.portal = r.openPortal;
        this.fetchSize = fetchSize;
    }

    static ResultSet empty(TuskStatement statement) {
        Result r = new Result();
        r.fields = new Field[0];
        return new TuskResultSet(statement, r, 0);
    }

    private void checkOpen() throws SQLException {
        if (closed) {
            throw new SQLException("This ResultSet is closed.", "24000");
        }
    }

    @Override
    public boolean next() throws SQLException {
        checkOpen();
        if (index + 1 >= rows.size() && portal != null) {
            fetchMore();
        }
        if (index + 1 < rows.size()) {
            row = rows.get(++index);
            return true;
        }
        index = rows.size();
        row = null;
        return false;
    }

    private void fetchMore() throws SQLException {
        ReentrantLock l = statement.conn.lock();
        l.lock();
        try {
            Result r = statement.conn.executor().fetch(portal, fields, fetchSize);
            rowsBefore += rows.size();
            rows = r.rows;
            index = -1;
            portal = r.openPortal;
        } finally {
            l.unlock();
        }
    }

    @Override
    public void close() throws SQLException {
        if (closed) {
            return;
        }
        closed = true;
        if (portal != null && !statement.conn.isClosed()) {
            ReentrantLock l = statement.conn.lock();
            l.lock();
            try {
                statement.conn.executor().closePortal(portal);
            } finally {
                l.unlock();
            }
            portal = null;
        }
        rows = List.of();
        statement.resultSetClosed();
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    private byte[] value(int column) throws SQLException {
        checkOpen();
        if (row == null) {
            throw new SQLException("ResultSet not positioned properly, perhaps you need to call next.", "24000");
        }
        if (column < 1 || column > fields.length) {
            throw new SQLException("The column index is out of range: " + column + ", number of columns: " + fields.length + ".", "22023");
        }
        byte[] v = row[column - 1];
        wasNull = v == null;
        return v;
    }

    private Field field(int column) {
        return fields[column - 1];
    }

    @Override
    public boolean wasNull() throws SQLException {
        checkOpen();
        return wasNull;
    }

    @Override
    public int findColumn(String label) throws SQLException {
        checkOpen();
        if (columnIndex == null) {
            columnIndex = new HashMap<>();
            for (int i = fields.length - 1; i >= 0; i--) {
                columnIndex.put(fields[i].name().toLowerCase(Locale.ROOT), i + 1);
            }
        }
        Integer i = columnIndex.get(label.toLowerCase(Locale.ROOT));
        if (i == null) {
            throw new SQLException("The column name " + label + " was not found in this ResultSet.", "42703");
        }
        return i;
    }

    @Override
    public String getString(int c) throws SQLException {
        byte[] v = value(c);
        return v == null ? null : Values.text(field(c), v);
    }

    @Override
    public boolean getBoolean(int c) throws SQLException {
        byte[] v = value(c);
        return v != null && Values.asBoolean(field(c), v);
    }

    @Override
    public byte getByte(int c) throws SQLException {
        return (byte) getLong(c);
    }

    @Override
    public short getShort(int c) throws SQLException {
        return (short) getLong(c);
    }

    @Override
    public int getInt(int c) throws SQLException {
        byte[] v = value(c);
        if (v == null) {
            return 0;
        }
        long l = Values.asLong(field(c), v);
        if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
            throw new SQLException("Bad value for type int : " + l, "22003");
        }
        return (int) l;
    }

    @Override
    public long getLong(int c) throws SQLException {
        byte[] v = value(c);
        return v == null ? 0 : Values.asLong(field(c), v);
    }

    @Override
    public float getFloat(int c) throws SQLException {
        return (float) getDouble(c);
    }

    @Override
    public double getDouble(int c) throws SQLException {
        byte[] v = value(c);
        return v == null ? 0 : Values.asDouble(field(c), v);
    }

    @Override
    public BigDecimal getBigDecimal(int c) throws SQLException {
        byte[] v = value(c);
        return v == null ? null : Values.asBigDecimal(field(c), v);
    }

    @Override
    public BigDecimal getBigDecimal(int c, int scale) throws SQLException {
        BigDecimal d = getBigDecimal(c);
        return d == null ? null : d.setScale(scale, RoundingMode.HALF_UP);
    }

    @Override
    public byte[] getBytes(int c) throws SQLException {
        byte[] v = value(c);
        return v == null ? null : Values.bytes(field(c), v);
    }

    @Override
    public Date getDate(int c) throws SQLException {
        byte[] v = value(c);
        return v == null ? null : Values.date(field(c), v);
    }

    @Override
    public Time getTime(int c) throws SQLException {
        byte[] v = value(c);
        return v == null ? null : Time.valueOf(Values.localTime(field(c), v));
    }

    @Override
    public Timestamp getTimestamp(int c) throws SQLException {
        byte[] v = value(c);
        return v == null ? null : Values.timestamp(field(c), v);
    }

    @Override
    public Date getDate(int c, Calendar cal) throws SQLException {
        return getDate(c);
    }

    @Override
    public Time getTime(int c, Calendar cal) throws SQLException {
        return getTime(c);
    }

    @Override
    public Timestamp getTimestamp(int c, Calendar cal) throws SQLException {
        byte[] v = value(c);
        if (v == null) {
            return null;
        }
        if (cal == null || field(c).typeOid() == dev.tusk.protocol.types.PgTypes.TIMESTAMPTZ) {
            return Values.timestamp(field(c), v);
        }
        // A timestamp without zone read as wall-clock time in the calendar's zone.
        return Timestamp.from(Values.localDateTime(field(c), v).atZone(cal.getTimeZone().toZoneId()).toInstant());
    }

    @Override
    public Object getObject(int c) throws SQLException {
        byte[] v = value(c);
        return v == null ? null : Values.object(field(c), v);
    }

    @Override
    public Object getObject(int c, Map<String, Class<?>> map) throws SQLException {
        return getObject(c);
    }

    @Override
    public <T> T getObject(int c, Class<T> type) throws SQLException {
        if (type == null) {
            throw new SQLException("conversion to null type is not supported", "22023");
        }
        byte[] v = value(c);
        if (v == null) {
            return null;
        }
        Field f = field(c);
        Object o;
        if (type == String.class) {
            o = Values.text(f, v);
        } else if (type == Integer.class) {
            o = getInt(c);
        } else if (type == Long.class) {
            o = Values.asLong(f, v);
        } else if (type == Short.class) {
            o = (short) Values.asLong(f, v);
        } else if (type == Double.class) {
            o = Values.asDouble(f, v);
        } else if (type == Float.class) {
            o = (float) Values.asDouble(f, v);
        } else if (type == BigDecimal.class) {
            o = Values.asBigDecimal(f, v);
        } else if (type == java.math.BigInteger.class) {
            o = Values.asBigDecimal(f, v).toBigInteger();
        } else if (type == Boolean.class) {
            o = Values.asBoolean(f, v);
        } else if (type == byte[].class) {
            o = Values.bytes(f, v);
        } else if (type == UUID.class) {
            Object x = Values.object(f, v);
            o = x instanceof UUID ? x : UUID.fromString(x.toString());
        } else if (type == LocalDate.class) {
            o = Values.localDate(f, v);
        } else if (type == LocalTime.class) {
            o = Values.localTime(f, v);
        } else if (type == LocalDateTime.class) {
            o = Values.localDateTime(f, v);
        } else if (type == OffsetDateTime.class) {
            o = Values.offsetDateTime(f, v);
        } else if (type == ZonedDateTime.class) {
            o = Values.offsetDateTime(f, v).toZonedDateTime();
        } else if (type == Instant.class) {
            o = Values.instant(f, v);
        } else if (type == OffsetTime.class) {
            o = Values.offsetTime(f, v);
        } else if (type == Date.class) {
            o = Values.date(f, v);
        } else if (type == Time.class) {
            o = Time.valueOf(Values.localTime(f, v));
        } else if (type == Timestamp.class) {
            o = Values.timestamp(f, v);
        } else if (type == Array.class) {
            o = getArray(c);
        } else {
            o = Values.object(f, v);
        }
        if (!type.isInstance(o)) {
            throw new SQLException("conversion to " + type + " from " + PgTypeInfo.name(f.typeOid()) + " not supported", "22023");
        }
        return type.cast(o);
    }

    @Override
    public Array getArray(int c) throws SQLException {
        byte[] v = value(c);
        if (v == null) {
            return null;
        }
        Field f = field(c);
        return new TuskArray(PgTypeInfo.elementOf(f.typeOid()), f, v);
    }

    @Override
    public InputStream getBinaryStream(int c) throws SQLException {
        byte[] b = getBytes(c);
        return b == null ? null : new ByteArrayInputStream(b);
    }

    @Override
    public InputStream getAsciiStream(int c) throws SQLException {
        String s = getString(c);
        return s == null ? null : new ByteArrayInputStream(s.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public Reader getCharacterStream(int c) throws SQLException {
        String s = getString(c);
        return s == null ? null : new StringReader(s);
    }

    @Override
    public String getNString(int c) throws SQLException {
        return getString(c);
    }

    @Override
    public Reader getNCharacterStream(int c) throws SQLException {
        return getCharacterStream(c);
    }

    // cursor position (scroll-insensitive: all rows are here unless streaming)
    private void checkScrollable() throws SQLException {
        checkOpen();
        if (statement.resultSetType == TYPE_FORWARD_ONLY) {
            throw new SQLException("Operation requires a scrollable ResultSet, but this ResultSet is FORWARD_ONLY.", "24000");
        }
    }

    @Override
    public boolean absolute(int r) throws SQLException {
        checkScrollable();
        int target = r >= 0 ? r - 1 : rows.size() + r;
        if (target < 0) {
            index = -1;
            row = null;
            return false;
        }
        if (target >= rows.size()) {
            index = rows.size();
            row = null;
            return false;
        }
        index = target;
        row = rows.get(index);
        return true;
    }

    @Override
    public boolean relative(int r) throws SQLException {
        checkScrollable();
        int target = index + r;
        if (target < 0) {
            beforeFirst();
            return false;
        }
        return absolute(target + 1);
    }

    @Override
    public boolean previous() throws SQLException {
        checkScrollable();
        if (index - 1 < 0) {
            index = -1;
            row = null;
            return false;
        }
        row = rows.get(--index);
        return true;
    }

    @Override
    public boolean first() throws SQLException {
        return absolute(1);
    }

    @Override
    public boolean last() throws SQLException {
        return absolute(-1);
    }

    @Override
    public void beforeFirst() throws SQLException {
        checkScrollable();
        index = -1;
        row = null;
    }

    @Override
    public void afterLast() throws SQLException {
        checkScrollable();
        index = rows.size();
        row = null;
    }

    @Override
    public boolean isBeforeFirst() throws SQLException {
        checkOpen();
        return index == -1 && rowsBefore == 0 && (!rows.isEmpty() || portal != null);
    }

    @Override
    public boolean isAfterLast() throws SQLException {
        checkOpen();
        return index >= rows.size() && portal == null && rowsBefore + rows.size() > 0;
    }

    @Override
    public boolean isFirst() throws SQLException {
        checkOpen();
        return index == 0 && rowsBefore == 0;
    }

    @Override
    public boolean isLast() throws SQLException {
        checkOpen();
        if (index != rows.size() - 1 || index < 0) {
            return false;
        }
        if (portal != null) {
            return false; // more may come; JDBC allows answering false when unknown cheaply
        }
        return true;
    }

    @Override
    public int getRow() throws SQLException {
        checkOpen();
        return index < 0 || index >= rows.size() ? 0 : rowsBefore + index + 1;
    }

    @Override
    public int getType() throws SQLException {
        checkOpen();
        return statement.resultSetType;
    }

    @Override
    public int getConcurrency() throws SQLException {
        checkOpen();
        return CONCUR_READ_ONLY;
    }

    @Override
    public int getHoldability() {
        return HOLD_CURSORS_OVER_COMMIT;
    }

    @Override
    public int getFetchDirection() {
        return FETCH_FORWARD;
    }

    @Override
    public void setFetchDirection(int direction) throws SQLException {
        checkOpen();
    }

    @Override
    public int getFetchSize() throws SQLException {
        checkOpen();
        return fetchSize;
    }

    @Override
    public void setFetchSize(int rows) throws SQLException {
        checkOpen();
    }

    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        checkOpen();
        return new TuskResultSetMetaData(fields);
    }

    @Override
    public Statement getStatement() throws SQLException {
        checkOpen();
        return statement;
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        checkOpen();
        return null;
    }

    @Override
    public void clearWarnings() throws SQLException {
        checkOpen();
    }

    @Override
    public String getCursorName() throws SQLException {
        checkOpen();
        return portal;
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
