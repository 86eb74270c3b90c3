package dev.tusk.protocol.types;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tusk.protocol.ProtocolException;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Binary values whose bytes were taken from PostgreSQL 15's results (timetz_send, numeric_send). */
class PgBinaryTest {
    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    @Test
    void timetzIsMicrosecondsThenSecondsWestOfUtc() {
        OffsetTime t = OffsetTime.of(LocalTime.parse("13:45:30.123456"), ZoneOffset.ofHours(2));
        assertArrayEquals(hex("0000000b8839b4c0ffffe3e0"), PgBinary.encode(PgTypes.TIMETZ, t));
        assertEquals(t, PgBinary.decode(PgTypes.TIMETZ, hex("0000000b8839b4c0ffffe3e0")));
        OffsetTime west = OffsetTime.of(LocalTime.MIDNIGHT, ZoneOffset.ofHoursMinutes(-5, -30));
        assertArrayEquals(hex("000000000000000000004d58"), PgBinary.encode(PgTypes.TIMETZ, west));
        assertThrows(ProtocolException.class, () -> PgBinary.decode(PgTypes.TIMETZ, hex("0000000b8839b4c0")));
        assertThrows(ProtocolException.class, () -> PgBinary.decode(PgTypes.TIMETZ, hex("ffffffffffffffff00000000")));
    }

    @Test
    void numericNanAndInfinitiesHaveOnlyASignWord() {
        assertArrayEquals(hex("00000000c0000000"), PgBinary.encode(PgTypes.NUMERIC, Double.NaN));
        assertArrayEquals(hex("00000000d0000000"), PgBinary.encode(PgTypes.NUMERIC, Double.POSITIVE_INFINITY));
        assertArrayEquals(hex("00000000f0000000"), PgBinary.encode(PgTypes.NUMERIC, Double.NEGATIVE_INFINITY));
        assertEquals(Double.NaN, PgBinary.decode(PgTypes.NUMERIC, hex("00000000c0000000")));
    }
}
