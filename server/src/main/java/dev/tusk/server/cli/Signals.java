package dev.tusk.server.cli;

import dev.tusk.server.postmaster.Postmaster;
import dev.tusk.server.postmaster.ShutdownMode;
import java.io.IOException;
import sun.misc.Signal;

/**
 * PostgreSQL's shutdown signals for a postmaster running as a process: SIGTERM smart, SIGINT fast.
 * {@code tusk stop} sends them, as pg_ctl does. The JVM keeps SIGQUIT for thread dumps (and
 * -Xrs would take TERM and INT away instead), so an immediate stop is SIGKILL: like PostgreSQL's
 * immediate mode it skips the clean shutdown, and nothing acknowledged is lost since every commit
 * is already on disk; the next start takes over the stale lock file.
 */
final class Signals {
    private Signals() {
    }

    static void install(Postmaster pm) {
        Signal.handle(new Signal("TERM"), s -> pm.shutdown(ShutdownMode.SMART));
        Signal.handle(new Signal("INT"), s -> pm.shutdown(ShutdownMode.FAST));

    }

    static void send(long pid, ShutdownMode mode) throws IOException {
        String signal = mode == ShutdownMode.SMART ? "TERM" : mode == ShutdownMode.FAST ? "INT" : "KILL";
        try {
            int rc = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor();
            if (rc != 0) {
                throw new IOException("could not send stop signal to PID " + pid);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while signalling PID " + pid, e);
        }
    }
}
