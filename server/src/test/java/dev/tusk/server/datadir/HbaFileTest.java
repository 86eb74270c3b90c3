package dev.tusk.server.datadir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** pg_hba.conf: first matching line by connection type, database, user and address. */
class HbaFileTest {
    @Test
    void firstMatchingRuleDecides(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path f = dir.resolve("pg_hba.conf");
        Files.writeString(f, String.join("\n",
                "# comment",
                "local   all      all                  trust",
                "host    appdb    app    10.0.0.0/8     scram-sha-256",
                "host    all      bad    0.0.0.0/0      reject",
                "host    all      all    127.0.0.1/32   md5",
                ""));
        HbaFile hba = HbaFile.read(f);
        assertEquals("trust", hba.match("any", "anyone", null).method());
        assertEquals("scram-sha-256", hba.match("appdb", "app", InetAddress.getByName("10.1.2.3")).method());
        assertEquals("reject", hba.match("x", "bad", InetAddress.getByName("127.0.0.1")).method());
        assertEquals("md5", hba.match("appdb", "app", InetAddress.getByName("127.0.0.1")).method());
        assertNull(hba.match("x", "y", InetAddress.getByName("192.168.1.1")), "no line applies");
    }

    @Test
    void hostsslMatchesOnlyEncryptedConnectionsAndHostnosslOnlyPlainOnes(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path f = dir.resolve("pg_hba.conf");
        Files.writeString(f, String.join("\n",
                "hostssl   all  all  127.0.0.1/32  scram-sha-256",
                "hostnossl all  all  127.0.0.1/32  reject",
                "hostgssenc all all  127.0.0.1/32  trust"));
        HbaFile hba = HbaFile.read(f);
        java.net.InetAddress local = java.net.InetAddress.getByName("127.0.0.1");
        org.junit.jupiter.api.Assertions.assertEquals("scram-sha-256", hba.match("postgres", "app", local, true).method());
        org.junit.jupiter.api.Assertions.assertEquals("reject", hba.match("postgres", "app", local, false).method());
        Files.writeString(f, "hostssl all all 127.0.0.1/32 trust\n");
        org.junit.jupiter.api.Assertions.assertNull(HbaFile.read(f).match("postgres", "app", local, false),
                "a plain connection has no hostssl entry");
        Files.writeString(f, "hostfoo all all 127.0.0.1/32 trust\n");
        org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, () -> HbaFile.read(f));
    }
}
