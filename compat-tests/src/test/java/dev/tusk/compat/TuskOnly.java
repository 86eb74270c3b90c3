package dev.tusk.compat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Base of the tests that drive Tusk alone with a real client: a throwaway Tusk for the class. */
abstract class TuskOnly {
    static TuskServer tusk;

    @BeforeAll
    static void startTusk() throws Exception {
        tusk = TuskServer.start();
    }

    @AfterAll
    static void stopTusk() throws Exception {
        if (tusk != null) {
            tusk.close();
        }
    }
}
