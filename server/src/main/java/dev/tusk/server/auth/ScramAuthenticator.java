package dev.tusk.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The server side of one SCRAM-SHA-256 exchange (RFC 5802 / 7677, cf. libpq/auth-scram.c): reads
 * the client-first-message, answers with the server-first-message, checks the client's proof in
 * the client-final-message and answers with the server signature. Channel binding is not offered
 * (no TLS yet), so the client must send the "n" or "y" GS2 header.
 */
public final class ScramAuthenticator {
    private final ScramVerifier verifier;
    private String clientFirstBare;
    private String serverFirst;
    private String nonce;

    /**
     * verifier may be null (no password, not a SCRAM one, or no such role): the exchange runs against the
     * user's mock verifier and then fails, revealing nothing.
     */
    public ScramAuthenticator(ScramVerifier verifier, String user) {
        this.verifier = verifier != null ? verifier : ScramVerifier.mock(user);
    }

    /** Takes the client-first-message and returns the server-first-message. */
    public String first(String clientFirst) throws AuthenticationException {
        if (!(clientFirst.startsWith("n,") || clientFirst.startsWith("y,"))) {
            throw new AuthenticationException("unsupported SCRAM channel-binding flag");
        }
        int bare = clientFirst.indexOf(',', 2);
        if (bare < 0) {
            throw new AuthenticationException("malformed SCRAM message");
        }
        clientFirstBare = clientFirst.substring(bare + 1);
        String clientNonce = attribute(clientFirstBare, 'r');
        nonce = clientNonce + Base64.getEncoder().encodeToString(randomBytes(18));
        serverFirst = "r=" + nonce + ",s=" + Base64.getEncoder().encodeToString(verifier.salt()) + ",i=" + verifier.iterations();
        return serverFirst;
    }

    /** Takes the client-final-message; returns the server-final-message if the proof is right. */
    public String last(String clientFinal) throws AuthenticationException {
        int proofAt = clientFinal.lastIndexOf(",p=");
        if (proofAt < 0) {
            throw new AuthenticationException("malformed SCRAM message");
        }
        String withoutProof = clientFinal.substring(0, proofAt);
        if (!nonce.equals(attribute(withoutProof, 'r'))) {
            throw new AuthenticationException("SCRAM nonce mismatch");
        }
        byte[] proof = Base64.getDecoder().decode(clientFinal.substring(proofAt + 3));
        String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
        byte[] clientSignature = ScramVerifier.hmac(verifier.storedKey(), authMessage);
        if (proof.length != clientSignature.length) {
            throw new AuthenticationException("invalid SCRAM proof");
        }
        byte[] clientKey = new byte[proof.length];
        for (int i = 0; i < proof.length; i++) {
            clientKey[i] = (byte) (proof[i] ^ clientSignature[i]);
        }
        if (!MessageDigest.isEqual(ScramVerifier.sha256(clientKey), verifier.storedKey())) {
            throw new AuthenticationException("password does not match");
        }
        return "v=" + Base64.getEncoder().encodeToString(ScramVerifier.hmac(verifier.serverKey(), authMessage));
    }

    private static String attribute(String message, char name) throws AuthenticationException {
        for (String part : message.split(",")) {
            if (part.length() > 2 && part.charAt(0) == name && part.charAt(1) == '=') {
                return part.substring(2);
            }
        }
        throw new AuthenticationException("malformed SCRAM message: no " + name + " attribute");
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new SecureRandom().nextBytes(b);
        return b;
    }
}
