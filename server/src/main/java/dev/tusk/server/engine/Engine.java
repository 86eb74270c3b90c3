package dev.tusk.server.engine;

/**
 * The storage and execution engine behind all databases of one installation. The postmaster owns
 * one; each backend opens one {@link EngineSession} on it. Implementations are thread-safe.
 */
public interface Engine extends AutoCloseable {
    boolean databaseExists(String name);

    /** Creates a database; the caller has checked the name is free. */
    void createDatabase(String name);

    /** Drops a database; the caller has checked nobody is connected to it. */
    void dropDatabase(String name);

    EngineSession openSession(SessionInfo session);

    /** The installation's roles changed (CREATE/ALTER/DROP ROLE, GRANT role): the catalogs must show it. */
    void rolesChanged();

    /** Clean shutdown: everything committed is on disk when this returns. */
    @Override
    void close();
}
