package dev.tusk.server.engine.h2;

import java.sql.SQLException;
import java.sql.Statement;

/**
 * The statement a session's connection is running, as other threads see it: a CancelRequest or
 * statement_timeout (57014), the postmaster's memory guard (53200, with when the statement started),
 * all reach it here, while the session's own thread starts and ends it. Thread-safe.
 */
final class RunningStatement {
    private final org.h2.engine.SessionLocal session;
    private volatile Statement running;
    /** When the running statement started (System.nanoTime, never 0), 0 when none runs. */
    private volatile long since;
    private volatile boolean canceled;
    /** Cancelled because the heap was nearly full: the error is 53200, not 57014. */
    private volatile boolean outOfMemory;

    RunningStatement(org.h2.engine.SessionLocal session) {
        this.session = session;
    }

    /** The session's thread starts running s. */
    void start(Statement s) {
        canceled = false;
        outOfMemory = false;
        since = System.nanoTime() | 1;
        running = s;
    }

    /** The session's thread is done with it, however it ended. */
    void end() {
        running = null;
        since = 0;
    }

    long since() {
        return since;
    }

    boolean canceled() {
        return canceled;
    }

    boolean outOfMemory() {
        return outOfMemory;
    }

    void cancel(boolean forMemory) {
        outOfMemory = forMemory;
        canceled = true;
        Statement s = running;
        if (s != null) {
            try {
                s.cancel();
                // Statement.cancel only flags H2's command; functions that wait (pg_sleep) ask the
                // session, so flag that too. H2 clears it when the next command starts.
                session.cancel();
            } catch (SQLException e) {
                // the statement finished meanwhile
            }
        }
    }
}
