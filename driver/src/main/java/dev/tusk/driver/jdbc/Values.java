package dev.tusk.driver.jdbc;

import dev.tusk.protocol.types.PgBinary;
import dev.tusk.protocol.types.PgInterval;
import dev.tusk.protocol.types.PgTypes;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Column values (text or binary, as the server sent them) to Java values: the conversions behind
 * every ResultSet getter. Text follows PostgreSQL's output functions with DateStyle ISO, which the
 * driver sets at startup.
 */
final class Values {
    static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss").optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .optionalEnd().toFormatter();
    private static final DateTimeFormatter TIMESTAMPTZ = new DateTimeFormatterBuilder().append(TIMESTAMP)
            .appendPattern("[XXXXX][XXX][X]").toFormatter();
    private static final DateTimeFormatter TIMETZ = new DateTimeFormatterBuilder().appendPattern("HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .appendPattern("[XXXXX][XXX][X]").toFormatter();

    private Values() {
    }

    /** The value's text, as psql would print it. */
    static String text(Field f, byte[] v) {
        if (!f.binary()) {
            return new String(v, StandardCharsets.UTF_8);
        }
        Object o = binary(f, v);
        if (o instanceof byte[] b) {
            return "\\x" + HexFormat.of().formatHex(b);
        }
        if (o instanceof Boolean b) {
            return b ? "t" : "f";
        }
        if (o instanceof LocalDateTime t) {
            return t.format(TIMESTAMP);
        }
        if (o instanceof Instant i) {
            return OffsetDateTime.ofInstant(i, java.util.TimeZone.getDefault().toZoneId()).format(TIMESTAMPTZ);
        }
        if (o instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (o instanceof Double d && (d.isInfinite() || d.isNaN())) {
            return d.isNaN() ? "NaN" : d > 0 ? "Infinity" : "-Infinity";
        }
        return String.valueOf(o);
    }

    private static Object binary(Field f, byte[] v) {
        int oid = f.typeOid();
        if (oid == PgTypes.OID) {
            return Integer.toUnsignedLong((Integer) PgBinary.decode(oid, v));
        }
        return PgBinary.decode(oid, v);
    }

    /** getObject's default mapping (the types pgjdbc returns, but JSON as String and interval as text). */
    static Object object(Field f, byte[] v) throws SQLException {
        int oid = f.typeOid();
        switch (oid) {
            case PgTypes.INT2: case PgTypes.INT4: return (int) asLong(f, v);
            case PgTypes.INT8: case PgTypes.OID: return asLong(f, v);
            case PgTypes.FLOAT4: return (float) asDouble(f, v);
            case PgTypes.FLOAT8: return asDouble(f, v);
            case PgTypes.NUMERIC: {
                String t = text(f, v);
                return t.equals("NaN") ? Double.NaN : new BigDecimal(t);
            }
            case PgTypes.BOOL: return asBoolean(f, v);
            case PgTypes.BYTEA: return bytes(f, v);
            case PgTypes.DATE: return date(f, v);
            case PgTypes.TIME: return Time.valueOf(localTime(f, v));
            case PgTypes.TIMESTAMP: case PgTypes.TIMESTAMPTZ: return timestamp(f, v);
            case PgTypes.UUID: return f.binary() ? PgBinary.decode(oid, v) : UUID.fromString(text(f, v));
            default:
                if (PgTypeInfo.isArray(oid)) {
                    return new TuskArray(PgTypeInfo.elementOf(oid), f, v);
                }
                return text(f, v);
        }
    }

    static long asLong(Field f, byte[] v) throws SQLException {
        if (f.binary()) {
            Object o = binary(f, v);
            if (o instanceof Number n) {
                if (o instanceof BigDecimal d) {
                    return toLong(d.toPlainString());
                }
                if (o instanceof Double || o instanceof Float) {
                    return toLong(o.toString());
                }
                return n.longValue();
            }
            if (o instanceof Boolean b) {
                return b ? 1 : 0;
            }
            return toLong(text(f, v));
        }
        return digits(v) ? parseDigits(v) : toLong(text(f, v));
    }

    /** Whether v is a plain decimal integer of at most 18 digits, which parses without making a String. */
    private static boolean digits(byte[] v) {
        int start = v.length > 0 && v[0] == '-' ? 1 : 0;
        if (v.length - start < 1 || v.length - start > 18) {
            return false;
        }
        for (int i = start; i < v.length; i++) {
            if (v[i] < '0' || v[i] > '9') {
                return false;
            }
        }
        return true;
    }

    private static long parseDigits(byte[] v) {
        boolean negative = v[0] == '-';
        long n = 0;
        for (int i = negative ? 1 : 0; i < v.length; i++) {
            n = n * 10 + (v[i] - '0');
        }
        return negative ? -n : n;
    }

    private static long toLong(String s) throws SQLException {
        String t = s.trim();
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            if (t.equals("t") || t.equals("f")) {
                return t.equals("t") ? 1 : 0;
            }
            try {
                BigDecimal d = new BigDecimal(t);
                return d.setScale(0, java.math.RoundingMode.DOWN).longValueExact();
            } catch (NumberFormatException | ArithmeticException e2) {
                throw bad("long", s);
            }
        }
    }

    static double asDouble(Field f, byte[] v) throws SQLException {
        if (f.binary()) {
            Object o = binary(f, v);
            if (o instanceof Number n) {
                return n.doubleValue();
            }
        }
        String t = text(f, v).trim();
        switch (t) {
            case "NaN": return Double.NaN;
            case "Infinity": return Double.POSITIVE_INFINITY;
            case "-Infinity": return Double.NEGATIVE_INFINITY;
            default:
                try {
                    return Double.parseDouble(t);
                } catch (NumberFormatException e) {
                    throw bad("double", t);
                }
        }
    }

    static BigDecimal asBigDecimal(Field f, byte[] v) throws SQLException {
        if (f.binary()) {
            Object o = binary(f, v);
            if (o instanceof BigDecimal d) {
                return d;
            }
            if (o instanceof Long || o instanceof Integer || o instanceof Short) {
                return BigDecimal.valueOf(((Number) o).longValue());
            }
        }
        String t = text(f, v).trim();
        try {
            return new BigDecimal(t);
        } catch (NumberFormatException e) {
            throw bad("BigDecimal", t);
        }
    }

    static boolean asBoolean(Field f, byte[] v) throws SQLException {
        if (f.binary() && f.typeOid() == PgTypes.BOOL) {
            return v[0] != 0;
        }
        String t = text(f, v).trim().toLowerCase(java.util.Locale.ROOT);
        switch (t) {
            case "t": case "true": case "1": case "yes": case "on": case "y": return true;
            case "f": case "false": case "0": case "no": case "off": case "n": return false;
            default:
                try {
                    return Double.parseDouble(t) == 1;
                } catch (NumberFormatException e) {
                    throw bad("boolean", t);
                }
        }
    }

    static byte[] bytes(Field f, byte[] v) {
        if (f.binary() || f.typeOid() != PgTypes.BYTEA) {
            return v;
        }
        String t = new String(v, StandardCharsets.US_ASCII);
        if (t.startsWith("\\x")) {
            return HexFormat.of().parseHex(t, 2, t.length());
        }
        return escapeBytea(t);
    }

    /** bytea's escape output format (bytea_output = escape): backslash-octal for non-printables. */
    private static byte[] escapeBytea(String t) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(t.length());
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '\\' && i + 1 < t.length() && t.charAt(i + 1) == '\\') {
                out.write('\\');
                i++;
            } else if (c == '\\' && i + 3 < t.length()) {
                out.write(Integer.parseInt(t.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.write(c);
            }
        }
        return out.toByteArray();
    }

