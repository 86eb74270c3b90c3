package dev.tusk.driver.jdbc;

import dev.tusk.protocol.types.PgBinary;
import dev.tusk.protocol.types.PgTypes;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The bound values of one execution: per parameter its type OID (0 lets the server infer it, which
 * is what strings and date/time values use, so that a string compares with a uuid or jsonb column
 * without the "operator does not exist: uuid = character varying" pgjdbc users know), its format
 * and bytes. Fixed-width numbers go binary: cheaper to encode and exact.
 */
final class Parameters {
    private static final byte[] UNSET = new byte[0];
    int[] oids;
    short[] formats;
    byte[][] values;
    private boolean[] set;
    /** Leading JDBC parameters that are not SQL parameters ({? = call f(?)}: the first is the result). */
    int offset;

    Parameters(int count) {
        oids = new int[count];
        formats = new short[count];
        values = new byte[count][];
        set = new boolean[count];
    }

    int count() {
        return oids.length;
    }

    Parameters copy() {
        Parameters p = new Parameters(0);
        p.oids = oids.clone();
        p.formats = formats.clone();
        p.values = values.clone();
        p.set = set.clone();
        return p;
    }

    /** The parameters of several executions side by side: one multi-row INSERT's (MultiRowInsert). */
    static Parameters concat(java.util.List<Parameters> rows) {
        int width = rows.get(0).count();
        Parameters p = new Parameters(width * rows.size());
        for (int r = 0; r < rows.size(); r++) {
            Parameters row = rows.get(r);
            System.arraycopy(row.oids, 0, p.oids, r * width, width);
            System.arraycopy(row.formats, 0, p.formats, r * width, width);
            System.arraycopy(row.values, 0, p.values, r * width, width);
        }
        Arrays.fill(p.set, true);
        return p;
    }

    void clear() {
        Arrays.fill(set, false);
        Arrays.fill(values, null);
        Arrays.fill(oids, 0);
    }

    void checkAllSet() throws SQLException {
        for (int i = 0; i < set.length; i++) {
            if (!set[i]) {
                throw new SQLException("No value specified for parameter " + (i + 1) + ".", "22023");
            }
        }
    }

    private int check(int jdbcIndex) throws SQLException {
        int index = jdbcIndex - offset;
        if (index < 1 || index > oids.length) {
            throw new SQLException("The column index is out of range: " + index + ", number of columns: " + oids.length + ".",
                    "22023");
        }
        return index;
    }

    void setText(int jdbcIndex, int oid, String text) throws SQLException {
        int index = check(jdbcIndex);
        oids[index - 1] = oid;
        formats[index - 1] = 0;
        values[index - 1] = text == null ? null : text.getBytes(StandardCharsets.UTF_8);
        set[index - 1] = true;
    }

    void setBinary(int jdbcIndex, int oid, byte[] bytes) throws SQLException {
        int index = check(jdbcIndex);
        oids[index - 1] = oid;
        formats[index - 1] = 1;
        values[index - 1] = bytes;
        set[index - 1] = true;
    }

    void setNull(int index, int sqlType) throws SQLException {
        setText(index, oidForSqlType(sqlType), null);
    }

    static int oidForSqlType(int sqlType) {
        switch (sqlType) {
            case Types.INTEGER: return PgTypes.INT4;
            case Types.SMALLINT: case Types.TINYINT: return PgTypes.INT2;
            case Types.BIGINT: return PgTypes.INT8;
            case Types.REAL: return PgTypes.FLOAT4;
            case Types.DOUBLE: case Types.FLOAT: return PgTypes.FLOAT8;
            case Types.NUMERIC: case Types.DECIMAL: return PgTypes.NUMERIC;
            case Types.BOOLEAN: case Types.BIT: return PgTypes.BOOL;
            case Types.BINARY: case Types.VARBINARY: case Types.LONGVARBINARY: case Types.BLOB: return PgTypes.BYTEA;
            case Types.DATE: return PgTypes.DATE;
            default: return 0;
        }
    }

