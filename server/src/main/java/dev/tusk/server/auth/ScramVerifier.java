package dev.tusk.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A SCRAM-SHA-256 password verifier in PostgreSQL's stored form (cf. libpq/auth-scram.c):
 * {@code SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>}, all base64. The password
 * itself is never stored.
 */
public record ScramVerifier(int iterations, byte[] salt, byte[] storedKey, byte[] serverKey) {
    public static final String PREFIX = "SCRAM-SHA-256$";
    private static final int DEFAULT_ITERATIONS = 4096;

    /** A new verifier for a password, with a random salt (PostgreSQL's default 4096 iterations). */
    /** A secret of this server process, so that a mock salt cannot be computed from the user name alone. */
    private static final byte[] MOCK_NONCE = new java.security.SecureRandom().generateSeed(32);

    /**
     * What a role without a SCRAM password (or no role at all) is challenged with (cf. auth-scram.c
     * scram_mock_salt): the same salt for the same name every time, as a real role's would be, and built
     * without PBKDF2, so neither the salt nor the time taken tells an unknown role from a wrong password.
     */
    public static ScramVerifier mock(String user) {
        byte[] digest = sha256((user + '\0' + java.util.Base64.getEncoder().encodeToString(MOCK_NONCE))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        byte[] salt = java.util.Arrays.copyOf(digest, 16);
        byte[] key = sha256(digest);
        return new ScramVerifier(DEFAULT_ITERATIONS, salt, key, sha256(key));
    }

    public static ScramVerifier create(String password) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        return derive(password, salt, DEFAULT_ITERATIONS);
    }

    static ScramVerifier derive(String password, byte[] salt, int iterations) {
        byte[] salted = saltedPassword(password, salt, iterations);
        byte[] clientKey = hmac(salted, "Client Key");
        return new ScramVerifier(iterations, salt, sha256(clientKey), hmac(salted, "Server Key"));
    }

    /** Parses the stored form; null if the text is not a SCRAM verifier. */
    public static ScramVerifier parse(String stored) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            return null;
        }
        try {
            String[] parts = stored.substring(PREFIX.length()).split("\\$");
            String[] iterSalt = parts[0].split(":");
            String[] keys = parts[1].split(":");
            Base64.Decoder b64 = Base64.getDecoder();
            return new ScramVerifier(Integer.parseInt(iterSalt[0]), b64.decode(iterSalt[1]), b64.decode(keys[0]),
                    b64.decode(keys[1]));
        } catch (RuntimeException e) {
            return null;
        }
    }

    public String stored() {
        Base64.Encoder b64 = Base64.getEncoder();
        return PREFIX + iterations + ":" + b64.encodeToString(salt) + "$" + b64.encodeToString(storedKey) + ":"
                + b64.encodeToString(serverKey);
    }

    /** Whether a cleartext password matches (for the password method against a SCRAM verifier). */
    boolean matches(String password) {
        return MessageDigest.isEqual(derive(password, salt, iterations).storedKey, storedKey);
    }

    static byte[] saltedPassword(String password, byte[] salt, int iterations) {
        try {
            SecretKeyFactory f = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
            return f.generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256)).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] hmac(byte[] key, String message) {
        return hmac(key, message.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] hmac(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
