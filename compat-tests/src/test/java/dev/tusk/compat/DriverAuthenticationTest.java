package dev.tusk.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tusk's driver authenticating with each password method (cleartext, md5, SCRAM-SHA-256) to a real
 * PostgreSQL 15 whose pg_hba.conf is switched per method, and to Tusk; and protocol 3.2 and
 * multi-host failover.
 */
class DriverAuthenticationTest {
    static Pg15Server pg;

    @BeforeAll
    static void startPg() throws Exception {
        pg = Pg15Server.start();
        try (Connection c = DriverManager.getConnection(unixUrl()); Statement s = c.createStatement()) {
            s.execute("set password_encryption = 'scram-sha-256'");
            s.execute("alter role postgres password 's3cret'");
            s.execute("create role md5user login");
            s.execute("set password_encryption = 'md5'");
            s.execute("alter role md5user password 's3cret'");
        }
    }

    @AfterAll
    static void stopPg() throws Exception {
        pg.close();
    }

    static String unixUrl() {
        return "jdbc:tusk://localhost:" + pg.port + "/postgres?user=postgres&unixSocketDirectory=" + pg.dir;
    }

    private static void pgHba(String method) throws Exception {
        Files.writeString(pg.dir.resolve("data/pg_hba.conf"), "local all all trust\nhost all all 127.0.0.1/32 " + method + "\n");
        try (Connection c = DriverManager.getConnection(unixUrl()); Statement s = c.createStatement()) {
            s.execute("select pg_reload_conf()");
        }
        Thread.sleep(300); // the postmaster rereads the file on SIGHUP, asynchronously
    }

