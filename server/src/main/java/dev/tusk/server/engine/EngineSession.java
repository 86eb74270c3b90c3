package dev.tusk.server.engine;

import dev.tusk.server.sql.EngineStatement;
import java.io.IOException;

/**
 * One backend's session on the engine. Tusk drives the transaction: the session starts in no
 * transaction; {@link #execute} runs inside the transaction the backend opened with {@link #begin}.
 * Owned by one backend thread, except {@link #cancel}, which the postmaster's cancel path may call
 * from another thread.
 */
public interface EngineSession extends AutoCloseable {
    /**
     * Starts a transaction, or marks the open one as a block. block is true for a transaction block
     * or a multi-statement query: work that may still be rolled back after the statement ends.
     */
    void begin(boolean block);

    /**
     * The isolation level of the transaction begun, as PostgreSQL names it (read committed, repeatable
     * read, serializable, read uncommitted); called before its first statement.
     */
    void setIsolation(String level);

    /** Runs a statement, sending columns, rows and the tag to the receiver. Errors are PgExceptions. */
    void execute(EngineStatement statement, RowReceiver receiver) throws IOException;

    /**
     * Prepares a statement for the extended protocol. parameterTypes holds the client's OIDs for the
     * first parameters (0 = unspecified); the engine infers the rest where it can.
     */
    EnginePrepared prepare(EngineStatement statement, int[] parameterTypes);

    /**
     * Takes the notifications pg_notify() queued in the open transaction (channel, payload pairs),
     * to be sent once it commits; they vanish with it if it rolls back.
     */
    java.util.List<String[]> takeNotifications();

    /** Commits; returns once the commit is as durable as the installation's settings promise. */
    void commit();

    void rollback();

    void savepoint(String name);

    void rollbackToSavepoint(String name);

    void releaseSavepoint(String name);

    /** Applies a session setting the engine must know of (TimeZone, search_path, statement_timeout). */
    void applySetting(String name, String value);

    /** Cancels the statement running now, if any; it ends with 57014. Thread-safe. */
    void cancel();

    /** When the statement running now started (System.nanoTime), or 0 when none runs. Thread-safe. */
    long statementStartNanos();

    /** Cancels the statement running now, if any, with 53200 "out of memory". Thread-safe. */
    void cancelOutOfMemory();

    @Override
    void close();

    /** What role owns in this session's database, as DROP ROLE's detail lists it ("owner of table t"). */
    java.util.List<String> ownedBy(String role);

    /** REASSIGN OWNED: what from owns in this database is to's, in the session's transaction. */
    void reassignOwned(String from, String to);

    /**
     * DROP OWNED: drops what the roles own in this database and revokes what was granted to them here
     * (its notices go to notices).
     */
    void dropOwned(java.util.List<String> roles, boolean cascade, java.util.function.BiConsumer<String, String> notices)
            throws java.io.IOException;

    /**
     * GRANT/REVOKE on this database's tables, views, sequences, columns or schemas, in the session's
     * transaction; grantees resolved ("" for PUBLIC); warnings go to notices (sqlstate, message).
     */
    void grant(dev.tusk.server.sql.Statement.GrantPrivileges grant, java.util.List<String> grantees,
               java.util.function.BiConsumer<String, String> warnings);

    /** ALTER DEFAULT PRIVILEGES for roles (resolved), in the session's transaction. */
    void alterDefaultPrivileges(dev.tusk.server.sql.Statement.AlterDefaultPrivileges defaults, java.util.List<String> roles,
                                java.util.List<String> grantees, java.util.function.BiConsumer<String, String> warnings);
}
