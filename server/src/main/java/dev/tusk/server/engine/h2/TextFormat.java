package dev.tusk.server.engine.h2;

import dev.tusk.protocol.types.PgTypes;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Engine values in PostgreSQL's text output format (cf. the *out functions in utils/adt): booleans
 * t/f, floats in shortest round-trip form, timestamps with trimmed fractions and the session's zone,
 * bytea as {@code \x} hex, arrays as {@code {a,b}}.
 */
final class TextFormat {
    private static final byte[] TRUE = {'t'};
    private static final byte[] FALSE = {'f'};
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private TextFormat() {
    }

    /** Column col of the current row, formatted for a column of type oid; null for SQL NULL. */
    static byte[] format(ResultSet rs, int col, int oid, ZoneId zone) throws SQLException {
        switch (oid) {
            case PgTypes.INT2: case PgTypes.INT4: {
                int v = rs.getInt(col);
                return rs.wasNull() ? null : ascii(Integer.toString(v));
            }
            case PgTypes.INT8: {
                long v = rs.getLong(col);
                return rs.wasNull() ? null : ascii(Long.toString(v));
            }
            case PgTypes.BOOL: {
                boolean v = rs.getBoolean(col);
                return rs.wasNull() ? null : v ? TRUE : FALSE;
            }
            case PgTypes.TEXT: case PgTypes.VARCHAR: case PgTypes.BPCHAR: case PgTypes.NAME: {
                String s = rs.getString(col);
                return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
            }
            case PgTypes.NUMERIC: {
                Object v = numeric(rs, col);
                return v == null ? null : ascii(v instanceof BigDecimal d ? d.toPlainString() : FloatFormat.float8((Double) v));
            }
            // java.time, not java.sql: the latter switches to the Julian calendar before 1582.
            case PgTypes.DATE: {
                LocalDate d = rs.getObject(col, LocalDate.class);
                return d == null ? null : ascii(date(d));
            }
            case PgTypes.TIMESTAMP: {
                LocalDateTime t = rs.getObject(col, LocalDateTime.class);
                return t == null ? null : ascii(timestamp(t));
            }
            case PgTypes.TIME: {
                LocalTime t = rs.getObject(col, LocalTime.class);
                return t == null ? null : ascii(time(t));
            }
            case PgTypes.INT2VECTOR: case PgTypes.OIDVECTOR: {
                java.sql.Array a = rs.getArray(col);
                if (a == null) {
                    return null;
                }
                StringBuilder sb = new StringBuilder();
                for (Object e : (Object[]) a.getArray()) {
                    sb.append(sb.length() > 0 ? " " : "").append(e);
                }
                return ascii(sb.toString());
            }
            default: {
                // a column of an enum type (the one kind of user type Tusk announces) prints its label
                Object v = dev.tusk.server.catalog.PgOids.isUserObject(oid) ? rs.getString(col) : rs.getObject(col);
                return v == null ? null : text(v, oid, zone).getBytes(StandardCharsets.UTF_8);
            }
        }
    }

