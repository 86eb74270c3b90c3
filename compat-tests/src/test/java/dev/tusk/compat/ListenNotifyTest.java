package dev.tusk.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/** LISTEN/NOTIFY between pgjdbc sessions on Tusk: delivered at commit, once, to idle sessions too. */
class ListenNotifyTest extends TuskOnly {

    private static List<String> payloads(PGNotification[] n) {
        return n == null ? List.of() : Arrays.stream(n).map(PGNotification::getParameter).toList();
    }

    @Test
    void notificationsArriveOnlyWhenCommittedAndOncePerPayload() throws Exception {
        try (Connection listener = DriverManager.getConnection(tusk.jdbcUrl("postgres"));
             Connection sender = DriverManager.getConnection(tusk.jdbcUrl("postgres"))) {
            listener.createStatement().execute("listen jobs");
            sender.createStatement().execute("notify jobs, 'first'");
            sender.setAutoCommit(false);
            try (Statement s = sender.createStatement()) {
                s.execute("notify jobs, 'rolled back'");
                sender.rollback();
                s.execute("notify jobs, 'twice'");
                s.execute("notify jobs, 'twice'");
                s.execute("select pg_notify('jobs', 'by function')");
                s.execute("notify other, 'not listened'");
                sender.commit();
            }
            PGNotification[] got = listener.unwrap(PGConnection.class).getNotifications(2000);
            assertEquals(List.of("first", "twice", "by function"), payloads(got));
            assertEquals(((PGConnection) sender.unwrap(PGConnection.class)).getBackendPID(), got[0].getPID());
        }
    }

    @Test
    void anIdleListenerIsNotifiedWithoutIssuingAQuery() throws Exception {
        try (Connection listener = DriverManager.getConnection(tusk.jdbcUrl("postgres"));
             Connection sender = DriverManager.getConnection(tusk.jdbcUrl("postgres"))) {
            listener.createStatement().execute("listen idle_channel");
            Thread later = Thread.ofPlatform().start(() -> {
                try {
                    Thread.sleep(300);
                    sender.createStatement().execute("notify idle_channel, 'pushed'");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            // blocks reading the socket: only a notification pushed to the idle session can end it early
            PGNotification[] got = listener.unwrap(PGConnection.class).getNotifications(10_000);
            later.join();
            assertNotNull(got);
            assertEquals(List.of("pushed"), payloads(got));
        }
    }

    @Test
    void aSessionHearsItsOwnNotificationsAndUnlistenStopsThem() throws Exception {
        try (Connection c = DriverManager.getConnection(tusk.jdbcUrl("postgres")); Statement s = c.createStatement()) {
            s.execute("listen self");
            s.execute("notify self, 'me'");
            assertEquals(List.of("me"), payloads(c.unwrap(PGConnection.class).getNotifications(1000)));
            s.execute("listen second");
            java.util.List<String> channels = new java.util.ArrayList<>();
            try (java.sql.ResultSet rs = s.executeQuery("select * from pg_listening_channels() order by 1")) {
                while (rs.next()) {
                    channels.add(rs.getString(1));
                }
            }
            assertEquals(List.of("second", "self"), channels);
            s.execute("unlisten *");
            s.execute("notify self, 'nobody'");
            assertEquals(List.of(), payloads(c.unwrap(PGConnection.class).getNotifications(300)));
        }
    }
}
