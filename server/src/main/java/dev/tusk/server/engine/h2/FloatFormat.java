package dev.tusk.server.engine.h2;

import java.math.BigDecimal;

/**
 * float4/float8 output as PostgreSQL 12+ prints them with extra_float_digits = 1: the shortest
 * digits that read back exactly, in plain notation for decimal exponents from -4 to below the
 * type's digit count (15 for float8, 6 for float4), otherwise as d.ddde+XX.
 */
final class FloatFormat {
    private FloatFormat() {
    }

    static String float8(double d) {
        return format(d, Double.toString(d), 15);
    }

    static String float4(float f) {
        return format(f, Float.toString(f), 6);
    }

    private static String format(double d, String javaShortest, int digits) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0" : "0";
        }
        BigDecimal v = new BigDecimal(javaShortest).stripTrailingZeros();
        int exponent = v.precision() - v.scale() - 1;
        if (exponent >= -4 && exponent < digits) {
            return v.toPlainString();
        }
        String unscaled = v.unscaledValue().abs().toString();
        StringBuilder sb = new StringBuilder();
        if (v.signum() < 0) {
            sb.append('-');
        }
        sb.append(unscaled.charAt(0));
        if (unscaled.length() > 1) {
            sb.append('.').append(unscaled, 1, unscaled.length());
        }
        sb.append('e').append(exponent < 0 ? '-' : '+');
        int e = Math.abs(exponent);
        if (e < 10) {
            sb.append('0');
        }
        return sb.append(e).toString();
    }
}