    static LocalDate localDate(Field f, byte[] v) throws SQLException {
        if (f.binary() && f.typeOid() == PgTypes.DATE) {
            return (LocalDate) PgBinary.decode(PgTypes.DATE, v);
        }
        if (f.binary() && f.typeOid() == PgTypes.TIMESTAMP) {
            return ((LocalDateTime) PgBinary.decode(PgTypes.TIMESTAMP, v)).toLocalDate();
        }
        String t = text(f, v).trim();
        try {
            return LocalDate.parse(t.length() > 10 && t.charAt(10) == ' ' ? t.substring(0, 10) : t);
        } catch (RuntimeException e) {
            throw bad("date", t);
        }
    }

    static Date date(Field f, byte[] v) throws SQLException {
        if (f.typeOid() == PgTypes.TIMESTAMPTZ) {
            return new Date(timestamp(f, v).getTime());
        }
        return Date.valueOf(localDate(f, v));
    }

    static LocalTime localTime(Field f, byte[] v) throws SQLException {
        if (f.binary() && f.typeOid() == PgTypes.TIME) {
            return (LocalTime) PgBinary.decode(PgTypes.TIME, v);
        }
        String t = text(f, v).trim();
        try {
            if (t.length() > 10 && t.charAt(10) == ' ') {
                return LocalDateTime.parse(t.substring(0, Math.min(t.length(), 26)).replace(' ', 'T')).toLocalTime();
            }
            if (t.equals("24:00:00")) {
                return LocalTime.MAX;
            }
            return OffsetTime.parse(t, TIMETZ).toLocalTime();
        } catch (RuntimeException e) {
            try {
                return LocalTime.parse(t);
            } catch (RuntimeException e2) {
                throw bad("time", t);
            }
        }
    }

