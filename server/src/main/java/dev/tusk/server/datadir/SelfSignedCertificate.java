package dev.tusk.server.datadir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code tusk initdb --ssl}: a self-signed certificate for a quick start with TLS, written as
 * server.crt and server.key (PEM, the key PKCS#8 and readable by the owner only) in the data
 * directory, as PostgreSQL's documentation makes one with openssl. The key pair and certificate
 * come from the running JDK's keytool (EC P-256, valid ten years, subject and names localhost,
 * 127.0.0.1 and ::1), so nothing beyond the JDK is needed. Clients verify it by naming server.crt as
 * their root certificate (psql {@code sslrootcert=}, pgjdbc {@code sslrootcert=}).
 */
public final class SelfSignedCertificate {
    private SelfSignedCertificate() {
    }

    public static void create(Path dataDirectory) throws IOException {
        Path store = Files.createTempFile(dataDirectory, "server", ".p12");
        Files.delete(store); // keytool creates it
        String password = Base64.getEncoder().encodeToString(new java.security.SecureRandom().generateSeed(12));
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> command = List.of(keytool.toString(), "-genkeypair", "-keyalg", "EC", "-groupname", "secp256r1",
                "-sigalg", "SHA256withECDSA", "-alias", "server", "-dname", "CN=localhost", "-validity", "3650",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1,ip:::1", "-keystore", store.toString(), "-storetype", "PKCS12",
                "-storepass", password, "-keypass", password);
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output;
            try (InputStream in = p.getInputStream()) {
                output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("could not make a certificate with " + keytool + ": " + output.trim());
            }
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                ks.load(in, password.toCharArray());
            }
            Key key = ks.getKey("server", password.toCharArray());
            Certificate cert = ks.getCertificate("server");
            Files.writeString(dataDirectory.resolve("server.crt"), pem("CERTIFICATE", cert.getEncoded()));
            Path keyFile = dataDirectory.resolve("server.key");
            Files.writeString(keyFile, pem("PRIVATE KEY", key.getEncoded()));
            Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while making the certificate", e);
        } catch (GeneralSecurityException e) {
            throw new IOException("could not read the certificate keytool made: " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(store);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
