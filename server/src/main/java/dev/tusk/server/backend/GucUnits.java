package dev.tusk.server.backend;

import dev.tusk.protocol.SqlState;
import dev.tusk.server.error.PgException;
import java.util.List;

/**
 * Integer settings with units (cf. guc.c memory_unit_conversion_table / time_unit_conversion_table,
 * parse_int and convert_int_from_base_unit): a value is read with any unit of its kind, kept in the
 * setting's base unit, and shown in the largest unit that holds it exactly, as SHOW prints it
 * ({@code statement_timeout = 60000} shows {@code 1min}, {@code work_mem = 1025} shows {@code 1025kB}).
 */
final class GucUnits {
    private record Unit(String name, double size) {
    }

    /** Largest first, in bytes. */
    private static final List<Unit> MEMORY = List.of(new Unit("TB", 1024.0 * 1024 * 1024 * 1024),
            new Unit("GB", 1024.0 * 1024 * 1024), new Unit("MB", 1024.0 * 1024), new Unit("kB", 1024), new Unit("B", 1));
    /** Largest first, in milliseconds. */
    private static final List<Unit> TIME = List.of(new Unit("d", 86_400_000), new Unit("h", 3_600_000),
            new Unit("min", 60_000), new Unit("s", 1000), new Unit("ms", 1), new Unit("us", 0.001));

    private GucUnits() {
    }

    /** The value as SHOW prints it; PostgreSQL's error if it is no number of this setting's unit kind. */
    static String normalize(String setting, String baseUnit, String value) {
        boolean memory = !TIME.stream().anyMatch(u -> u.name().equals(baseUnit));
        List<Unit> units = memory ? MEMORY : TIME;
        double base = memory ? (baseUnit.equals("8kB") ? 8192 : size(units, baseUnit)) : size(units, baseUnit);
        String v = value.trim();
        int i = 0;
        while (i < v.length() && "+-.0123456789eE".indexOf(v.charAt(i)) >= 0
                && !((v.charAt(i) == 'e' || v.charAt(i) == 'E') && (i + 1 >= v.length() || !isNumberPart(v.charAt(i + 1))))) {
            i++;
        }
        double amount;
        try {
            amount = Double.parseDouble(v.substring(0, i));
        } catch (NumberFormatException e) {
            throw invalid(setting, value, null);
        }
        String unit = v.substring(i).trim();
        double inBase = amount;
        if (!unit.isEmpty()) {
            double size = size(units, unit);
            if (size == 0) {
                throw invalid(setting, value, memory ? "Valid units for this parameter are \"B\", \"kB\", \"MB\", \"GB\", and \"TB\"."
                        : "Valid units for this parameter are \"us\", \"ms\", \"s\", \"min\", \"h\", and \"d\".");
            }
            inBase = amount * size / base;
        }
        long rounded = Math.round(inBase);
        if (rounded <= 0) {
            return Long.toString(rounded);
        }
        double absolute = rounded * base;
        for (Unit u : units) {
            if (u.size() >= 1 && u.size() >= base && absolute % u.size() == 0) {
                return (long) (absolute / u.size()) + u.name();
            }
        }
        return rounded + baseUnit;
    }

    private static boolean isNumberPart(char c) {
        return Character.isDigit(c) || c == '+' || c == '-';
    }

    private static double size(List<Unit> units, String name) {
        for (Unit u : units) {
            if (u.name().equals(name)) {
                return u.size();
            }
        }
        return 0;
    }

    private static PgException invalid(String setting, String value, String hint) {
        PgException e = new PgException(SqlState.INVALID_PARAMETER_VALUE,
                "invalid value for parameter \"" + setting + "\": \"" + value + "\"");
        return hint == null ? e : e.hint(hint);
    }
}
