package dev.tusk.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** PostgreSQL's md5 password scheme: stored "md5" + md5(password || user), sent salted as "md5" + md5(stored || salt). */
public final class Md5Password {
    private Md5Password() {
    }

    public static String verifier(String user, String password) {
        return "md5" + md5Hex((password + user).getBytes(StandardCharsets.UTF_8));
    }

    /** Whether the client's salted response matches the stored md5 verifier. */
    static boolean matches(String storedVerifier, byte[] salt, String response) {
        byte[] inner = storedVerifier.substring(3).getBytes(StandardCharsets.US_ASCII);
        byte[] salted = new byte[inner.length + salt.length];
        System.arraycopy(inner, 0, salted, 0, inner.length);
        System.arraycopy(salt, 0, salted, inner.length, salt.length);
        return MessageDigest.isEqual(("md5" + md5Hex(salted)).getBytes(StandardCharsets.US_ASCII),
                response.getBytes(StandardCharsets.US_ASCII));
    }

    static String md5Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
