package dev.tusk.server.datadir;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** pg_hba.conf: reads the rules in order and finds the one that applies to a connection. */
public final class HbaFile {
    private final List<HbaRule> rules;

    private HbaFile(List<HbaRule> rules) {
        this.rules = rules;
    }

    public static HbaFile read(Path file) throws IOException {
        List<HbaRule> rules = new ArrayList<>();
        int lineNo = 0;
        for (String raw : Files.readAllLines(file)) {
            lineNo++;
            int hash = raw.indexOf('#');
            String line = (hash >= 0 ? raw.substring(0, hash) : raw).trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\\s+");
            boolean local = f[0].equals("local");
            int methodAt = local ? 3 : 4;
            if (f.length <= methodAt || !(local || java.util.Set.of("host", "hostssl", "hostnossl", "hostgssenc",
                    "hostnogssenc").contains(f[0]))) {
                throw new IOException("invalid line " + lineNo + " of " + file + ": " + raw);
            }
            InetAddress net = local ? null : HbaRule.network(f[3]);
            rules.add(new HbaRule(local ? "local" : f[0], Arrays.asList(f[1].split(",")), Arrays.asList(f[2].split(",")),
                    net, local ? 0 : HbaRule.prefix(f[3], net), f[methodAt], lineNo));
        }
        return new HbaFile(rules);
    }

    /** The first matching rule, or null if none applies (the connection is refused). */
    public HbaRule match(String database, String user, InetAddress address) {
        return match(database, user, address, false);
    }

    /** The first rule matching a connection that is (ssl) or is not encrypted with TLS. */
    public HbaRule match(String database, String user, InetAddress address, boolean ssl) {
        for (HbaRule r : rules) {
            if (r.matches(database, user, address, ssl)) {
                return r;
            }
        }
        return null;
    }
}