    /** setObject(index, x): the type follows the Java class. */
    void setObject(int index, Object x) throws SQLException {
        if (x == null) {
            setText(index, 0, null);
        } else if (x instanceof String s) {
            setText(index, 0, s);
        } else if (x instanceof Integer || x instanceof Short || x instanceof Byte) {
            setBinary(index, PgTypes.INT4, PgBinary.encode(PgTypes.INT4, x));
        } else if (x instanceof Long l) {
            setBinary(index, PgTypes.INT8, PgBinary.encode(PgTypes.INT8, l));
        } else if (x instanceof Double d) {
            setBinary(index, PgTypes.FLOAT8, PgBinary.encode(PgTypes.FLOAT8, d));
        } else if (x instanceof Float f) {
            setBinary(index, PgTypes.FLOAT4, PgBinary.encode(PgTypes.FLOAT4, f));
        } else if (x instanceof BigDecimal d) {
            setText(index, PgTypes.NUMERIC, d.toPlainString());
        } else if (x instanceof java.math.BigInteger b) {
            setText(index, PgTypes.NUMERIC, b.toString());
        } else if (x instanceof Boolean b) {
            setBinary(index, PgTypes.BOOL, PgBinary.encode(PgTypes.BOOL, b));
        } else if (x instanceof byte[] b) {
            setBinary(index, PgTypes.BYTEA, b);
        } else if (x instanceof UUID u) {
            setBinary(index, PgTypes.UUID, PgBinary.encode(PgTypes.UUID, u));
        } else if (x instanceof OffsetDateTime || x instanceof ZonedDateTime || x instanceof Instant) {
            setText(index, PgTypes.TIMESTAMPTZ, textOf(x));
        } else if (x instanceof Array a) {
            Object[] elements = a instanceof TuskArray t ? t.elements() : (Object[]) a.getArray();
            int elementOid = a instanceof TuskArray t ? t.elementOid() : PgTypeInfo.oidOf(a.getBaseTypeName());
            setText(index, PgTypeInfo.of(elementOid) == null ? 0 : PgTypeInfo.of(elementOid).arrayOid(), TuskArray.toText(elements));
        } else if (x instanceof Object[] arr) {
            setObject(index, new TuskArray(elementOidOf(arr), arr));
        } else if (x instanceof int[] || x instanceof long[] || x instanceof double[]) {
            setObject(index, boxed(x));
        } else if (x instanceof java.util.Date || x instanceof LocalDate || x instanceof LocalDateTime
                || x instanceof LocalTime || x instanceof OffsetTime || x instanceof Character) {
            setText(index, 0, textOf(x));
        } else {
            throw new SQLFeatureNotSupportedException("Can't infer the SQL type to use for an instance of "
                    + x.getClass().getName() + ". Use setObject() with an explicit Types value to specify the type to use.");
        }
    }

    private static Object[] boxed(Object primitiveArray) {
        int n = java.lang.reflect.Array.getLength(primitiveArray);
        Object[] out = new Object[n];
        for (int i = 0; i < n; i++) {
            out[i] = java.lang.reflect.Array.get(primitiveArray, i);
        }
        return out;
    }

    private static int elementOidOf(Object[] arr) {
        Class<?> c = arr.getClass().getComponentType();
        if (c == Integer.class) {
            return PgTypes.INT4;
        } else if (c == Long.class) {
            return PgTypes.INT8;
        } else if (c == Double.class) {
            return PgTypes.FLOAT8;
        } else if (c == Boolean.class) {
            return PgTypes.BOOL;
        } else if (c == UUID.class) {
            return PgTypes.UUID;
        } else if (c == BigDecimal.class) {
            return PgTypes.NUMERIC;
        }
        return PgTypes.TEXT;
    }

    /** setObject(index, x, targetSqlType): the value converted to the type JDBC names. */
    void setObject(int index, Object x, int sqlType) throws SQLException {
        if (x == null) {
            setNull(index, sqlType);
            return;
        }
        switch (sqlType) {
            case Types.OTHER: case Types.JAVA_OBJECT:
                setText(index, x instanceof UUID ? PgTypes.UUID : 0, textOf(x));
                return;
            case Types.VARCHAR: case Types.CHAR: case Types.LONGVARCHAR: case Types.NVARCHAR: case Types.CLOB:
                setText(index, x instanceof String ? 0 : PgTypes.VARCHAR, textOf(x));
                return;
            default:
                int oid = oidForSqlType(sqlType);
                if (oid == 0 || x instanceof byte[]) {
                    setObject(index, x);
                } else if (x instanceof Boolean b && oid != PgTypes.BOOL) {
                    setText(index, oid, b ? "1" : "0");
                } else {
                    setText(index, oid, textOf(x));
                }
        }
    }

    /** A Java value in PostgreSQL's text input syntax. */
    static String textOf(Object x) {
        if (x instanceof Timestamp t) {
            return t.toLocalDateTime().format(Values.TIMESTAMP);
        }
        if (x instanceof java.sql.Date d) {
            return d.toLocalDate().toString();
        }
        if (x instanceof java.sql.Time t) {
            return t.toLocalTime().toString();
        }
        if (x instanceof java.util.Date d) {
            return new Timestamp(d.getTime()).toLocalDateTime().format(Values.TIMESTAMP);
        }
        if (x instanceof LocalDateTime t) {
            return t.format(Values.TIMESTAMP);
        }
        if (x instanceof OffsetDateTime t) {
            return t.toLocalDateTime().format(Values.TIMESTAMP) + t.getOffset().getId().replace("Z", "+00:00");
        }
        if (x instanceof ZonedDateTime z) {
            return textOf(z.toOffsetDateTime());
        }
        if (x instanceof Instant i) {
            return textOf(i.atOffset(java.time.ZoneOffset.UTC));
        }
        if (x instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (x instanceof byte[] b) {
            return "\\x" + HexFormat.of().formatHex(b);
        }
        if (x instanceof Boolean b) {
            return b ? "t" : "f";
        }
        if (x instanceof Double d && (d.isNaN() || d.isInfinite())) {
            return d.isNaN() ? "NaN" : d > 0 ? "Infinity" : "-Infinity";
        }
        return x.toString();
    }
}
