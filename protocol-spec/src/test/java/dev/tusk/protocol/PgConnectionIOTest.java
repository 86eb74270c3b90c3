package dev.tusk.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tusk.protocol.message.extended.Bind;
import dev.tusk.protocol.message.simple.Query;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** Framing: caps checked before the body, bounded allocation, bounds-checked fields, whole messages only. */
class PgConnectionIOTest {

    private static PgConnectionIO reading(byte[] bytes) {
        return new PgConnectionIO(new ByteArrayInputStream(bytes), new ByteArrayOutputStream(), 1000);
    }

    @Test
    void unknownTypeByteIsRefused() {
        ProtocolException e = assertThrows(ProtocolException.class, () -> reading(new byte[] {'Y', 0, 0, 0, 4}).readFrontend());
        assertEquals("08P01", e.sqlState());
    }

    @Test
    void lengthOverTheCapIsRefusedWithoutReadingTheBody() {
        // Sync is a small message: a 20,000-byte Sync is refused on its length.
        assertThrows(ProtocolException.class, () -> reading(new byte[] {'S', 0, 0, 0x4e, 0x24}).readFrontend());
        // Query is capped by the configured maximum (1000 here).
        assertThrows(ProtocolException.class, () -> reading(new byte[] {'Q', 0, 0, 0x10, 0}).readFrontend());
        // A length below 4 cannot even hold itself.
        assertThrows(ProtocolException.class, () -> reading(new byte[] {'Q', 0, 0, 0, 3}).readFrontend());
    }

    @Test
    void aLyingLengthDoesNotAllocateWhatItClaims() throws Exception {
        // Claims almost 1 GiB but the stream ends after a few bytes: EOF, not an allocation of the claim.
        InputStream in = new ByteArrayInputStream(new byte[] {'Q', 0x3f, (byte) 0xff, (byte) 0xff, 0, 'a'});
        PgConnectionIO io = new PgConnectionIO(in, new ByteArrayOutputStream());
        long before = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        assertThrows(EOFException.class, io::readFrontend);
        long after = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        assertEquals(true, after - before < 256L * 1024 * 1024, "allocated " + (after - before));
    }

    @Test
    void startupPacketOver10000BytesIsRefused() {
        byte[] b = {0, 0, 0x27, 0x11, 0, 3, 0, 0};
        ProtocolException e = assertThrows(ProtocolException.class, () -> reading(b).readStartupPacket());
        assertEquals("invalid length of startup packet", e.getMessage());
    }

    @Test
    void cleanEndOfStreamIsNull() throws Exception {
        assertNull(reading(new byte[0]).readFrontend());
    }

    @Test
    void fieldsPastTheBodyAreAProtocolViolation() {
        PgReader r = new PgReader(new byte[] {0, 5, 0, 0});
        assertThrows(ProtocolException.class, () -> r.count16(4), "5 values of 4 bytes cannot fit in 2");
        PgReader s = new PgReader(new byte[] {'a', 'b'});
        assertThrows(ProtocolException.class, s::cstring);
        PgReader t = new PgReader(new byte[] {1, 2, 3});
        t.int16();
        assertThrows(ProtocolException.class, t::end);
    }

    @Test
    void bindWithNegativeValueLengthIsRefused() {
        PgWriter w = new PgWriter();
        w.begin(FrontendMessage.BIND).cstring("").cstring("").int16(0).int16(1).int32(-7).int16(0).end();
        PgConnectionIO io = reading(w.toByteArray());
        assertThrows(ProtocolException.class, () -> Bind.decode(bodyOf(io)));
    }

    private static PgReader bodyOf(PgConnectionIO io) throws Exception {
        io.readFrontend();
        return io.body();
    }

    @Test
    void writerFillsInLengthsAndDropsAnUnfinishedMessage() {
        PgWriter w = new PgWriter();
        new Query("select 1").encode(w);
        byte[] whole = w.toByteArray();
        assertArrayEquals(new byte[] {'Q', 0, 0, 0, 13, 's', 'e', 'l', 'e', 'c', 't', ' ', '1', 0}, whole);
        w.begin(BackendMessage.DATA_ROW).int16(3);
        w.discardOpenMessage();
        assertArrayEquals(whole, w.toByteArray());
    }
}
