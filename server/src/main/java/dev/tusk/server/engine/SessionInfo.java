package dev.tusk.server.engine;

/**
 * What an engine session needs to know of the backend it serves, for functions that answer from the
 * session (pg_backend_pid(), current_user, current_database(), version(), pg_listening_channels()).
 * user is the session user; currentUser follows SET ROLE; settings changes a setting as SET does
 * (for set_config()).
 */
public record SessionInfo(int processId, String user, java.util.function.Supplier<String> currentUser, String database,
                          String serverVersion, java.util.function.Supplier<java.util.List<String>> listeningChannels,
                          Settings settings) {
    /** The session's run-time settings, for set_config() and current_setting(). */
    public interface Settings {
        /** Sets a setting as SET would; returns the value now in force. */
        String set(String name, String value, boolean local);

        /** The value SHOW would give; a PgException (42704) for an unknown name. */
        String get(String name);
    }
}
