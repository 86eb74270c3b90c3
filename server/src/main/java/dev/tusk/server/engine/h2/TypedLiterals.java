package dev.tusk.server.engine.h2;

import dev.tusk.server.sql.Identifiers;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * Typed string constants ({@code type 'text'}) whose PostgreSQL meaning H2 would read differently:
 * intervals in PostgreSQL's unit syntax, and type names H2 does not know.
 */
final class TypedLiterals {
    private TypedLiterals() {
    }

    /** H2 SQL for the constant typeName 'value', or null when H2 reads it as PostgreSQL does. */
    static String h2(String typeName, String value) {
        switch (typeName) {
            case "interval": return interval(value);
            case "timestamptz": return "timestamp with time zone " + Identifiers.literal(value);
            case "timetz": return "cast(" + Identifiers.literal(value) + " as time(6) with time zone)";
            case "jsonb": return "json " + Identifiers.literal(value);
            case "numeric": return numeric(value);
            case "int2": case "int4": case "int8": case "float4": case "float8": case "bool": case "text":
            case "name": case "oid":
                return "cast(" + Identifiers.literal(value) + " as " + h2Type(typeName) + ")";
            default: return null;
        }
    }

    /**
     * numeric 'v': a number keeps the digits it was written with (numeric '1.50' is 1.50, where H2's
     * DECFLOAT, its unconstrained numeric, would drop the zero); NaN and Infinity stay DECFLOAT.
     */
    static String numeric(String value) {
        try {
            BigDecimal d = new BigDecimal(value.trim());
            int scale = Math.max(d.scale(), 0);
            int precision = Math.max(d.precision() - d.scale() + scale, scale + 1);
            if (precision <= 100_000) {
                return "cast(" + Identifiers.literal(value) + " as numeric(" + precision + ", " + scale + "))";
            }
        } catch (NumberFormatException e) {
            // NaN, Infinity, or not a number at all: DECFLOAT accepts the first two and reports the last
        }
        return "cast(" + Identifiers.literal(value) + " as decfloat)";
    }

    private static String h2Type(String pg) {
        String h2 = TypeNames.h2Name(pg);
        return h2 != null ? h2 : pg;
    }

    /**
     * PostgreSQL interval input ('1 day', '2 hours 30 minutes', '1 year 2 mons', '01:02:03') as an H2
     * interval, which holds either months or days-to-seconds; null if the text mixes the two or is
     * not understood (H2's own error then reports it).
     */
    static String interval(String text) {
        String[] parts = text.trim().toLowerCase(Locale.ROOT).split("\\s+");
        long months = 0;
        long days = 0;
        BigDecimal seconds = BigDecimal.ZERO;
        boolean ago = false;
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (p.isEmpty()) {
                continue;
            }
            if (p.equals("ago")) {
                ago = true;
                continue;
            }
            if (p.indexOf(':') > 0) {
                seconds = seconds.add(clock(p));
                continue;
            }
            BigDecimal n;
            try {
                n = new BigDecimal(p.startsWith("@") ? p.substring(1) : p);
            } catch (NumberFormatException e) {
                return null;
            }
            String unit = i + 1 < parts.length ? parts[++i] : "second";
            boolean milli = unit.equals("ms") || unit.startsWith("msec") || unit.startsWith("millisecond");
            switch (milli ? "millisecond" : unit.replaceAll("s$", "")) {
                case "year": case "yr": case "y": months += n.longValue() * 12; break;
                case "mon": case "month": months += n.longValue(); break;
                case "week": case "w": days += n.longValue() * 7; break;
                case "day": case "d": days += n.longValue(); break;
                case "hour": case "hr": case "h": seconds = seconds.add(n.multiply(BigDecimal.valueOf(3600))); break;
                case "minute": case "min": case "m": seconds = seconds.add(n.multiply(BigDecimal.valueOf(60))); break;
                case "second": case "sec": case "": seconds = seconds.add(n); break;
                case "millisecond": seconds = seconds.add(n.movePointLeft(3)); break;
                default: return null;
            }
        }
        if (months != 0 && (days != 0 || seconds.signum() != 0)) {
            return null;
        }
        String sign = ago ? "-" : "";
        if (months != 0) {
            return "interval '" + sign + months + "' month";
        }
        if (seconds.signum() == 0) {
            return "interval '" + sign + days + "' day";
        }
        if (days == 0) {
            return "interval '" + sign + seconds.toPlainString() + "' second";
        }
        long whole = seconds.longValue();
        String fraction = seconds.subtract(BigDecimal.valueOf(whole)).toPlainString().replaceFirst("^0", "");
        return String.format("interval '%s%d %d:%02d:%02d%s' day to second", sign, days, whole / 3600,
                whole / 60 % 60, whole % 60, fraction.equals("0") ? "" : fraction);
    }

    private static BigDecimal clock(String hms) {
        boolean negative = hms.startsWith("-");
        String[] f = (negative ? hms.substring(1) : hms).split(":");
        BigDecimal s = BigDecimal.valueOf(Long.parseLong(f[0]) * 3600);
        if (f.length > 1) {
            s = s.add(BigDecimal.valueOf(Long.parseLong(f[1]) * 60));
        }
        if (f.length > 2) {
            s = s.add(new BigDecimal(f[2]));
        }
        return negative ? s.negate() : s;
    }
}
