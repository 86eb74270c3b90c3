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
    public ScramAuthenticator(ScramVerifier verifier, String user, byte[] tlsEndPoint) {
        this.verifier = verifier != null ? verifier : ScramVerifier.mock(user);
        this.tlsEndPoint = tlsEndPoint;
    }

    /** tls-server-end-point of the connection (null without TLS), and whether the client chose SCRAM-SHA-256-PLUS. */
    private final byte[] tlsEndPoint;
    private boolean plus;
    /** The GS2 header of the client-first-message, which the client-final-message's c= must carry back. */
    private String gs2Header;

    /** The mechanism the client selected: SCRAM-SHA-256-PLUS (channel binding) or SCRAM-SHA-256. */
    public void mechanism(boolean channelBinding) {
        this.plus = channelBinding;
    }

    /**
     * Takes the client-first-message and returns the server-first-message. The GS2 flag must fit the
     * mechanism (cf. auth-scram.c read_client_first_message): p=tls-server-end-point with -PLUS; n, or
     * y when the server offered no binding (a client saying "y" to a server that did offer it was
     * downgraded by someone in between).
     */
    public String first(String clientFirst) throws AuthenticationException {
        if (plus) {
            if (!clientFirst.startsWith("p=tls-server-end-point,")) {
                throw new AuthenticationException("unsupported SCRAM channel-binding type");
            }
        } else if (clientFirst.startsWith("y,") && tlsEndPoint != null) {
            throw new AuthenticationException("SCRAM channel binding negotiation error");
        } else if (!(clientFirst.startsWith("n,") || clientFirst.startsWith("y,"))) {
            throw new AuthenticationException("unsupported SCRAM channel-binding flag");
        }
        int comma = clientFirst.indexOf(',');
        int bare = comma < 0 ? -1 : clientFirst.indexOf(',', comma + 1);
        if (bare < 0) {
            throw new AuthenticationException("malformed SCRAM message");
        }
        gs2Header = clientFirst.substring(0, bare + 1);
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
        byte[] binding = gs2Header.getBytes(StandardCharsets.US_ASCII);
        if (plus) {
            byte[] withData = new byte[binding.length + tlsEndPoint.length];
            System.arraycopy(binding, 0, withData, 0, binding.length);
            System.arraycopy(tlsEndPoint, 0, withData, binding.length, tlsEndPoint.length);
            binding = withData;
        }
        if (!MessageDigest.isEqual(Base64.getEncoder().encode(binding),
                attribute(withoutProof, 'c').getBytes(StandardCharsets.US_ASCII))) {
            throw new AuthenticationException("SCRAM channel binding check failed");
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
