package dev.tusk.server.cli;

import dev.tusk.server.postmaster.Postmaster;
import dev.tusk.server.postmaster.ShutdownMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Logger;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * PostgreSQL's shutdown signals for a postmaster running as a process: SIGTERM smart, SIGINT fast.
 * {@code tusk stop} sends them, as pg_ctl does. The JVM keeps SIGQUIT for thread dumps (and
 * -Xrs would take TERM and INT away instead), so an immediate stop is SIGKILL: like PostgreSQL's
 * immediate mode it skips the clean shutdown, and nothing acknowledged is lost since every commit
 * is already on disk; the next start takes over the stale lock file.
 */
final class Signals {
    private static final Logger LOG = Logger.getLogger(Signals.class.getName());

    private Signals() {
    }

    /**
     * A shell starts a background job ({@code tusk start &}) with SIGINT ignored, and the JVM then
     * leaves it ignored. Such a postmaster writes this file, and {@code tusk stop -m fast} sends it
     * SIGTERM after writing "fast" into the request file, which the TERM handler reads.
     */
    static Path intIgnoredMarker(Path dataDir) {
        return dataDir.resolve("postmaster.noint");
    }

    static Path requestFile(Path dataDir) {
        return dataDir.resolve("postmaster.shutdown");
    }

    static void install(Postmaster pm, Path dataDir) throws IOException {
        Signal.handle(new Signal("TERM"), s -> pm.shutdown(requestedMode(dataDir)));
        SignalHandler previous = Signal.handle(new Signal("INT"), s -> pm.shutdown(ShutdownMode.FAST));
        Files.deleteIfExists(requestFile(dataDir));
        if (previous == SignalHandler.SIG_IGN) {
            Files.writeString(intIgnoredMarker(dataDir), "");
            LOG.warning("SIGINT is ignored in this process (started as a background job?): a fast shutdown"
                    + " comes through tusk stop -m fast, which falls back to SIGTERM");
        } else {
            Files.deleteIfExists(intIgnoredMarker(dataDir));
        }
    }

    /** Smart, unless tusk stop asked for fast through the request file. */
    private static ShutdownMode requestedMode(Path dataDir) {
        try {
            Path request = requestFile(dataDir);
            boolean fast = Files.exists(request) && Files.readString(request).strip().equals("fast");
            Files.deleteIfExists(request);
            return fast ? ShutdownMode.FAST : ShutdownMode.SMART;
        } catch (IOException e) {
            return ShutdownMode.SMART;
        }
    }

    static void send(long pid, ShutdownMode mode, Path dataDir) throws IOException {
        if (mode == ShutdownMode.FAST && Files.exists(intIgnoredMarker(dataDir))) {
            Files.writeString(requestFile(dataDir), "fast\n");
            mode = ShutdownMode.SMART; // the signal that carries it
        }
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
