package dev.tusk.protocol.types;

/**
 * An interval as PostgreSQL stores it: months, days and microseconds, kept apart because their
 * lengths vary (a month is not 30 days, a day is not always 24 hours).
 */
public record PgInterval(int months, int days, long micros) {
}
