package dev.tusk.server.engine.h2;

import org.h2.api.Interval;

/** H2 intervals in PostgreSQL's default (postgres) IntervalStyle: "1 year 2 mons 3 days 04:05:06". */
final class IntervalFormat {
    private IntervalFormat() {
    }

    /** The interval as PostgreSQL's months/days/microseconds. */
    static dev.tusk.protocol.types.PgInterval toPg(Interval i) {
        long months = i.getYears() * 12 + i.getMonths();
        long nanos = ((i.getHours() * 60 + i.getMinutes()) * 60 + i.getSeconds()) * 1_000_000_000L + i.getNanosOfSecond();
        int sign = i.isNegative() ? -1 : 1;
        return new dev.tusk.protocol.types.PgInterval((int) (sign * months), (int) (sign * i.getDays()), sign * nanos / 1000);
    }

    static String format(Interval i) {
        long months = i.getYears() * 12 + i.getMonths();
        long days = i.getDays();
        long nanos = ((i.getHours() * 60 + i.getMinutes()) * 60 + i.getSeconds()) * 1_000_000_000L + i.getNanosOfSecond();
        if (i.isNegative()) {
            months = -months;
            days = -days;
            nanos = -nanos;
        }
        StringBuilder sb = new StringBuilder();
        unit(sb, months / 12, "year");
        unit(sb, months % 12, "mon");
        unit(sb, days, "day");
        if (nanos != 0 || sb.length() == 0) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            if (nanos < 0) {
                sb.append('-');
                nanos = -nanos;
            }
            long secs = nanos / 1_000_000_000L;
            sb.append(String.format("%02d:%02d:%02d", secs / 3600, secs / 60 % 60, secs % 60));
            long micros = nanos % 1_000_000_000L / 1000;
            if (micros != 0) {
                String f = String.format("%06d", micros).replaceAll("0+$", "");
                sb.append('.').append(f);
            }
        }
        return sb.toString();
    }

    private static void unit(StringBuilder sb, long n, String name) {
        if (n == 0) {
            return;
        }
        if (sb.length() > 0) {
            sb.append(' ');
        }
        sb.append(n).append(' ').append(name);
        if (Math.abs(n) != 1) {
            sb.append('s');
        }
    }
}
