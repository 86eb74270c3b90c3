package dev.tusk.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TLS on Tusk's server as real clients use it: initdb --ssl's certificate, pg_hba.conf allowing
 * only hostssl; psql with sslmode=verify-full (and channel_binding=require, which needs
 * SCRAM-SHA-256-PLUS), pgjdbc with sslmode=verify-full and channelBinding=require, Tusk's driver
 * likewise; a plain connection is refused by pg_hba.conf, and bytes sent unencrypted after the
 * SSLRequest end the connection.
 */
class TlsTest {
    private static TuskServer tusk;
    private static Path rootCert;

    @BeforeAll
    static void start() throws Exception {
        tusk = TuskServer.startWithTls("secret");
        rootCert = tusk.dir.resolve("data").resolve("server.crt");
    }

    @AfterAll
    static void stop() throws Exception {
        tusk.close();
    }

    private static String psql(String conninfo, String sql) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("psql", "-X", "-At", conninfo, "-c", sql));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("PGPASSWORD", "secret");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out.trim();
    }

    @Test
    void psqlVerifiesTheServerAndBindsTheChannel() throws Exception {
        String base = "host=localhost hostaddr=127.0.0.1 port=" + tusk.port() + " dbname=postgres user=postgres sslrootcert=" + rootCert;
        assertEquals("1", psql(base + " sslmode=verify-full", "select 1"));
        assertEquals("1", psql(base + " sslmode=verify-full channel_binding=require", "select 1"));
        assertTrue(psql(base + " sslmode=verify-full", "\\conninfo").contains("SSL connection (protocol: TLSv1."));
        String plain = psql(base + " sslmode=disable", "select 1");
        assertTrue(plain.contains("no pg_hba.conf entry for host \"127.0.0.1\", user \"postgres\", database \"postgres\", no encryption"),
                plain);
        // a certificate for localhost does not verify for another name
        String wrongName = psql("host=127.0.0.2 hostaddr=127.0.0.1 port=" + tusk.port() + " dbname=postgres user=postgres sslmode=verify-full sslrootcert=" + rootCert, "select 1");
        assertTrue(wrongName.contains("does not match host name"), wrongName);
    }

    @Test
    void pgjdbcAndTusksDriverRequireChannelBinding() throws Exception {
        String query = "/postgres?user=postgres&password=secret&sslmode=verify-full&sslrootcert=" + rootCert + "&channelBinding=require";
        for (String url : new String[] {"jdbc:postgresql://localhost:" + tusk.port() + query, "jdbc:tusk://localhost:" + tusk.port() + query}) {
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select 42")) {
                rs.next();
                assertEquals(42, rs.getInt(1), url);
            }
            SQLException plain = assertThrows(SQLException.class, () -> DriverManager.getConnection(url.replace("sslmode=verify-full", "sslmode=disable")
                    .replace("&channelBinding=require", "")));
            assertEquals("28000", plain.getSQLState(), url);
        }
    }

    @Test
    void unencryptedBytesAfterTheSslRequestEndTheConnection() throws Exception {
        try (Socket s = new Socket("127.0.0.1", tusk.port())) {
            OutputStream out = s.getOutputStream();
            // SSLRequest and, in the same write, the start of a plaintext startup packet
            out.write(new byte[] {0, 0, 0, 8, 0x04, (byte) 0xd2, 0x16, 0x2f, 0, 0, 0, 9, 0, 3, 0, 0, 0});
            out.flush();
            InputStream in = s.getInputStream();
            byte[] reply = in.readAllBytes();
            String text = new String(reply, StandardCharsets.UTF_8);
            assertEquals('E', reply[0], text);
            assertTrue(text.contains("08P01") && text.contains("received unencrypted data after SSL request"), text);
        }
    }
}
