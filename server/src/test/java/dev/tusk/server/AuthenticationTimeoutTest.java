package dev.tusk.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tusk.protocol.message.async.ErrorResponse;
import dev.tusk.protocol.message.simple.ReadyForQuery;
import dev.tusk.protocol.message.startup.StartupMessage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A connection that does not finish its startup holds a slot only for authentication_timeout (cf.
 * postmaster.c's startup packet timeout): silent clients cannot keep everyone else out. With
 * max_connections = 1 the postmaster keeps two connections in startup at most, as PostgreSQL keeps
 * twice its backends; a third is told "too many clients", and the slots come back once the silent
 * ones are closed.
 */
class AuthenticationTimeoutTest {
    private static TestInstallation tusk;

    @BeforeAll
    static void start() throws Exception {
        tusk = TestInstallation.start("authentication_timeout = 1s\nmax_connections = 1");
    }

    @AfterAll
    static void stop() throws Exception {
        tusk.close();
    }

    @Test
    void silentConnectionsAreClosedAndTheirSlotsReused() throws Exception {
        try (WireClient silent = WireClient.raw(tusk.port()); WireClient halfPacket = WireClient.raw(tusk.port())) {
            halfPacket.rawOut.write(new byte[] {0, 0, 0, 40, 0, 3});
            halfPacket.rawOut.flush();
            Thread.sleep(100); // both are admitted before the next one arrives
            try (WireClient third = WireClient.raw(tusk.port())) {
                new StartupMessage(StartupMessage.PROTOCOL_3_0, Map.of("user", "tusk", "database", "postgres"))
                        .encode(third.io.writer());
                third.io.flush();
                ErrorResponse e = (ErrorResponse) third.read();
                assertEquals("53300", e.sqlState());
                assertEquals("sorry, too many clients already", e.message());
            }
            // the server closes them (a read gives end of stream, not the client's 20 s read timeout)
            assertNull(silent.read());
            assertNull(halfPacket.read());
        }
        // the closed connections' backends release their slots as they end, a moment after the close
        for (int attempt = 0; ; attempt++) {
            try (WireClient c = tusk.connect()) {
                List<?> r = c.query("select 1");
                assertInstanceOf(ReadyForQuery.class, r.get(r.size() - 1));
                return;
            } catch (java.io.IOException tooMany) {
                if (attempt == 50 || !tooMany.getMessage().startsWith("53300")) {
                    throw tooMany;
                }
                Thread.sleep(20);
            }
        }
    }
}
