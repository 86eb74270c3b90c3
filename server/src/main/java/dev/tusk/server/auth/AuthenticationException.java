package dev.tusk.server.auth;

/** Authentication failed; the reason is logged, the client is told only that it failed (as PostgreSQL does). */
public final class AuthenticationException extends Exception {
    private static final long serialVersionUID = 1L;

    public AuthenticationException(String reason) {
        super(reason);
    }
}
