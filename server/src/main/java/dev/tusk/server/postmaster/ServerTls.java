package dev.tusk.server.postmaster;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
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
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * The server side of TLS (cf. libpq/be-secure-openssl.c be_tls_init / be_tls_open_server): the
 * certificate chain and private key of ssl_cert_file and ssl_key_file (PEM; the key as PKCS#8, or
 * PKCS#1 for RSA, RSA or EC), TLS 1.2 and 1.3 only, and the certificate's tls-server-end-point hash
 * that SCRAM-SHA-256-PLUS binds to (RFC 5929). Loaded once by the postmaster; thread-safe.
 */
public final class ServerTls {
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final SSLContext context;
    private final byte[] endPoint;

    private ServerTls(SSLContext context, byte[] endPoint) {
        this.context = context;
        this.endPoint = endPoint;
    }

    /** Loads the installation's certificate and key; an error names the file, as PostgreSQL's start does. */
    public static ServerTls load(Path certFile, Path keyFile) throws IOException {
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            List<Certificate> chain = List.copyOf(cf.generateCertificates(new ByteArrayInputStream(Files.readAllBytes(certFile))));
            if (chain.isEmpty()) {
                throw new IOException("could not load server certificate file \"" + certFile + "\": no certificate");
            }
            PrivateKey key = privateKey(Files.readString(keyFile, StandardCharsets.US_ASCII), keyFile);
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", key, new char[0], chain.toArray(new Certificate[0]));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, new char[0]);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, null);
            return new ServerTls(context, endPoint((X509Certificate) chain.get(0)));
        } catch (GeneralSecurityException e) {
            throw new IOException("could not load server certificate or key (" + certFile + ", " + keyFile + "): "
                    + e.getMessage(), e);
        }
    }

    /** Completes the TLS handshake on a connection that sent SSLRequest and was answered 'S'. */
    public SSLSocket accept(Socket plain) throws IOException {
        SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket(plain, null, plain.getPort(), true);
        s.setUseClientMode(false);
        s.setEnabledProtocols(PROTOCOLS);
        s.startHandshake();
        return s;
    }

    /** The hash of the server certificate that tls-server-end-point channel binding uses. */
    public byte[] tlsServerEndPoint() {
        return endPoint.clone();
    }

    /** RFC 5929: the certificate's signature hash, SHA-256 in place of MD5 and SHA-1. */
    private static byte[] endPoint(X509Certificate cert) throws GeneralSecurityException {
        String sig = cert.getSigAlgName().toUpperCase(java.util.Locale.ROOT);
        String hash = sig.startsWith("SHA384") ? "SHA-384" : sig.startsWith("SHA512") ? "SHA-512" : "SHA-256";
        return MessageDigest.getInstance(hash).digest(cert.getEncoded());
    }

    private static PrivateKey privateKey(String pem, Path file) throws GeneralSecurityException, IOException {
        byte[] der;
        boolean pkcs1 = pem.contains("BEGIN RSA PRIVATE KEY");
        String body = pem.replaceAll("-----(BEGIN|END)[^-]*-----", "").replaceAll("\\s", "");
        try {
            der = Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new IOException("could not load private key file \"" + file + "\": not PEM");
        }
        if (pem.contains("ENCRYPTED")) {
            throw new IOException("private key file \"" + file + "\" is encrypted; Tusk needs it unencrypted");
        }
        if (pkcs1) {
            der = pkcs1ToPkcs8(der);
        }
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException wrongAlgorithm) {
                // try the next
            }
        }
        throw new IOException("could not load private key file \"" + file + "\": neither an RSA nor an EC key in PKCS#8");
    }

    /** Wraps a PKCS#1 RSAPrivateKey in a PKCS#8 PrivateKeyInfo (version 0, rsaEncryption, the key as an OCTET STRING). */
    private static byte[] pkcs1ToPkcs8(byte[] pkcs1) {
        byte[] algorithm = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
        byte[] version = {0x02, 0x01, 0x00};
        byte[] octets = der(0x04, pkcs1);
        byte[] inner = new byte[version.length + algorithm.length + octets.length];
        System.arraycopy(version, 0, inner, 0, version.length);
        System.arraycopy(algorithm, 0, inner, version.length, algorithm.length);
        System.arraycopy(octets, 0, inner, version.length + algorithm.length, octets.length);
        return der(0x30, inner);
    }

    private static byte[] der(int tag, byte[] content) {
        int n = content.length;
        byte[] length = n < 0x80 ? new byte[] {(byte) n}
                : n < 0x100 ? new byte[] {(byte) 0x81, (byte) n}
                : n < 0x10000 ? new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n}
                : new byte[] {(byte) 0x83, (byte) (n >> 16), (byte) (n >> 8), (byte) n};
        byte[] out = new byte[1 + length.length + n];
        out[0] = (byte) tag;
        System.arraycopy(length, 0, out, 1, length.length);
        System.arraycopy(content, 0, out, 1 + length.length, n);
        return out;
    }
}
