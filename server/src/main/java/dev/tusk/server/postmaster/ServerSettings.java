package dev.tusk.server.postmaster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The postmaster's settings, read from postgresql.conf at start (cf. the PGC_POSTMASTER GUCs), with
 * PostgreSQL's defaults where the file is silent.
 */
public record ServerSettings(List<String> listenAddresses, int port, int maxConnections, List<String> socketDirectories,
                             boolean fsync, boolean virtualThreads, int maxMessageSize, String timezone,
                             Map<String, String> all) {

    public static ServerSettings from(Map<String, String> conf) {
        return new ServerSettings(
                list(conf.getOrDefault("listen_addresses", "localhost")),
                Integer.parseInt(conf.getOrDefault("port", "5432")),
                Integer.parseInt(conf.getOrDefault("max_connections", "100")),
                list(conf.getOrDefault("unix_socket_directories", "/tmp")),
                bool(conf.getOrDefault("fsync", "on")),
                !conf.getOrDefault("backend_threads", "virtual").equalsIgnoreCase("platform"),
                Integer.parseInt(conf.getOrDefault("max_message_size", "1073741823")),
                conf.getOrDefault("timezone", "UTC"),
                Map.copyOf(conf));
    }

    /** The same settings with the port replaced (the command line's -p wins over the file). */
    public ServerSettings withPort(int p) {
        return new ServerSettings(listenAddresses, p, maxConnections, socketDirectories, fsync, virtualThreads,
                maxMessageSize, timezone, all);
    }

    private static List<String> list(String v) {
        List<String> out = new ArrayList<>();
        for (String s : v.split(",")) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        return out;
    }

    static boolean bool(String v) {
        switch (v.toLowerCase(java.util.Locale.ROOT)) {
            case "on": case "true": case "yes": case "1": return true;
            default: return false;
        }
    }
}
