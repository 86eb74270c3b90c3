package dev.tusk.compat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Base of the tests that compare Tusk with PostgreSQL 15: a throwaway server of each for the class. */
abstract class BothServers {
    static Pg15Server pg;
    static TuskServer tusk;

    @BeforeAll
    static void startBoth() throws Exception {
        pg = Pg15Server.start();
        tusk = TuskServer.start();
    }

    /** Runs the statements of a script (separated by semicolons) on each connection. */
    static void runOnBoth(Connection pgConnection, Connection tuskConnection, String script) throws SQLException {
        for (Connection c : new Connection[] {pgConnection, tuskConnection}) {
            try (Statement s = c.createStatement()) {
                for (String statement : script.split(";")) {
                    s.execute(statement);
                }
            }
        }
    }

    @AfterAll
    static void stopBoth() throws Exception {
        if (tusk != null) {
            tusk.close();
        }
        if (pg != null) {
            pg.close();
        }
    }
}
