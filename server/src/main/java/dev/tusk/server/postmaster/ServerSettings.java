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
                             long authenticationTimeoutMillis, boolean ssl, String sslCertFile, String sslKeyFile,
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
                seconds(conf.getOrDefault("authentication_timeout", "1min")),
                bool(conf.getOrDefault("ssl", "off")),
                conf.getOrDefault("ssl_cert_file", "server.crt"),
                conf.getOrDefault("ssl_key_file", "server.key"),
                Map.copyOf(conf));
    }

    /** The same settings with the port replaced (the command line's -p wins over the file). */
    public ServerSettings withPort(int p) {
        return new ServerSettings(listenAddresses, p, maxConnections, socketDirectories, fsync, virtualThreads,
                maxMessageSize, timezone, authenticationTimeoutMillis, ssl, sslCertFile, sslKeyFile, all);
    }

    /** A time setting whose unit is seconds (authentication_timeout = 60, '30s', '1min'), in milliseconds. */
    static long seconds(String v) {
        String t = v.trim().toLowerCase(java.util.Locale.ROOT);
        int i = 0;
        while (i < t.length() && (Character.isDigit(t.charAt(i)) || t.charAt(i) == '.')) {
            i++;
        }
        double n = Double.parseDouble(t.substring(0, i));
        switch (t.substring(i).trim()) {
            case "ms": return (long) n;
            case "": case "s": return (long) (n * 1000);
            case "min": return (long) (n * 60_000);
            case "h": return (long) (n * 3_600_000);
            case "d": return (long) (n * 86_400_000);
            default: throw new IllegalArgumentException("invalid value for parameter \"authentication_timeout\": \"" + v + "\"");
        }
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
