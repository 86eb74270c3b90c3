package dev.tusk.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * {@code tusk stop -m fast} against a server a shell started in the background, where SIGINT is
 * ignored and the JVM cannot take it: the stop still ends the server in fast mode, closing a
 * session that sits in an open transaction (a smart shutdown would wait for it forever).
 */
class ShutdownSignalTest {
    @Test
    void fastStopWorksWhenSigintIsIgnored() throws Exception {
        try (TuskProcess server = TuskProcess.create()) {
            server.startWithSigintIgnored();
            try (Connection idle = DriverManager.getConnection(server.jdbcUrl(""))) {
                idle.setAutoCommit(false);
                try (Statement s = idle.createStatement()) {
                    s.execute("create table held (id int)");
                    s.execute("insert into held values (1)");
                }
                assertEquals(0, server.stop("fast"));
                assertTrue(server.awaitExit(30), "server still running after tusk stop -m fast");
            }
            String log = server.log();
            assertTrue(log.contains("SIGINT is ignored"), log);
            assertTrue(log.contains("fast shutdown request"), log);
        }
    }
}
