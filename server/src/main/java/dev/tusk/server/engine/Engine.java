package dev.tusk.server.engine;

/**
 * The storage and execution engine behind all databases of one installation. The postmaster owns
 * one; each backend opens one {@link EngineSession} on it. Implementations are thread-safe.
 */
public interface Engine extends AutoCloseable {
    boolean databaseExists(String name);

    /** Creates a database owned by owner (null: the bootstrap superuser); the caller has checked the name is free. */
    void createDatabase(String name, String owner);

    /** The database's owner (cf. pg_database.datdba), null for the bootstrap superuser (initdb's databases). */
    String databaseOwner(String name);

    /** Gives a database to another owner (REASSIGN OWNED). */
    void setDatabaseOwner(String name, String owner);

    /** The database's access list (cf. pg_database.datacl), null while it has its default. */
    dev.tusk.server.catalog.Acl databaseAcl(String name);

    /** Sets the database's access list (GRANT/REVOKE ON DATABASE). */
    void setDatabaseAcl(String name, dev.tusk.server.catalog.Acl acl);

    /** The names of the installation's databases. */
    java.util.List<String> databases();

    /** Drops a database; the caller has checked nobody is connected to it. */
    void dropDatabase(String name);

    EngineSession openSession(SessionInfo session);

    /** The installation's roles changed (CREATE/ALTER/DROP ROLE, GRANT role): the catalogs must show it. */
    void rolesChanged();

    /** Clean shutdown: everything committed is on disk when this returns. */
    @Override
    void close();
}
