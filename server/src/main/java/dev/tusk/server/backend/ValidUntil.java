package dev.tusk.server.backend;

import dev.tusk.protocol.SqlState;
import dev.tusk.server.error.PgException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;

/**
 * ROLE ... VALID UNTIL 'timestamp': the timestamptz forms people write there (a date, a date and
 * time, with or without a zone offset; 'infinity'), read in the session's time zone as PostgreSQL's
 * timestamptz input reads them.
 */
final class ValidUntil {
    private static final DateTimeFormatter FORMAT = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd")
            .optionalStart().optionalStart().appendLiteral('T').optionalEnd().optionalStart().appendLiteral(' ').optionalEnd()
            .appendPattern("HH:mm").optionalStart().appendPattern(":ss").optionalEnd()
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalEnd()
            .optionalStart().appendOffset("+HH:mm", "Z").optionalEnd()
            .optionalStart().appendOffset("+HH", "Z").optionalEnd()
            .parseDefaulting(ChronoField.HOUR_OF_DAY, 0)
            .toFormatter();

    private ValidUntil() {
    }

    /** The instant, or null for 'infinity' (a password that never expires). */
    static Instant parse(String text, String timeZone) {
        String t = text.trim();
        if (t.equalsIgnoreCase("infinity")) {
            return null;
        }
        try {
            TemporalAccessor parsed = FORMAT.parse(t);
            LocalDateTime local = LocalDateTime.from(parsed);
            ZoneId zone = parsed.isSupported(ChronoField.OFFSET_SECONDS)
                    ? java.time.ZoneOffset.ofTotalSeconds(parsed.get(ChronoField.OFFSET_SECONDS)) : ZoneId.of(timeZone);
            return local.atZone(zone).toInstant();
        } catch (DateTimeException e) {
            throw new PgException(SqlState.INVALID_DATETIME_FORMAT,
                    "invalid input syntax for type timestamp with time zone: \"" + text + "\"");
        }
    }
}
