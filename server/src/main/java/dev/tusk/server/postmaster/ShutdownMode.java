package dev.tusk.server.postmaster;

/** How the postmaster stops (cf. pg_ctl stop -m): smart waits for sessions, fast ends them, immediate drops everything. */
public enum ShutdownMode {
    /** SIGTERM: refuse new connections, wait for the sessions to end, then shut down cleanly. */
    SMART,
    /** SIGINT: refuse new connections, end every session (57P01), roll back, shut down cleanly. */
    FAST,
    /** SIGQUIT: close everything at once without a checkpoint; committed work is already on disk. */
    IMMEDIATE
}
