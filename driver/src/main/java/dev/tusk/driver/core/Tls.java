package dev.tusk.driver.core;

import dev.tusk.driver.DriverProperty;
import dev.tusk.driver.TuskUrl.HostSpec;
import dev.tusk.protocol.PgConnectionIO;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.Locale;
import java.util.Properties;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * TLS as libpq's sslmode decides it: SSLRequest, then a handshake whose verification depends on the
 * mode (require encrypts without checking the certificate, verify-ca checks the chain against
 * sslrootcert, verify-full also the host name), and the tls-server-end-point channel binding
 * SCRAM-SHA-256-PLUS needs.
 */
final class Tls {
    private Tls() {
    }

    static PgSocket negotiate(PgSocket socket, HostSpec host, Properties props) throws IOException {
        String mode = DriverProperty.SSLMODE.get(props);
        if (props.getProperty(DriverProperty.SSLMODE.propertyName()) == null
                && "true".equalsIgnoreCase(DriverProperty.SSL.get(props))) {
            mode = "require";
        }
        if (mode.equals("disable") || mode.equals("allow")) {
            return socket; // allow: plain first, which always works against a server that takes plain
        }
        PgConnectionIO io = new PgConnectionIO(socket.in(), socket.out());
        ConnectionFactory.sslRequest(io);
        int answer = io.readByte();
        if (answer != 'S') {
            if (mode.equals("prefer")) {
                return socket;
            }
            throw new IOException("The server does not support SSL.");
        }
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(keyManagers(props), trustManagers(mode, props), null);
            SSLSocket tls = (SSLSocket) ctx.getSocketFactory().createSocket(socket.socket(), host.host(), host.port(), true);
            SSLParameters p = tls.getSSLParameters();
            if (mode.equals("verify-full")) {
                p.setEndpointIdentificationAlgorithm("HTTPS");
            }
            if (!host.host().matches("[0-9.:]+")) {
                p.setServerNames(java.util.List.of(new SNIHostName(host.host())));
            }
            tls.setSSLParameters(p);
            tls.startHandshake();
            return socket.upgrade(tls);
        } catch (GeneralSecurityException e) {
            throw new IOException("SSL setup failed: " + e.getMessage(), e);
        }
    }

    private static TrustManager[] trustManagers(String mode, Properties props) throws GeneralSecurityException, IOException {
        if (mode.equals("require") || mode.equals("prefer")) {
            // libpq's require does not verify the server certificate unless a root certificate is given.
            return new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }};
        }
        String root = DriverProperty.SSLROOTCERT.get(props);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        if (root == null) {
            tmf.init((KeyStore) null);
        } else {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            int i = 0;
            for (Certificate c : certificates(Path.of(root))) {
                ks.setCertificateEntry("ca" + i++, c);
            }
            tmf.init(ks);
        }
        return tmf.getTrustManagers();
    }

    private static KeyManager[] keyManagers(Properties props) throws GeneralSecurityException, IOException {
        String cert = DriverProperty.SSLCERT.get(props);
        String key = DriverProperty.SSLKEY.get(props);
        if (cert == null || key == null) {
            return null;
        }
        String pem = Files.readString(Path.of(key));
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        byte[] der = Base64.getDecoder().decode(base64);
        PrivateKey pk;
        try {
            pk = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            pk = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
        }
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        ks.setKeyEntry("client", pk, new char[0], certificates(Path.of(cert)).toArray(new Certificate[0]));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, new char[0]);
        return kmf.getKeyManagers();
    }

    private static Collection<? extends Certificate> certificates(Path pem) throws GeneralSecurityException, IOException {
        try (InputStream in = Files.newInputStream(pem)) {
            return CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
    }

    /**
     * The tls-server-end-point channel binding (RFC 5929): the hash of the server's certificate, with
     * SHA-256 standing in for MD5 and SHA-1; null when the connection is not TLS.
     */
    static byte[] serverEndPoint(PgSocket socket) {
        if (!(socket.socket() instanceof SSLSocket tls)) {
            return null;
        }
        try {
            X509Certificate cert = (X509Certificate) tls.getSession().getPeerCertificates()[0];
            String alg = cert.getSigAlgName().toUpperCase(Locale.ROOT);
            String hash = alg.startsWith("SHA384") ? "SHA-384" : alg.startsWith("SHA512") ? "SHA-512" : "SHA-256";
            return MessageDigest.getInstance(hash).digest(cert.getEncoded());
        } catch (GeneralSecurityException | IOException e) {
            return null;
        }
    }
}
