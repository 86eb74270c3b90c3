package dev.tusk.driver.core;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The client side of one SCRAM-SHA-256[-PLUS] exchange (RFC 5802 / 7677; cf. libpq's
 * fe-auth-scram.c): client-first, client-final with the proof, then the server's signature checked,
 * so a server that does not know the password cannot pass itself off as one that does.
 */
final class ScramClient {
    private final String password;
    private final String gs2Header;
    private final byte[] channelBindingData;
    private final String clientNonce;
    private String clientFirstBare;
    private byte[] expectedServerSignature;

    /** channelBindingData is the tls-server-end-point hash for -PLUS, null without channel binding. */
    ScramClient(String password, boolean clientSupportsBinding, byte[] channelBindingData) {
        this.password = password;
        this.channelBindingData = channelBindingData;
        this.gs2Header = channelBindingData != null ? "p=tls-server-end-point,," : clientSupportsBinding ? "y,," : "n,,";
        byte[] nonce = new byte[18];
        new SecureRandom().nextBytes(nonce);
        this.clientNonce = Base64.getEncoder().encodeToString(nonce);
    }

    byte[] clientFirst() {
        // The user name goes in the startup packet; PostgreSQL ignores the one here.
        clientFirstBare = "n=,r=" + clientNonce;
        return (gs2Header + clientFirstBare).getBytes(StandardCharsets.UTF_8);
    }

    byte[] clientFinal(byte[] serverFirstBytes) throws AuthenticationFailure {
        String serverFirst = new String(serverFirstBytes, StandardCharsets.UTF_8);
        String nonce = null;
        byte[] salt = null;
        int iterations = -1;
        for (String attr : serverFirst.split(",")) {
            if (attr.startsWith("r=")) {
                nonce = attr.substring(2);
            } else if (attr.startsWith("s=")) {
                salt = Base64.getDecoder().decode(attr.substring(2));
            } else if (attr.startsWith("i=")) {
                iterations = Integer.parseInt(attr.substring(2));
            }
        }
        if (nonce == null || salt == null || iterations < 1 || !nonce.startsWith(clientNonce)) {
            throw new AuthenticationFailure("invalid SCRAM server-first-message");
        }
        byte[] header = gs2Header.getBytes(StandardCharsets.UTF_8);
        byte[] binding = header;
        if (channelBindingData != null) {
            binding = new byte[header.length + channelBindingData.length];
            System.arraycopy(header, 0, binding, 0, header.length);
            System.arraycopy(channelBindingData, 0, binding, header.length, channelBindingData.length);
        }
        String withoutProof = "c=" + Base64.getEncoder().encodeToString(binding) + ",r=" + nonce;
        String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
        try {
            byte[] salted = saltedPassword(salt, iterations);
            byte[] clientKey = hmac(salted, "Client Key");
            byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(clientKey);
            byte[] signature = hmac(storedKey, authMessage);
            byte[] proof = new byte[clientKey.length];
            for (int i = 0; i < proof.length; i++) {
                proof[i] = (byte) (clientKey[i] ^ signature[i]);
            }
            expectedServerSignature = hmac(hmac(salted, "Server Key"), authMessage);
            return (withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof)).getBytes(StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new AuthenticationFailure("SCRAM computation failed: " + e.getMessage());
        }
    }

    void verifyServerFinal(byte[] serverFinalBytes) throws AuthenticationFailure {
        String serverFinal = new String(serverFinalBytes, StandardCharsets.UTF_8);
        if (serverFinal.startsWith("e=")) {
            throw new AuthenticationFailure("SCRAM authentication failed: " + serverFinal.substring(2));
        }
        if (!serverFinal.startsWith("v=") || expectedServerSignature == null || !MessageDigest.isEqual(
                expectedServerSignature, Base64.getDecoder().decode(serverFinal.substring(2).split(",")[0]))) {
            throw new AuthenticationFailure("invalid server signature in SCRAM server-final-message");
        }
    }

    /**
     * SaltedPassword by (password, salt, iterations): 4096 rounds of PBKDF2 cost a connection more
     * than everything else in it, and a pool reconnects with the same three every time. Holding the
     * derived key is no more sensitive than holding the password, which the driver already does.
     */
    private static final java.util.Map<String, byte[]> SALTED = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int SALTED_MAX = 64;

    private byte[] saltedPassword(byte[] salt, int iterations) throws GeneralSecurityException {
        String key = password + '\0' + Base64.getEncoder().encodeToString(salt) + '\0' + iterations;
        byte[] cached = SALTED.get(key);
        if (cached != null) {
            return cached;
        }
        byte[] derived = derive(salt, iterations);
        if (SALTED.size() >= SALTED_MAX) {
            SALTED.clear(); // rare: more than 64 distinct credentials in one JVM
        }
        SALTED.put(key, derived);
        return derived;
    }

    private byte[] derive(byte[] salt, int iterations) throws GeneralSecurityException {
        // SASLprep is approximated by NFKC, which is what it reduces to for passwords without
        // prohibited characters; PostgreSQL falls back to the raw bytes the same way.
        String normalized = Normalizer.normalize(password, Normalizer.Form.NFKC);
        PBEKeySpec spec = new PBEKeySpec(normalized.toCharArray(), salt, iterations, 256);
        return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    }

    private static byte[] hmac(byte[] key, String message) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
    }

    /** Authentication could not be completed for a reason of the exchange itself (not a server error). */
    static final class AuthenticationFailure extends Exception {
        AuthenticationFailure(String message) {
            super(message);
        }
    }
}
