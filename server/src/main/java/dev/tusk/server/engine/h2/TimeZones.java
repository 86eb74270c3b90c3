package dev.tusk.server.engine.h2;

import java.time.ZoneId;
import java.time.ZoneOffset;

/** PostgreSQL time zone names and offsets as java.time zones. */
final class TimeZones {
    private TimeZones() {
    }

    /**
     * Zone names (Europe/Paris, UTC, GMT) as they are; a bare number of hours as an offset east of
     * UTC, as SET TIME ZONE reads it; POSIX-style "UTC+3" is west of Greenwich, as PostgreSQL reads it.
     */
    static ZoneId zoneOf(String name) {
        String n = name.trim();
        if (n.equalsIgnoreCase("utc") || n.equalsIgnoreCase("gmt") || n.equalsIgnoreCase("z") || n.equalsIgnoreCase("zulu")) {
            return ZoneId.of("UTC");
        }
        if (n.matches("[+-]?\\d{1,2}(:\\d\\d)?")) {
            return ZoneOffset.of(n.startsWith("+") || n.startsWith("-") ? pad(n) : "+" + pad(n));
        }
        return ZoneId.of(n);
    }

    private static String pad(String offset) {
        String sign = offset.startsWith("-") || offset.startsWith("+") ? offset.substring(0, 1) : "";
        String rest = sign.isEmpty() ? offset : offset.substring(1);
        String[] hm = rest.split(":");
        return sign + (hm[0].length() == 1 ? "0" : "") + hm[0] + (hm.length > 1 ? ":" + hm[1] : "");
    }
}
