package dev.tusk.server.engine;

/**
 * What an engine session needs to know of the backend it serves, for functions that answer from the
 * session (pg_backend_pid(), current_user, current_database(), version(), pg_listening_channels()).
 * user is the authenticated user, sessionUser follows SET SESSION AUTHORIZATION; currentUser follows SET ROLE (superuser: whether that role is one); settings changes a setting as SET does
 * (for set_config()); signals reaches other backends (pg_cancel_backend(), pg_terminate_backend()).
 */
public record SessionInfo(int processId, String user, java.util.function.Supplier<String> currentUser,
                          java.util.function.BooleanSupplier superuser, String database,
                          String serverVersion, java.util.function.Supplier<java.util.List<String>> listeningChannels,
                          Settings settings, Signals signals, RoleChecks roles,
                          java.util.function.Supplier<String> sessionUser) {
    /** What the engine asks of the installation's roles for ownership checks. */
    public interface RoleChecks {
        boolean exists(String role);

        /** Whether the current user has the privileges of role: is it, a member of it, or a superuser. */
        boolean actsAs(String role);

        /** Whether member has the privileges of role (is it, or inherits it; a superuser has every role's). */
        boolean hasPrivilegesOf(String member, String role);

        boolean superuser(String role);
    }

    /** Cancelling another backend's query or ending its session, with PostgreSQL's permission rules. */
    public interface Signals {
        /**
         * Signals backend pid; false if there is no such backend. A PgException (42501) if the current
         * user may not (cf. signalfuncs.c pg_signal_backend).
         */
        boolean signal(int pid, boolean terminate);
    }

    /** The session's run-time settings, for set_config() and current_setting(). */
    public interface Settings {
        /** Sets a setting as SET would; returns the value now in force. */
        String set(String name, String value, boolean local);

        /** The value SHOW would give; a PgException (42704) for an unknown name. */
        String get(String name);
    }
}
