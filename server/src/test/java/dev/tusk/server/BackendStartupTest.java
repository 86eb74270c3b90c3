package dev.tusk.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tusk.protocol.PgWriter;
import dev.tusk.protocol.message.PgMessage;
import dev.tusk.protocol.message.async.ErrorResponse;
import dev.tusk.protocol.message.async.ParameterStatus;
import dev.tusk.protocol.message.auth.AuthenticationOk;
import dev.tusk.protocol.message.simple.ReadyForQuery;
import dev.tusk.protocol.message.startup.BackendKeyData;
import dev.tusk.protocol.message.startup.NegotiateProtocolVersion;
import dev.tusk.protocol.message.startup.SslRequest;
import dev.tusk.protocol.message.startup.StartupMessage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The startup phase over real TCP and Unix sockets: what a client sees before its first query. */
class BackendStartupTest {
    private static TestInstallation tusk;

    @BeforeAll
    static void start() throws Exception {
        tusk = TestInstallation.start();
    }

    @AfterAll
    static void stop() throws Exception {
        tusk.close();
    }

    @Test
    void startupReportsSettingsAndKeyThenReady() throws Exception {
        try (WireClient c = WireClient.raw(tusk.port())) {
            List<PgMessage> got = c.startup("tusk", "postgres");
            assertInstanceOf(AuthenticationOk.class, got.get(0));
            Map<String, String> status = new HashMap<>();
            for (PgMessage m : got) {
                if (m instanceof ParameterStatus p) {
                    status.put(p.name(), p.value());
                }
            }
            assertEquals("UTF8", status.get("client_encoding"));
            assertEquals("UTF8", status.get("server_encoding"));
            assertEquals("ISO, MDY", status.get("DateStyle"));
            assertEquals("on", status.get("integer_datetimes"));
            assertEquals("on", status.get("standard_conforming_strings"));
            assertEquals("on", status.get("is_superuser"));
            assertEquals("tusk", status.get("session_authorization"));
            assertEquals("off", status.get("in_hot_standby"));
            assertTrue(status.get("server_version").startsWith("15"));
            assertEquals(4, c.key.secretKey().length);
            assertEquals(new ReadyForQuery(ReadyForQuery.IDLE), got.get(got.size() - 1));
        }
    }

    @Test
    void sslRequestIsAnsweredNoAndStartupContinues() throws Exception {
        try (WireClient c = WireClient.raw(tusk.port())) {
            new SslRequest().encode(c.io.writer());
            c.io.flush();
            assertEquals('N', c.io.readByte());
            c.startup("tusk", "postgres");
        }
    }

    @Test
    void unixSocketConnectionsWork() throws Exception {
        try (WireClient c = WireClient.unix(tusk.dir.resolve(".s.PGSQL." + tusk.port()), "tusk", "postgres")) {
            List<PgMessage> r = c.query("select 1");
            assertEquals("SELECT 1", ((dev.tusk.protocol.message.simple.CommandComplete) r.get(2)).tag());
        }
    }

    @Test
    void malformedStartupPacketsAreClosedWithoutAReply() throws Exception {
        byte[][] packets = {
            {0, 0, 0x4e, 0x20, 0, 3, 0, 0}, // 20,000 bytes: over the startup packet's limit
            {0, 0, 0, 4, 0, 0, 0, 0}, // shorter than a protocol version
            "GET / HTTP/1.1\r\nHost: tusk\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
        };
        for (byte[] packet : packets) {
            try (WireClient c = WireClient.raw(tusk.port())) {
                c.rawOut.write(packet);
                c.rawOut.flush();
                assertNull(c.read(), "closed without a reply, as PostgreSQL does");
            }
        }
        try (WireClient c = tusk.connect()) {
            assertInstanceOf(ReadyForQuery.class, c.query("select 1").get(3));
        }
    }

    @Test
    void unsupportedRequestCodeIsRefusedAsAnUnsupportedProtocol() throws Exception {
        try (WireClient c = WireClient.raw(tusk.port())) {
            c.io.writer().int32(8).int32((1234 << 16) | 5681);
            c.io.flush();
            ErrorResponse e = (ErrorResponse) c.read();
            assertEquals("0A000", e.sqlState());
            assertEquals("unsupported frontend protocol 1234.5681: server supports 3.0 to 3.2", e.message());
        }
    }

    @Test
    void unknownRoleAndDatabaseAreRefusedWithPostgresCodes() throws Exception {
        assertEquals("28000", startupError("nobody", "postgres").sqlState());
        ErrorResponse e = startupError("tusk", "nodb");
        assertEquals("3D000", e.sqlState());
        assertEquals("database \"nodb\" does not exist", e.message());
        // listed in pg_database, as in PostgreSQL, and never open to connections
        ErrorResponse template0 = startupError("tusk", "template0");
        assertEquals("55000", template0.sqlState());
        assertEquals("database \"template0\" is not currently accepting connections", template0.message());
    }

    @Test
    void unsupportedMajorVersionIsRefused() throws Exception {
        try (WireClient c = WireClient.raw(tusk.port())) {
            new StartupMessage(4 << 16, Map.of("user", "tusk")).encode(c.io.writer());
            c.io.flush();
            ErrorResponse e = (ErrorResponse) c.read();
            assertEquals("0A000", e.sqlState());
        }
    }

    @Test
    void newerMinorVersionIsNegotiatedDownTo32() throws Exception {
        try (WireClient c = WireClient.raw(tusk.port())) {
            new StartupMessage((3 << 16) | 9, Map.of("user", "tusk", "database", "postgres", "_pq_.fancy", "1"))
                    .encode(c.io.writer());
            c.io.flush();
            List<PgMessage> got = c.untilReady();
            NegotiateProtocolVersion n = (NegotiateProtocolVersion) got.get(0);
            assertEquals(2, n.newestMinorVersion());
            assertEquals(List.of("_pq_.fancy"), n.unrecognizedOptions());
            BackendKeyData key = got.stream().filter(m -> m instanceof BackendKeyData).map(m -> (BackendKeyData) m)
                    .findFirst().orElseThrow();
            assertEquals(32, key.secretKey().length, "protocol 3.2 uses 256-bit cancel keys");
        }
    }

    private static ErrorResponse startupError(String user, String db) throws Exception {
        try (WireClient c = WireClient.raw(tusk.port())) {
            new StartupMessage(StartupMessage.PROTOCOL_3_0, Map.of("user", user, "database", db)).encode(c.io.writer());
            c.io.flush();
            ErrorResponse e = (ErrorResponse) c.read();
            assertEquals("FATAL", e.severity());
            return e;
        }
    }
}
