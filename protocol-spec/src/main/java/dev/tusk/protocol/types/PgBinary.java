package dev.tusk.protocol.types;

import dev.tusk.protocol.ProtocolException;
import dev.tusk.protocol.SqlState;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * PostgreSQL's binary wire formats (the *send/*recv functions of utils/adt) for the scalar types
 * Tusk supports, shared by server and driver: fixed-width big-endian integers and IEEE floats,
 * dates as days and timestamps as microseconds since 2000-01-01, numeric as base-10000 digits.
 * Decoders check the length, so a value of the wrong size is 22P03, not garbage.
 */
public final class PgBinary {
    /** 2000-01-01, PostgreSQL's epoch for dates and timestamps. */
    public static final LocalDate EPOCH = LocalDate.of(2000, 1, 1);
    private static final LocalDateTime EPOCH_TS = EPOCH.atStartOfDay();

    private PgBinary() {
    }

    /** The binary encoding of v for a column of type oid; null if Tusk has no binary format for it. */
    public static byte[] encode(int oid, Object v) {
        switch (oid) {
            case PgTypes.BOOL: return new byte[] {(byte) (((Boolean) v) ? 1 : 0)};
            case PgTypes.INT2: return ByteBuffer.allocate(2).putShort(((Number) v).shortValue()).array();
            case PgTypes.INT4: case PgTypes.OID: return ByteBuffer.allocate(4).putInt(((Number) v).intValue()).array();
            case PgTypes.INT8: return ByteBuffer.allocate(8).putLong(((Number) v).longValue()).array();
            case PgTypes.FLOAT4: return ByteBuffer.allocate(4).putFloat(((Number) v).floatValue()).array();
            case PgTypes.FLOAT8: return ByteBuffer.allocate(8).putDouble(((Number) v).doubleValue()).array();
            case PgTypes.TEXT: case PgTypes.VARCHAR: case PgTypes.BPCHAR: case PgTypes.NAME: case PgTypes.JSON:
                return v.toString().getBytes(StandardCharsets.UTF_8);
            case PgTypes.JSONB: {
                byte[] text = v.toString().getBytes(StandardCharsets.UTF_8);
                byte[] out = new byte[text.length + 1];
                out[0] = 1; // jsonb binary format version
                System.arraycopy(text, 0, out, 1, text.length);
                return out;
            }
            case PgTypes.BYTEA: return (byte[]) v;
            case PgTypes.UUID: {
                UUID u = (UUID) v;
                return ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()).array();
            }
            case PgTypes.DATE:
                return ByteBuffer.allocate(4).putInt((int) ChronoUnit.DAYS.between(EPOCH, (LocalDate) v)).array();
            case PgTypes.TIME:
                return ByteBuffer.allocate(8).putLong(((LocalTime) v).toNanoOfDay() / 1000).array();
            case PgTypes.TIMETZ: {
                // timetz_send: the local time in microseconds, then the zone in seconds west of UTC
                java.time.OffsetTime t = (java.time.OffsetTime) v;
                return ByteBuffer.allocate(12).putLong(t.toLocalTime().toNanoOfDay() / 1000)
                        .putInt(-t.getOffset().getTotalSeconds()).array();
            }
            case PgTypes.TIMESTAMP:
                return ByteBuffer.allocate(8).putLong(micros((LocalDateTime) v)).array();
            case PgTypes.TIMESTAMPTZ:
                return ByteBuffer.allocate(8).putLong(micros((Instant) v)).array();
            case PgTypes.NUMERIC:
                return v instanceof Double d ? numericSpecial(d) : numeric((BigDecimal) v);
            case PgTypes.INTERVAL: {
                PgInterval i = (PgInterval) v;
                return ByteBuffer.allocate(16).putLong(i.micros()).putInt(i.days()).putInt(i.months()).array();
            }
            default:
                return null;
        }
    }

    /**
     * array_send for a one-dimensional array (lower bound 1): dimensions, has-nulls flag, element
     * type, then each element as its length and binary value (-1 for NULL). Null if the element
     * type has no binary format here.
     */
    public static byte[] encodeArray(int elementOid, Object[] elements) {
        if (!supports(elementOid)) {
            return null;
        }
        byte[][] encoded = new byte[elements.length][];
        int size = elements.length == 0 ? 12 : 20;
        boolean hasNull = false;
        for (int i = 0; i < elements.length; i++) {
            if (elements[i] == null) {
                hasNull = true;
                size += 4;
            } else {
                encoded[i] = encode(elementOid, elements[i]);
                size += 4 + encoded[i].length;
            }
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        out.putInt(elements.length == 0 ? 0 : 1).putInt(hasNull ? 1 : 0).putInt(elementOid);
        if (elements.length > 0) {
            out.putInt(elements.length).putInt(1);
        }
        for (byte[] e : encoded) {
            if (e == null) {
                out.putInt(-1);
            } else {
                out.putInt(e.length).put(e);
            }
        }
        return out.array();
    }

    /** Whether {@link #encode} and {@link #decode} handle this type. */
    public static boolean supports(int oid) {
        switch (oid) {
            case PgTypes.BOOL: case PgTypes.INT2: case PgTypes.INT4: case PgTypes.OID: case PgTypes.INT8:
            case PgTypes.FLOAT4: case PgTypes.FLOAT8: case PgTypes.TEXT: case PgTypes.VARCHAR: case PgTypes.BPCHAR:
            case PgTypes.NAME: case PgTypes.JSON: case PgTypes.JSONB: case PgTypes.BYTEA: case PgTypes.UUID:
            case PgTypes.DATE: case PgTypes.TIME: case PgTypes.TIMESTAMP: case PgTypes.TIMESTAMPTZ: case PgTypes.NUMERIC:
            case PgTypes.INTERVAL: case PgTypes.TIMETZ:
                return true;
            default:
                return false;
        }
    }

    /** Decodes a binary value of type oid into its Java value (the types {@link #encode} takes). */
    public static Object decode(int oid, byte[] b) {
        ByteBuffer buf = ByteBuffer.wrap(b);
        switch (oid) {
            case PgTypes.BOOL: size(b, 1); return b[0] != 0;
            case PgTypes.INT2: size(b, 2); return buf.getShort();
            case PgTypes.INT4: case PgTypes.OID: size(b, 4); return buf.getInt();
            case PgTypes.INT8: size(b, 8); return buf.getLong();
            case PgTypes.FLOAT4: size(b, 4); return buf.getFloat();
            case PgTypes.FLOAT8: size(b, 8); return buf.getDouble();
            case PgTypes.TEXT: case PgTypes.VARCHAR: case PgTypes.BPCHAR: case PgTypes.NAME: case PgTypes.JSON:
                return new String(b, StandardCharsets.UTF_8);
            case PgTypes.JSONB:
                if (b.length < 1 || b[0] != 1) {
                    throw new ProtocolException(SqlState.INVALID_BINARY_REPRESENTATION, "unsupported jsonb version number");
                }
                return new String(b, 1, b.length - 1, StandardCharsets.UTF_8);
            case PgTypes.BYTEA: return b;
            case PgTypes.UUID: size(b, 16); return new UUID(buf.getLong(), buf.getLong());
            case PgTypes.DATE: size(b, 4); return EPOCH.plusDays(buf.getInt());
            case PgTypes.TIME: size(b, 8); return LocalTime.ofNanoOfDay(buf.getLong() * 1000);
            case PgTypes.TIMETZ: {
                size(b, 12);
                long micros = buf.getLong();
                int west = buf.getInt();
                if (micros < 0 || micros > 86_400_000_000L || Math.abs(west) > 18 * 3600) {
                    throw new ProtocolException(SqlState.INVALID_BINARY_REPRESENTATION, "time with time zone out of range");
                }
                return java.time.OffsetTime.of(LocalTime.ofNanoOfDay(Math.min(micros * 1000, LocalTime.MAX.toNanoOfDay())),
                        ZoneOffset.ofTotalSeconds(-west));
            }
            case PgTypes.TIMESTAMP: size(b, 8); return EPOCH_TS.plus(buf.getLong(), ChronoUnit.MICROS);
            case PgTypes.TIMESTAMPTZ: size(b, 8); return EPOCH_TS.toInstant(ZoneOffset.UTC).plus(buf.getLong(), ChronoUnit.MICROS);
            case PgTypes.NUMERIC: return numeric(buf);
            case PgTypes.INTERVAL: {
                size(b, 16);
                long micros = buf.getLong();
                int days = buf.getInt();
                return new PgInterval(buf.getInt(), days, micros);
            }
            default:
                throw new ProtocolException(SqlState.FEATURE_NOT_SUPPORTED, "binary format for type " + oid + " is not supported");
        }
    }

    /** array_recv for a one-dimensional array (or an empty one): its elements, nulls included. */
    public static Object[] decodeArray(byte[] b) {
        ByteBuffer buf = ByteBuffer.wrap(b);
        if (b.length < 12) {
            throw new ProtocolException(SqlState.INVALID_BINARY_REPRESENTATION, "insufficient data left in message");
        }
        int ndim = buf.getInt();
        buf.getInt(); // has-nulls flag: the lengths say it anyway
        int elementOid = buf.getInt();
        if (ndim == 0) {
            return new Object[0];
        }
        if (ndim != 1) {
            throw new ProtocolException(SqlState.FEATURE_NOT_SUPPORTED, "multidimensional arrays are not supported");
        }
        if (!supports(elementOid)) {
            throw new ProtocolException(SqlState.FEATURE_NOT_SUPPORTED, "binary input of arrays of type " + elementOid
                    + " is not supported");
        }
        int n = buf.getInt();
        buf.getInt(); // lower bound
        if (n < 0 || (long) n * 4 > buf.remaining()) {
            throw new ProtocolException(SqlState.INVALID_BINARY_REPRESENTATION, "invalid array length " + n);
        }
        Object[] out = new Object[n];
        for (int i = 0; i < n; i++) {
            int len = buf.getInt();
            if (len == -1) {
                continue;
            }
            if (len < 0 || len > buf.remaining()) {
                throw new ProtocolException(SqlState.INVALID_BINARY_REPRESENTATION, "invalid array element length " + len);
            }
            byte[] e = new byte[len];
            buf.get(e);
            out[i] = decode(elementOid, e);
        }
        return out;
    }

    /** The array types whose elements have a binary format here; computed once, asked per parameter. */
    private static final java.util.Set<Integer> BINARY_ARRAYS = java.util.Set.of(java.util.Arrays.stream(new int[] {
        PgTypes.BOOL, PgTypes.INT2, PgTypes.INT4, PgTypes.INT8, PgTypes.FLOAT4, PgTypes.FLOAT8, PgTypes.TEXT,
        PgTypes.VARCHAR, PgTypes.NUMERIC, PgTypes.UUID, PgTypes.DATE, PgTypes.TIMESTAMP, PgTypes.TIMESTAMPTZ,
        PgTypes.BYTEA, PgTypes.OID, PgTypes.BPCHAR}).map(PgTypes::arrayOf).boxed().toArray(Integer[]::new));

    /** Whether oid is the array type of an element type with a binary format here. */
    public static boolean isArray(int oid) {
        return oid > PgTypes.JSON && BINARY_ARRAYS.contains(oid); // every array OID is above json's 114
    }

    private static void size(byte[] b, int n) {
        if (b.length != n) {
            throw new ProtocolException(SqlState.INVALID_BINARY_REPRESENTATION,
                    "incorrect binary data format: expected " + n + " bytes, got " + b.length);
        }
    }

    private static long micros(LocalDateTime t) {
        return Math.addExact(Math.multiplyExact(Duration.between(EPOCH_TS, t).getSeconds(), 1_000_000L), t.getNano() / 1000);
    }

    private static long micros(Instant t) {
        Instant epoch = EPOCH_TS.toInstant(ZoneOffset.UTC);
        return Math.addExact(Math.multiplyExact(t.getEpochSecond() - epoch.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
    }

    private static final BigInteger TEN_THOUSAND = BigInteger.valueOf(10_000);
    private static final short NUMERIC_POS = 0x0000;
    private static final short NUMERIC_NEG = 0x4000;
    private static final short NUMERIC_NAN = (short) 0xC000;

    private static final short NUMERIC_PINF = (short) 0xD000;
    private static final short NUMERIC_NINF = (short) 0xF000;

    /** numeric_send of NaN, Infinity or -Infinity: no digits, the sign word says which. */
    static byte[] numericSpecial(double v) {
        short sign = Double.isNaN(v) ? NUMERIC_NAN : v > 0 ? NUMERIC_PINF : NUMERIC_NINF;
        return ByteBuffer.allocate(8).putShort((short) 0).putShort((short) 0).putShort(sign).putShort((short) 0).array();
    }

    /** numeric_send: ndigits, weight, sign, dscale, then base-10000 digits. */
    static byte[] numeric(BigDecimal v) {
        int dscale = Math.max(v.scale(), 0);
        BigDecimal abs = v.abs();
        // Align to base-10000 groups: scale up to a multiple of 4 fractional digits.
        int fracGroups = (dscale + 3) / 4;
        BigInteger unscaled = abs.setScale(fracGroups * 4).unscaledValue();
        java.util.ArrayDeque<Short> digits = new java.util.ArrayDeque<>();
        while (unscaled.signum() > 0) {
            BigInteger[] qr = unscaled.divideAndRemainder(TEN_THOUSAND);
            digits.addFirst(qr[1].shortValue());
            unscaled = qr[0];
        }
        int weight = digits.size() - fracGroups - 1;
        // strip trailing zero groups (they are implied by dscale) and leading zero groups
        while (!digits.isEmpty() && digits.peekLast() == 0) {
            digits.removeLast();
        }
        while (!digits.isEmpty() && digits.peekFirst() == 0) {
            digits.removeFirst();
            weight--;
        }
        if (digits.isEmpty()) {
            weight = 0;
        }
        ByteBuffer out = ByteBuffer.allocate(8 + 2 * digits.size());
        out.putShort((short) digits.size()).putShort((short) weight)
                .putShort(v.signum() < 0 ? NUMERIC_NEG : NUMERIC_POS).putShort((short) dscale);
        for (short d : digits) {
            out.putShort(d);
        }
        return out.array();
    }

    /** numeric_recv; NaN comes back as Double.NaN since BigDecimal has none. */
    static Object numeric(ByteBuffer b) {
        if (b.remaining() < 8) {
            throw new ProtocolException(SqlState.INVALID_BINARY_REPRESENTATION, "insufficient data left in message");
        }
        int ndigits = b.getShort();
        int weight = b.getShort();
        short sign = b.getShort();
        int dscale = b.getShort();
        if (sign == NUMERIC_NAN) {
            return Double.NaN;
        }
        if (ndigits < 0 || b.remaining() != 2 * ndigits) {
            throw new ProtocolException(SqlState.INVALID_BINARY_REPRESENTATION, "invalid numeric length");
        }
        BigInteger unscaled = BigInteger.ZERO;
        for (int i = 0; i < ndigits; i++) {
            unscaled = unscaled.multiply(TEN_THOUSAND).add(BigInteger.valueOf(b.getShort()));
        }
        BigDecimal value = new BigDecimal(unscaled).scaleByPowerOfTen(4 * (weight - ndigits + 1));
        value = value.setScale(dscale, java.math.RoundingMode.DOWN);
        return sign == NUMERIC_NEG ? value.negate() : value;
    }
}
