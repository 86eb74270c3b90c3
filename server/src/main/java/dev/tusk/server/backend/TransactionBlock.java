package dev.tusk.server.backend;

import dev.tusk.protocol.SqlState;
import dev.tusk.protocol.message.simple.ReadyForQuery;
import dev.tusk.server.engine.EngineSession;
import dev.tusk.server.error.PgException;
import dev.tusk.server.sql.Statement;

/**
 * The session's transaction state as the client sees it (cf. TBlockState in access/transam/xact.c):
 * no transaction, an implicit one around a query string, an explicit block, or a failed block that
 * accepts only ROLLBACK. Drives the engine session's begin/commit/rollback. Each transaction starts
 * with its modes taken from the session's defaults (transaction_isolation from
 * default_transaction_isolation, ...); its isolation level goes to the engine with its first query,
 * after which it can no longer change (cf. xact.c StartTransaction and check_XactIsoLevel).
 */
final class TransactionBlock {
    enum State { IDLE, IMPLICIT, BLOCK, FAILED }

    /** What must happen when a transaction ends one way or the other (LISTEN/NOTIFY take effect at commit). */
    interface Outcome {
        /** The transaction committed; queued holds the pg_notify() calls it made. */
        void committed(java.util.List<String[]> queued);

        void rolledBack();
    }

    private final EngineSession engine;
    private final Outcome outcome;
    private final SessionSettings settings;
    private State state = State.IDLE;
    /** Whether a query has run in this transaction (its snapshot is taken): the isolation level is fixed. */
    private boolean queried;

    TransactionBlock(EngineSession engine, Outcome outcome, SessionSettings settings) {
        this.engine = engine;
        this.outcome = outcome;
        this.settings = settings;
    }

    /** A transaction starts: its modes are the session's defaults until BEGIN or SET TRANSACTION says otherwise. */
    private void start() {
        queried = false;
        for (String mode : new String[] {"transaction_isolation", "transaction_read_only", "transaction_deferrable"}) {
            settings.startTransactionMode(mode, settings.get("default_" + mode));
        }
    }

    /** Whether this transaction has run a query, after which its isolation level cannot change. */
    boolean queried() {
        return queried;
    }

    private void commitEngine() {
        java.util.List<String[]> queued = engine.takeNotifications();
        engine.commit();
        outcome.committed(queued);
    }

    private void rollbackEngine() {
        outcome.rolledBack();
        engine.rollback();
    }

    State state() {
        return state;
    }

    byte status() {
        switch (state) {
            case BLOCK: return ReadyForQuery.IN_TRANSACTION;
            case FAILED: return ReadyForQuery.FAILED;
            default: return ReadyForQuery.IDLE;
        }
    }

    /** Before a statement: in a failed block only ROLLBACK-like statements pass; otherwise a transaction is open. */
    void beforeStatement(Statement st, boolean multiStatement) {
        if (state == State.FAILED && !(st instanceof Statement.Transaction t
                && (t.kind() == Statement.TransactionKind.ROLLBACK || t.kind() == Statement.TransactionKind.ROLLBACK_TO
                || t.kind() == Statement.TransactionKind.COMMIT))) {
            throw new PgException(SqlState.IN_FAILED_SQL_TRANSACTION,
                    "current transaction is aborted, commands ignored until end of transaction block");
        }
        if (state == State.IDLE) {
            start();
            engine.begin(multiStatement);
            state = State.IMPLICIT;
        }
        if (!queried && (st instanceof dev.tusk.server.sql.EngineStatement || st instanceof Statement.Copy)) {
            queried = true;
            engine.setIsolation(settings.get("transaction_isolation"));
        }
    }

    /** After the query string: an implicit transaction commits. */
    void endOfQuery() {
        if (state == State.IMPLICIT) {
            state = State.IDLE;
            commitEngine();
        }
    }

    /** An error ended the statement: an implicit transaction rolls back, a block fails. */
    void onError() {
        switch (state) {
            case IMPLICIT:
                state = State.IDLE;
                rollbackEngine();
                break;
            case BLOCK:
                state = State.FAILED;
                break;
            default:
                break;
        }
    }

    /** BEGIN; returns a warning message if a block was already open, else null. */
    String begin() {
        if (state == State.BLOCK) {
            return "there is already a transaction in progress";
        }
        if (state == State.IDLE) {
            start();
        }
        state = State.BLOCK;
        engine.begin(true); // the engine must know: what runs from now on may still be rolled back
        return null;
    }

    /** COMMIT/END: returns the tag, ROLLBACK for a failed block, as PostgreSQL does. */
    String commit(Backend.Notices notices) {
        switch (state) {
            case BLOCK:
                state = State.IDLE;
                commitEngine();
                return "COMMIT";
            case FAILED:
                state = State.IDLE;
                rollbackEngine();
                return "ROLLBACK";
            default:
                notices.warning(SqlState.NO_ACTIVE_SQL_TRANSACTION, "there is no transaction in progress");
                return "COMMIT";
        }
    }

    void rollback(Backend.Notices notices) {
        if (state == State.BLOCK || state == State.FAILED) {
            state = State.IDLE;
            rollbackEngine();
        } else {
            notices.warning(SqlState.NO_ACTIVE_SQL_TRANSACTION, "there is no transaction in progress");
        }
    }

    void requireBlock(String what) {
        if (state != State.BLOCK && state != State.FAILED) {
            throw new PgException(SqlState.NO_ACTIVE_SQL_TRANSACTION, what + " can only be used in transaction blocks");
        }
    }

    void rollbackTo(String savepoint) {
        requireBlock("ROLLBACK TO SAVEPOINT");
        engine.rollbackToSavepoint(savepoint);
        state = State.BLOCK;
    }

    /** For statements PostgreSQL refuses inside a block (CREATE/DROP DATABASE). */
    void requireNoBlock(String what) {
        if (state == State.BLOCK || state == State.FAILED) {
            throw new PgException(SqlState.ACTIVE_SQL_TRANSACTION, what + " cannot run inside a transaction block");
        }
    }

    boolean inBlock() {
        return state == State.BLOCK;
    }
}
