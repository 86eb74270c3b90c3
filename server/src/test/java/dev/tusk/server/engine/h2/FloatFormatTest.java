package dev.tusk.server.engine.h2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** float8/float4 output as PostgreSQL 15 prints it (shortest round-trip digits). */
class FloatFormatTest {
    @Test
    void matchesPostgresOutput() {
        assertEquals("0.1", FloatFormat.float8(0.1));
        assertEquals("1", FloatFormat.float8(1.0));
        assertEquals("1e+20", FloatFormat.float8(1e20));
        assertEquals("123456789012345", FloatFormat.float8(123456789012345.0));
        assertEquals("1.234567890123456e+15", FloatFormat.float8(1234567890123456.0));
        assertEquals("0.0001", FloatFormat.float8(0.0001));
        assertEquals("1e-05", FloatFormat.float8(0.00001));
        assertEquals("-2.5", FloatFormat.float8(-2.5));
        assertEquals("NaN", FloatFormat.float8(Double.NaN));
        assertEquals("-Infinity", FloatFormat.float8(Double.NEGATIVE_INFINITY));
        assertEquals("1.5", FloatFormat.float4(1.5f));
        assertEquals("1e+07", FloatFormat.float4(1e7f));
    }
}