    @ParameterizedTest
    @ValueSource(strings = {"scram-sha-256", "md5", "password"})
    void passwordMethodsAgainstPostgres(String method) throws Exception {
        pgHba(method);
        String user = method.equals("md5") ? "md5user" : "postgres";
        String url = "jdbc:tusk://127.0.0.1:" + pg.port + "/postgres?user=" + user;
        try (Connection c = DriverManager.getConnection(url + "&password=s3cret");
             ResultSet rs = c.createStatement().executeQuery("select current_user")) {
            rs.next();
            assertEquals(user, rs.getString(1));
        }
        SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(url + "&password=wrong"));
        assertEquals("28P01", e.getSQLState());
        e = assertThrows(SQLException.class, () -> DriverManager.getConnection(url));
        assertEquals("08004", e.getSQLState(), "no password given: said before anything is sent");
    }

    @ParameterizedTest
    @ValueSource(strings = {"scram-sha-256", "md5", "password"})
    void passwordMethodsAgainstTusk(String method) throws Exception {
        try (TuskServer tusk = TuskServer.start(method, "s3cret")) {
            String url = "jdbc:tusk://127.0.0.1:" + tusk.port() + "/postgres?user=postgres";
            try (Connection c = DriverManager.getConnection(url + "&password=s3cret");
                 ResultSet rs = c.createStatement().executeQuery("select current_user")) {
                rs.next();
                assertEquals("postgres", rs.getString(1));
            }
            SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(url + "&password=wrong"));
            assertEquals("28P01", e.getSQLState());
        }
    }

    /**
     * TLS against PostgreSQL with a certificate signed by a throwaway CA: sslmode=require encrypts,
     * verify-full checks the chain and the host name, and SCRAM-SHA-256-PLUS binds the
     * authentication to the TLS channel (channelBinding=require fails if it cannot).
     */
    @Test
    void tlsVerificationAndScramChannelBinding() throws Exception {
        java.nio.file.Path d = pg.dir.resolve("data");
        run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=Test CA",
                "-keyout", d.resolve("ca.key").toString(), "-out", d.resolve("ca.crt").toString());
        run("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost",
                "-keyout", d.resolve("server.key").toString(), "-out", d.resolve("server.csr").toString());
        java.nio.file.Path ext = d.resolve("san.ext");
        Files.writeString(ext, "subjectAltName=DNS:localhost\n");
        run("openssl", "x509", "-req", "-in", d.resolve("server.csr").toString(), "-CA", d.resolve("ca.crt").toString(),
                "-CAkey", d.resolve("ca.key").toString(), "-CAcreateserial", "-days", "2", "-sha256",
                "-extfile", ext.toString(), "-out", d.resolve("server.crt").toString());
        run("chown", "postgres", d.resolve("server.key").toString(), d.resolve("server.crt").toString());
        run("chmod", "600", d.resolve("server.key").toString());
        try (Connection c = DriverManager.getConnection(unixUrl()); Statement s = c.createStatement()) {
            s.execute("alter system set ssl = on");
        }
        pgHba("scram-sha-256");
        String base = "jdbc:tusk://localhost:" + pg.port + "/postgres?user=postgres&password=s3cret";
        for (String options : new String[] {"&sslmode=require", "&sslmode=verify-full&sslrootcert=" + d.resolve("ca.crt"),
            "&sslmode=require&channelBinding=require"}) {
            try (Connection c = DriverManager.getConnection(base + options);
                 ResultSet rs = c.createStatement().executeQuery("select ssl from pg_stat_ssl where pid = pg_backend_pid()")) {
                rs.next();
                assertEquals(true, rs.getBoolean(1), options);
            }
        }
        // The server's certificate is not signed by the JDK's default authorities: verify-ca refuses it.
        SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(base + "&sslmode=verify-ca"));
        assertEquals("08001", e.getSQLState());
        e = assertThrows(SQLException.class, () -> DriverManager.getConnection(
                base.replace("localhost", "127.0.0.1") + "&sslmode=verify-full&sslrootcert=" + d.resolve("ca.crt")));
        assertEquals("08001", e.getSQLState(), "the certificate names localhost, not 127.0.0.1");
        try (Connection c = DriverManager.getConnection(unixUrl()); Statement s = c.createStatement()) {
            s.execute("alter system reset ssl");
            s.execute("select pg_reload_conf()");
        }
    }

    private static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + ": " + out);
        }
    }

    /** A connection the server ends says so once and is closed: isValid false, no half-working state. */
    @Test
    void aConnectionTheServerEndsIsClosed() throws Exception {
        try (Connection victim = DriverManager.getConnection(unixUrl()); Connection admin = DriverManager.getConnection(unixUrl())) {
            int pid = victim.unwrap(dev.tusk.driver.TuskConnection.class).getBackendPid();
            admin.createStatement().execute("select pg_terminate_backend(" + pid + ")");
            assertBroken(victim);
        }
        TuskServer tusk = TuskServer.start();
        Connection c = DriverManager.getConnection("jdbc:tusk://127.0.0.1:" + tusk.port() + "/postgres?user=postgres");
        tusk.close(); // fast shutdown: the backend sends FATAL 57P01 and closes
        assertBroken(c);
    }

    private static void assertBroken(Connection c) throws Exception {
        SQLException e = assertThrows(SQLException.class, () -> c.createStatement().executeQuery("select 1"));
        org.junit.jupiter.api.Assertions.assertTrue(e.getSQLState().equals("57P01") || e.getSQLState().startsWith("08"),
                e.getSQLState() + " " + e.getMessage());
        org.junit.jupiter.api.Assertions.assertTrue(c.isClosed());
        org.junit.jupiter.api.Assertions.assertFalse(c.isValid(1));
        SQLException again = assertThrows(SQLException.class, () -> c.createStatement());
        assertEquals("08003", again.getSQLState());
    }

    @Test
    void protocol32AndFailoverToTheNextHost() throws Exception {
        try (TuskServer tusk = TuskServer.start()) {
            int dead = Ports.free();
            String url = "jdbc:tusk://127.0.0.1:" + dead + ",127.0.0.1:" + tusk.port() + "/postgres?user=postgres&protocolVersion=3.2";
            try (Connection c = DriverManager.getConnection(url); ResultSet rs = c.createStatement().executeQuery("select 1")) {
                rs.next();
                assertEquals(1, rs.getInt(1));
                // A 3.2 backend key is longer than 4 bytes; cancel must still reach the backend.
                c.unwrap(dev.tusk.driver.TuskConnection.class).cancelQuery();
            }
            SQLException e = assertThrows(SQLException.class,
                    () -> DriverManager.getConnection("jdbc:tusk://127.0.0.1:" + dead + "/postgres?user=postgres"));
            assertEquals("08001", e.getSQLState());
        }
    }
}
