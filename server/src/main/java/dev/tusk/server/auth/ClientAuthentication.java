package dev.tusk.server.auth;

import dev.tusk.protocol.FrontendMessage;
import dev.tusk.protocol.PgConnectionIO;
import dev.tusk.protocol.SqlState;
import dev.tusk.protocol.message.auth.AuthenticationCleartextPassword;
import dev.tusk.protocol.message.auth.AuthenticationMD5Password;
import dev.tusk.protocol.message.auth.AuthenticationSASL;
import dev.tusk.protocol.message.auth.AuthenticationSASLContinue;
import dev.tusk.protocol.message.auth.AuthenticationSASLFinal;
import dev.tusk.protocol.message.auth.PasswordMessage;
import dev.tusk.protocol.message.auth.SaslInitialResponse;
import dev.tusk.protocol.message.auth.SaslResponse;
import dev.tusk.server.error.PgException;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.logging.Logger;

/**
 * The password exchanges of pg_hba.conf's methods (cf. libpq/auth.c ClientAuthentication):
 * {@code password} (cleartext), {@code md5} (which uses SCRAM when the stored verifier is SCRAM, as
 * PostgreSQL does) and {@code scram-sha-256}. Any failure is reported to the client only as
 * "password authentication failed", whatever the reason (unknown role, no password, wrong one).
 */
public final class ClientAuthentication {
    private static final Logger LOG = Logger.getLogger("tusk.auth");

    private ClientAuthentication() {
    }

    /** Whether Tusk implements the method (trust and reject are decided by the caller). */
    public static boolean isPasswordMethod(String method) {
        return List.of("password", "md5", "scram-sha-256").contains(method);
    }

    /**
     * Runs the method's exchange; returns when the client proved the password, else throws the FATAL
     * error to send.
     *
     * @param stored the role's stored verifier (md5 or SCRAM), or null when the role has none or does not exist
     * @param tlsEndPoint the TLS connection's tls-server-end-point hash (SCRAM-SHA-256-PLUS is then offered
     *                    first), or null without TLS
     */
    public static void authenticate(PgConnectionIO io, String method, String user, String stored, byte[] tlsEndPoint)
            throws IOException {
        try {
            switch (method) {
                case "password":
                    cleartext(io, user, stored);
                    break;
                case "md5":
                    // no verifier (no password, no such role): the exchange password_encryption's default
                    // would ask for, SCRAM, as PostgreSQL's CheckPWChallengeAuth does
                    if (stored == null || ScramVerifier.parse(stored) != null) {
                        scram(io, user, stored, tlsEndPoint);
                    } else {
                        md5(io, stored);
                    }
                    break;
                default:
                    scram(io, user, stored, tlsEndPoint);
                    break;
            }
        } catch (AuthenticationException e) {
            LOG.info("password authentication failed for user \"" + user + "\": " + e.getMessage());
            throw PgException.fatal(SqlState.INVALID_PASSWORD, "password authentication failed for user \"" + user + "\"");
        }
    }

    private static void cleartext(PgConnectionIO io, String user, String stored) throws IOException, AuthenticationException {
        new AuthenticationCleartextPassword().encode(io.writer());
        io.flush();
        String password = PasswordMessage.decode(response(io)).password();
        ScramVerifier scram = ScramVerifier.parse(stored);
        boolean ok = stored != null && (scram != null ? scram.matches(password)
                : stored.equals(Md5Password.verifier(user, password)));
        if (!ok) {
            throw new AuthenticationException("password does not match");
        }
    }

    private static void md5(PgConnectionIO io, String stored) throws IOException, AuthenticationException {
        byte[] salt = new byte[4];
        new SecureRandom().nextBytes(salt);
        new AuthenticationMD5Password(salt).encode(io.writer());
        io.flush();
        String response = PasswordMessage.decode(response(io)).password();
        if (stored == null || !stored.startsWith("md5") || !Md5Password.matches(stored, salt, response)) {
            throw new AuthenticationException("password does not match");
        }
    }

    private static void scram(PgConnectionIO io, String user, String stored, byte[] tlsEndPoint)
            throws IOException, AuthenticationException {
        ScramAuthenticator scram = new ScramAuthenticator(ScramVerifier.parse(stored), user, tlsEndPoint);
        new AuthenticationSASL(tlsEndPoint != null ? List.of("SCRAM-SHA-256-PLUS", "SCRAM-SHA-256")
                : List.of("SCRAM-SHA-256")).encode(io.writer());
        io.flush();
        SaslInitialResponse first = SaslInitialResponse.decode(response(io));
        boolean plus = first.mechanism().equals("SCRAM-SHA-256-PLUS") && tlsEndPoint != null;
        if (!(plus || first.mechanism().equals("SCRAM-SHA-256")) || first.data() == null) {
            throw new AuthenticationException("client selected an invalid SASL authentication mechanism");
        }
        scram.mechanism(plus);
        String serverFirst = scram.first(new String(first.data(), StandardCharsets.UTF_8));
        new AuthenticationSASLContinue(serverFirst.getBytes(StandardCharsets.UTF_8)).encode(io.writer());
        io.flush();
        String clientFinal = new String(SaslResponse.decode(response(io)).data(), StandardCharsets.UTF_8);
        String serverFinal = scram.last(clientFinal);
        if (stored == null || ScramVerifier.parse(stored) == null) {
            throw new AuthenticationException("no SCRAM password for the role"); // exchange done, revealing nothing
        }
        new AuthenticationSASLFinal(serverFinal.getBytes(StandardCharsets.UTF_8)).encode(io.writer());
    }

    private static dev.tusk.protocol.PgReader response(PgConnectionIO io) throws IOException {
        FrontendMessage type = io.readFrontend();
        if (type == null) {
            throw new EOFException("the client closed the connection during authentication");
        }
        if (type != FrontendMessage.AUTH_RESPONSE) {
            throw PgException.fatal(SqlState.PROTOCOL_VIOLATION, "expected password response, got message type " + (char) type.type());
        }
        return io.body();
    }
}
