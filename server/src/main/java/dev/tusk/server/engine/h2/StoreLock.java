package dev.tusk.server.engine.h2;

import java.lang.reflect.Field;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.concurrent.locks.ReentrantLock;
import org.h2.mvstore.MVStore;

/**
 * The lock H2's MVStore holds while it writes a chunk (a "store commit"), taken by Tusk around every
 * rollback it asks H2 for, because H2's rollback is not atomic against a store commit.
 *
 * <p>H2 undoes a transaction one undo-log record at a time: a map operation on the undo log whose
 * decision step puts the row's old value back. A store commit, which the group commit runs after
 * other sessions' transactions (see GroupCommit), stamps each map, the undo log included, with a new
 * version; the rollback's operation then fails its compare-and-set and is run again, decision step
 * and all, and puts the old value back a second time. Between the two, a transaction that was
 * waiting for the row lock (it stops waiting as soon as the rollback starts) may have locked the
 * row, updated it and even committed; the second restore writes over that, and the committed
 * update is lost. {@code H2LostUpdateTest} shows it on H2 alone. While this lock is held no store
 * commit can start, so each record is undone exactly once; commits of other sessions wait for the
 * rollback, which touches memory only.
 *
 * <p>H2 also rolls back by itself, inside a failing statement: the statement's changes when it fails,
 * the whole transaction when it is a deadlock victim or, at REPEATABLE READ and SERIALIZABLE, when it
 * would overwrite a row changed since its snapshot (H2's 40001). Under load those rollbacks lost
 * committed updates the same way (a bank-transfer workload on H2 alone at REPEATABLE READ gains and
 * loses money whenever store commits run beside it, and never without them). H2 tells its
 * {@link org.h2.api.DatabaseEventListener} of the error just before it rolls back, on the failing
 * thread ({@link EngineRollbackGuard}); a statement Tusk runs is {@link #arm armed}, so that call
 * takes this lock, and the statement's end ({@link #disarm}) gives it back. Not covered: the undo of
 * one row's index entries when adding that row to a later index fails (MVTable rolls back to its own
 * savepoint before the error reaches the listener); it touches only the failing row.
 */
final class StoreLock {
    private static final Field STORE_LOCK = storeLockField();
    /** The session's store lock while one of its statements runs on this thread. */
    private static final ThreadLocal<StoreLock> ARMED = new ThreadLocal<>();

    private final ReentrantLock lock;
    // confined to the session's thread
    private int armedDepth;
    private int heldForEngine;

    private StoreLock(ReentrantLock lock) {
        this.lock = lock;
    }

    /** The store lock of the database this connection (an embedded H2 connection) belongs to. */
    static StoreLock of(Connection conn) {
        try {
            MVStore store = H2Sessions.of(conn).getDatabase().getStore().getMvStore();
            return new StoreLock((ReentrantLock) STORE_LOCK.get(store));
        } catch (SQLException | IllegalAccessException | ClassCastException e) {
            throw new IllegalStateException("cannot reach H2's store lock", e);
        }
    }

    void rollback(Connection conn) throws SQLException {
        lock.lock();
        try {
            conn.rollback();
        } finally {
            lock.unlock();
        }
    }

    void rollback(Connection conn, Savepoint savepoint) throws SQLException {
        lock.lock();
        try {
            conn.rollback(savepoint);
        } finally {
            lock.unlock();
        }
    }

    /** A statement starts on this session's thread: an engine rollback inside it will take the lock. */
    void arm() {
        if (armedDepth++ == 0) {
            ARMED.set(this);
        }
    }

    /** The statement ended, however: gives back what an engine rollback inside it took. */
    void disarm() {
        if (--armedDepth > 0) {
            return;
        }
        ARMED.remove();
        for (; heldForEngine > 0; heldForEngine--) {
            lock.unlock();
        }
    }

    /** H2 is about to roll back on this thread after an error (see EngineRollbackGuard). */
    static void beforeEngineRollback() {
        StoreLock s = ARMED.get();
        if (s != null) {
            s.lock.lock();
            s.heldForEngine++;
        }
    }

    private static Field storeLockField() {
        try {
            Field f = MVStore.class.getDeclaredField("storeLock");
            f.setAccessible(true);
            return f;
        } catch (NoSuchFieldException e) {
            // An H2 upgrade renamed it: fail at start rather than lose updates quietly.
            throw new IllegalStateException("this H2 version has no MVStore.storeLock; see StoreLock", e);
        }
    }
}
