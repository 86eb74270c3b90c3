package dev.tusk.server.datadir;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * One line of pg_hba.conf (cf. libpq/hba.c): connection type, databases, users, client address and
 * method. The first rule that matches a connection decides how it authenticates.
 */
public record HbaRule(String type, List<String> databases, List<String> users, InetAddress network, int prefix,
                      String method, int line) {

    /** Does this rule apply to a connection? address is null for a Unix-domain socket. */
    public boolean matches(String database, String user, InetAddress address) {
        return matches(database, user, address, false);
    }

    /** Does this rule apply to a connection, encrypted with TLS or not (hostssl / hostnossl)? */
    public boolean matches(String database, String user, InetAddress address, boolean ssl) {
        if (type.equals("local") != (address == null)) {
            return false;
        }
        if ((type.equals("hostssl") && !ssl) || (type.equals("hostnossl") && ssl) || type.equals("hostgssenc")) {
            return false; // Tusk has no GSSAPI encryption: hostgssenc lines never match
        }
        if (!databases.contains("all") && !databases.contains(database)
                && !(databases.contains("sameuser") && database.equals(user))) {
            return false;
        }
        if (!users.contains("all") && !users.contains(user)) {
            return false;
        }
        return address == null || network == null || inNetwork(address);
    }

    private boolean inNetwork(InetAddress address) {
        byte[] a = address.getAddress();
        byte[] n = network.getAddress();
        if (a.length != n.length) {
            // an IPv4 client on a dual-stack socket arrives as IPv4; compare like with like only
            return false;
        }
        int bits = prefix;
        for (int i = 0; i < a.length && bits > 0; i++, bits -= 8) {
            int mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
            if ((a[i] & mask) != (n[i] & mask)) {
                return false;
            }
        }
        return true;
    }

    /** Parses an address field in CIDR form ("127.0.0.1/32", "::1/128"), or "all". */
    static InetAddress network(String cidr) throws UnknownHostException {
        if (cidr.equals("all") || cidr.equals("samehost") || cidr.equals("samenet")) {
            return null;
        }
        int slash = cidr.indexOf('/');
        return InetAddress.getByName(slash < 0 ? cidr : cidr.substring(0, slash));
    }

    static int prefix(String cidr, InetAddress network) {
        int slash = cidr.indexOf('/');
        if (slash >= 0) {
            return Integer.parseInt(cidr.substring(slash + 1));
        }
        return network == null ? 0 : network.getAddress().length * 8;
    }
}
