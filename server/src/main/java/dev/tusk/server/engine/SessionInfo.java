package dev.tusk.server.engine;

/**
 * What an engine session needs to know of the backend it serves, for functions that answer from the
 * session (pg_backend_pid(), current_user, current_database(), version(), pg_listening_channels()).
 */
public record SessionInfo(int processId, String user, String database, String serverVersion,
                          java.util.function.Supplier<java.util.List<String>> listeningChannels) {
}
