package dev.tusk.driver;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * A parsed {@code jdbc:tusk://host[:port][,host2[:port2]...]/database?name=value&...} URL. Properties
 * given to connect() override the URL's, as in pgjdbc. {@code jdbc:postgresql:} URLs are not taken,
 * so the driver never shadows pgjdbc in the same DriverManager.
 */
public record TuskUrl(List<HostSpec> hosts, String database, Properties properties) {
    public static final String PREFIX = "jdbc:tusk:";
    public static final int DEFAULT_PORT = 5432;

    /** One host of a multi-host URL. */
    public record HostSpec(String host, int port) {
        @Override
        public String toString() {
            return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
        }
    }

    public static boolean accepts(String url) {
        return url != null && url.startsWith(PREFIX);
    }

    /** Null if url is not a Tusk URL; IllegalArgumentException if it is one but malformed. */
    public static TuskUrl parse(String url, Properties info) {
        if (!accepts(url)) {
            return null;
        }
        Properties props = new Properties();
        String rest = url.substring(PREFIX.length());
        int q = rest.indexOf('?');
        if (q >= 0) {
            for (String pair : rest.substring(q + 1).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String k = decode(eq < 0 ? pair : pair.substring(0, eq));
                props.setProperty(k, eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
            rest = rest.substring(0, q);
        }
        if (info != null) {
            for (String k : info.stringPropertyNames()) {
                props.setProperty(k, info.getProperty(k));
            }
        }
        List<HostSpec> hosts = new ArrayList<>();
        String database;
        if (rest.startsWith("//")) {
            rest = rest.substring(2);
            int slash = rest.indexOf('/');
            String hostPart = slash < 0 ? rest : rest.substring(0, slash);
            database = slash < 0 ? "" : decode(rest.substring(slash + 1));
            for (String h : hostPart.split(",")) {
                if (!h.isEmpty()) {
                    hosts.add(host(h));
                }
            }
        } else {
            database = decode(rest);
        }
        if (hosts.isEmpty()) {
            hosts.add(new HostSpec("localhost", DEFAULT_PORT));
        }
        if (database.isEmpty()) {
            database = props.getProperty(DriverProperty.USER.propertyName(), "");
        }
        return new TuskUrl(List.copyOf(hosts), database, props);
    }

    private static HostSpec host(String h) {
        String host = h;
        int port = DEFAULT_PORT;
        if (h.startsWith("[")) {
            int close = h.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("invalid IPv6 host in URL: " + h);
            }
            host = h.substring(1, close);
            if (close + 1 < h.length() && h.charAt(close + 1) == ':') {
                port = port(h.substring(close + 2));
            }
        } else {
            int colon = h.lastIndexOf(':');
            if (colon >= 0) {
                host = h.substring(0, colon);
                port = port(h.substring(colon + 1));
            }
        }
        return new HostSpec(host.isEmpty() ? "localhost" : host, port);
    }

    private static int port(String p) {
        try {
            int port = Integer.parseInt(p);
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid port number in URL: " + p);
        }
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
