package dev.tusk.server.backend;

/** The PostgreSQL version Tusk speaks as, and Tusk's own. */
public final class Versions {
    /** Reported as server_version: the PostgreSQL major release whose behaviour Tusk reproduces. */
    public static final String SERVER_VERSION = "15.0";
    public static final String SERVER_VERSION_NUM = "150000";
    public static final String TUSK_VERSION = "0.1.0";

    private Versions() {
    }

    /** What version() returns. */
    public static String versionString() {
        return "PostgreSQL " + SERVER_VERSION + " (Tusk " + TUSK_VERSION + ") on " + ("amd64".equals(System.getProperty("os.arch")) ? "x86_64" : System.getProperty("os.arch"))
                + "-pc-linux-gnu, compiled by Java " + Runtime.version().feature() + ", 64-bit";
    }
}