    /**
     * A numeric value: a BigDecimal, or a Double for NaN and ±Infinity, which H2 keeps in DECFLOAT
     * (PostgreSQL's unconstrained numeric) but cannot hand out as a BigDecimal.
     */
    static Object numeric(ResultSet rs, int col) throws SQLException {
        try {
            return rs.getBigDecimal(col);
        } catch (SQLException e) {
            String s = rs.getString(col);
            switch (s) {
                case "NaN": return Double.NaN;
                case "Infinity": return Double.POSITIVE_INFINITY;
                case "-Infinity": return Double.NEGATIVE_INFINITY;
                default: throw e;
            }
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A non-null engine value as PostgreSQL text. */
    static String text(Object v, int oid, ZoneId zone) throws SQLException {
        if (v instanceof Boolean b) {
            return b ? "t" : "f";
        }
        if (v instanceof Double d) {
            return FloatFormat.float8(d);
        }
        if (v instanceof Float f) {
            return FloatFormat.float4(f);
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (v instanceof byte[] b) {
            return oid == PgTypes.JSONB || oid == PgTypes.JSON ? JsonbText.format(new String(b, StandardCharsets.UTF_8)) : hex(b);
        }
        if (v instanceof java.sql.Timestamp ts) {
            return timestamp(ts.toLocalDateTime());
        }
        if (v instanceof LocalDateTime ldt) {
            return timestamp(ldt);
        }
        if (v instanceof OffsetDateTime odt) {
            return timestamptz(odt, zone);
        }
        if (v instanceof java.sql.Date d) {
            return date(d.toLocalDate());
        }
        if (v instanceof LocalDate d) {
            return date(d);
        }
        if (v instanceof java.sql.Time t) {
            return time(t.toLocalTime());
        }
        if (v instanceof LocalTime t) {
            return time(t);
        }
        if (v instanceof OffsetTime t) {
            return time(t.toLocalTime()) + offset(t.getOffset());
        }
        if (v instanceof Array a) {
            return array((Object[]) a.getArray(), PgTypesElement.of(oid), zone);
        }
        if (v instanceof Object[] a) {
            return array(a, PgTypesElement.of(oid), zone);
        }
        if (v instanceof org.h2.api.Interval i) {
            return IntervalFormat.format(i);
        }
        return v.toString();
    }

    static String hex(byte[] b) {
        char[] c = new char[2 + b.length * 2];
        c[0] = '\\';
        c[1] = 'x';
        for (int i = 0; i < b.length; i++) {
            c[2 + 2 * i] = HEX[(b[i] >> 4) & 0xf];
            c[3 + 2 * i] = HEX[b[i] & 0xf];
        }
        return new String(c);
    }

    static String date(LocalDate d) {
        if (d.getYear() <= 0) {
            return String.format("%04d-%02d-%02d BC", 1 - d.getYear(), d.getMonthValue(), d.getDayOfMonth());
        }
        return d.toString();
    }

    static String time(LocalTime t) {
        StringBuilder sb = new StringBuilder(15);
        two(sb, t.getHour()).append(':');
        two(sb, t.getMinute()).append(':');
        two(sb, t.getSecond());
        fraction(sb, t.getNano());
        return sb.toString();
    }

    static String timestamp(LocalDateTime t) {
        return date(t.toLocalDate()) + ' ' + time(t.toLocalTime());
    }

    static String timestamptz(OffsetDateTime t, ZoneId zone) {
        OffsetDateTime local = t.atZoneSameInstant(zone).toOffsetDateTime();
        return timestamp(local.toLocalDateTime()) + offset(local.getOffset());
    }

    /** +HH, +HH:MM or +HH:MM:SS, as PostgreSQL prints a zone offset. */
    static String offset(ZoneOffset o) {
        int s = o.getTotalSeconds();
        StringBuilder sb = new StringBuilder(s < 0 ? "-" : "+");
        s = Math.abs(s);
        two(sb, s / 3600);
        if (s % 3600 != 0) {
            two(sb.append(':'), s / 60 % 60);
            if (s % 60 != 0) {
                two(sb.append(':'), s % 60);
            }
        }
        return sb.toString();
    }

    private static StringBuilder two(StringBuilder sb, int v) {
        if (v < 10) {
            sb.append('0');
        }
        return sb.append(v);
    }

    /** Microseconds, trailing zeros dropped, nothing at all for whole seconds. */
    private static void fraction(StringBuilder sb, int nanos) {
        int micros = (nanos + 500) / 1000;
        if (micros == 0) {
            return;
        }
        String f = Integer.toString(1_000_000 + micros).substring(1);
        int end = f.length();
        while (f.charAt(end - 1) == '0') {
            end--;
        }
        sb.append('.').append(f, 0, end);
    }

    /** {a,b,NULL} with elements quoted where PostgreSQL's array_out quotes them. */
    static String array(Object[] elements, int elementOid, ZoneId zone) throws SQLException {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < elements.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            Object e = elements[i];
            if (e == null) {
                sb.append("NULL");
                continue;
            }
            String s = e instanceof Object[] nested ? array(nested, elementOid, zone) : text(e, elementOid, zone);
            if (e instanceof Object[] || !needsQuotes(s)) {
                sb.append(s);
            } else {
                sb.append('"');
                for (int j = 0; j < s.length(); j++) {
                    char c = s.charAt(j);
                    if (c == '"' || c == '\\') {
                        sb.append('\\');
                    }
                    sb.append(c);
                }
                sb.append('"');
            }
        }
        return sb.append('}').toString();
    }

    private static boolean needsQuotes(String s) {
        if (s.isEmpty() || s.equalsIgnoreCase("NULL")) {
            return true;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '{' || c == '}' || c == ',' || c == '"' || c == '\\' || Character.isWhitespace(c)) {
                return true;
            }
        }
        return false;
    }
}