    static OffsetTime offsetTime(Field f, byte[] v) throws SQLException {
        String t = text(f, v).trim();
        try {
            return OffsetTime.parse(t, TIMETZ);
        } catch (RuntimeException e) {
            throw bad("OffsetTime", t);
        }
    }

    static LocalDateTime localDateTime(Field f, byte[] v) throws SQLException {
        if (f.binary() && f.typeOid() == PgTypes.TIMESTAMP) {
            return (LocalDateTime) PgBinary.decode(PgTypes.TIMESTAMP, v);
        }
        if (f.typeOid() == PgTypes.TIMESTAMPTZ) {
            return LocalDateTime.ofInstant(instant(f, v), java.util.TimeZone.getDefault().toZoneId());
        }
        if (f.typeOid() == PgTypes.DATE) {
            return localDate(f, v).atStartOfDay();
        }
        String t = text(f, v).trim();
        switch (t) {
            case "infinity": return LocalDateTime.MAX;
            case "-infinity": return LocalDateTime.MIN;
            default:
                try {
                    return LocalDateTime.parse(t, TIMESTAMP);
                } catch (RuntimeException e) {
                    throw bad("timestamp", t);
                }
        }
    }

    static Instant instant(Field f, byte[] v) throws SQLException {
        if (f.binary() && f.typeOid() == PgTypes.TIMESTAMPTZ) {
            return (Instant) PgBinary.decode(PgTypes.TIMESTAMPTZ, v);
        }
        if (f.typeOid() != PgTypes.TIMESTAMPTZ) {
            return localDateTime(f, v).atZone(java.util.TimeZone.getDefault().toZoneId()).toInstant();
        }
        return offsetDateTime(f, v).toInstant();
    }

    static OffsetDateTime offsetDateTime(Field f, byte[] v) throws SQLException {
        if (f.binary() && f.typeOid() == PgTypes.TIMESTAMPTZ) {
            return ((Instant) PgBinary.decode(PgTypes.TIMESTAMPTZ, v)).atOffset(ZoneOffset.UTC);
        }
        if (f.typeOid() != PgTypes.TIMESTAMPTZ) {
            return localDateTime(f, v).atZone(java.util.TimeZone.getDefault().toZoneId()).toOffsetDateTime();
        }
        String t = text(f, v).trim();
        switch (t) {
            case "infinity": return OffsetDateTime.MAX;
            case "-infinity": return OffsetDateTime.MIN;
            default:
                try {
                    return OffsetDateTime.parse(t, TIMESTAMPTZ);
                } catch (RuntimeException e) {
                    throw bad("timestamptz", t);
                }
        }
    }

    static Timestamp timestamp(Field f, byte[] v) throws SQLException {
        if (f.typeOid() == PgTypes.TIMESTAMPTZ) {
            return Timestamp.from(instant(f, v));
        }
        return Timestamp.valueOf(localDateTime(f, v));
    }

    static PgInterval interval(Field f, byte[] v) {
        return (PgInterval) PgBinary.decode(PgTypes.INTERVAL, v);
    }

    private static SQLException bad(String type, String value) {
        return new SQLDataException("Bad value for type " + type + " : " + value, "22003");
    }
}
