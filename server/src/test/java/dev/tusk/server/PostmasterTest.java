package dev.tusk.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tusk.protocol.message.PgMessage;
import dev.tusk.protocol.message.async.ErrorResponse;
import dev.tusk.protocol.message.simple.Query;
import dev.tusk.protocol.message.startup.CancelRequest;
import dev.tusk.server.postmaster.Postmaster;
import dev.tusk.server.postmaster.ShutdownMode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The postmaster: connection slots, cancel routing, the lock file and shutdown, over real sockets. */
class PostmasterTest {
    private static final String LONG_QUERY = "select max(random()) from generate_series(1, 2000000000)";

    @Test
    void connectionsOverMaxConnectionsGetTooManyClients() throws Exception {
        try (TestInstallation tusk = TestInstallation.start("max_connections = 2");
             WireClient a = tusk.connect();
             WireClient b = tusk.connect()) {
            IOException e = assertThrows(IOException.class, tusk::connect);
            assertTrue(e.getMessage().startsWith("53300 sorry, too many clients already"), e.getMessage());
            a.close();
            waitFor(() -> tusk.postmaster.registry().count() == 1);
            try (WireClient c = tusk.connect()) {
                assertEquals("SELECT 1", PostgresMainTest.tag(c.query("select 1")), "a freed slot is reusable");
            }
        }
    }

    @Test
    void cancelRequestWithTheRightKeyCancelsTheRunningStatement() throws Exception {
        try (TestInstallation tusk = TestInstallation.start(); WireClient c = tusk.connect()) {
            new Query(LONG_QUERY).encode(c.io.writer());
            c.io.flush();
            Thread.sleep(300);
            try (WireClient wrong = WireClient.raw(tusk.port())) {
                byte[] bad = c.key.secretKey().clone();
                bad[0] ^= 1;
                new CancelRequest(c.key.processId(), bad).encode(wrong.io.writer());
                wrong.io.flush();
                assertNull(wrong.read(), "a cancel request gets no answer, right key or wrong");
            }
            try (WireClient cancel = WireClient.raw(tusk.port())) {
                new CancelRequest(c.key.processId(), c.key.secretKey()).encode(cancel.io.writer());
                cancel.io.flush();
                assertNull(cancel.read());
            }
            List<PgMessage> r = c.untilReady();
            ErrorResponse e = (ErrorResponse) r.get(0);
            assertEquals("57014", e.sqlState());
            assertEquals("canceling statement due to user request", e.message());
            assertEquals("SELECT 1", PostgresMainTest.tag(c.query("select 1")), "the session goes on");
        }
    }

    @Test
    void secondPostmasterOnTheSameDirectoryIsRefused() throws Exception {
        try (TestInstallation tusk = TestInstallation.start()) {
            IOException e = assertThrows(IOException.class, () -> Postmaster.start(tusk.data, 0));
            assertTrue(e.getMessage().startsWith("lock file \"postmaster.pid\" already exists"), e.getMessage());
        }
    }

    @Test
    void staleLockFileFromAKilledPostmasterIsTakenOver() throws Exception {
        try (TestInstallation tusk = TestInstallation.start()) {
            tusk.postmaster.close();
            // a pid that is surely not running: a postmaster that was killed left its lock behind
            Files.writeString(tusk.data.resolve("postmaster.pid"), "999999999\n" + tusk.data + "\n");
            try (Postmaster again = Postmaster.start(tusk.data, 0)) {
                try (WireClient c = WireClient.tcp(again.port(), "tusk", "postgres")) {
                    assertEquals("SELECT 1", PostgresMainTest.tag(c.query("select 1")));
                }
            }
        }
    }

    @Test
    void fastShutdownTerminatesSessionsWithAdminShutdown() throws Exception {
        try (TestInstallation tusk = TestInstallation.start(); WireClient c = tusk.connect()) {
            tusk.postmaster.shutdown(ShutdownMode.FAST);
            ErrorResponse e = (ErrorResponse) c.read();
            assertEquals("57P01", e.sqlState());
            assertEquals("terminating connection due to administrator command", e.message());
            tusk.postmaster.awaitStopped();
            assertTrue(Files.notExists(tusk.data.resolve("postmaster.pid")));
        }
    }

    @Test
    void smartShutdownWaitsForSessionsAndRefusesNewOnes() throws Exception {
        try (TestInstallation tusk = TestInstallation.start(); WireClient c = tusk.connect()) {
            tusk.postmaster.shutdown(ShutdownMode.SMART);
            assertThrows(IOException.class, tusk::connect);
            assertEquals("SELECT 1", PostgresMainTest.tag(c.query("select 1")), "existing sessions go on");
            c.close();
            tusk.postmaster.awaitStopped();
        }
    }

    @Test
    void createAndDropDatabase() throws Exception {
        try (TestInstallation tusk = TestInstallation.start(); WireClient c = tusk.connect()) {
            assertEquals("CREATE DATABASE", PostgresMainTest.tag(c.query("create database app")));
            assertEquals("ERROR 42P04 database \"app\" already exists", PostgresMainTest.tag(c.query("create database app")));
            try (WireClient app = WireClient.tcp(tusk.port(), "tusk", "app")) {
                app.query("create table only_here (a int)");
                assertEquals("ERROR 55006 database \"app\" is being accessed by other users",
                        PostgresMainTest.tag(c.query("drop database app")));
            }
            ErrorResponse e = (ErrorResponse) c.query("select * from only_here").get(0);
            assertEquals("42P01", e.sqlState(), "databases do not see each other's tables");
            waitFor(() -> tusk.postmaster.registry().connectedTo("app").isEmpty());
            assertEquals("DROP DATABASE", PostgresMainTest.tag(c.query("drop database app")));
            ErrorResponse inBlock = c.query("begin; create database x").stream().filter(m -> m instanceof ErrorResponse)
                    .map(m -> (ErrorResponse) m).findFirst().orElseThrow();
            assertEquals("CREATE DATABASE cannot run inside a transaction block", inBlock.message());
            assertEquals("25001", inBlock.sqlState());
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 200 && !condition.getAsBoolean(); i++) {
            Thread.sleep(20);
        }
        assertTrue(condition.getAsBoolean());
    }
}
