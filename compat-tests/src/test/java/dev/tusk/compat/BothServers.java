package dev.tusk.compat;

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
