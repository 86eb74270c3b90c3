package dev.tusk.server.backend;

import dev.tusk.protocol.SqlState;
import dev.tusk.server.error.PgException;
import java.util.Locale;

/** Time settings with PostgreSQL's units (statement_timeout = '5s', 100, '1min'): milliseconds by default. */
final class Durations {
    private Durations() {
    }

    static long millis(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        int i = 0;
        while (i < v.length() && (Character.isDigit(v.charAt(i)) || v.charAt(i) == '.' || v.charAt(i) == '-')) {
            i++;
        }
        try {
            double n = Double.parseDouble(v.substring(0, i));
            String unit = v.substring(i).trim();
            switch (unit) {
                case "": case "ms": return (long) n;
                case "s": return (long) (n * 1000);
                case "min": return (long) (n * 60_000);
                case "h": return (long) (n * 3_600_000);
                case "d": return (long) (n * 86_400_000);
                case "us": return (long) (n / 1000);
                default: break;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "invalid value for parameter \"statement_timeout\": \"" + value + "\"")
                .hint("Valid units for this parameter are \"us\", \"ms\", \"s\", \"min\", \"h\", and \"d\".");
    }
}
