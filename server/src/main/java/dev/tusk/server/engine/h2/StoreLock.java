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
 * <p>Not covered: H2's own statement-level rollback when a statement fails, and the rollback of a
 * deadlock victim, which run inside H2. There, waiting transactions sleep until the rollback ends,
 * so only one arriving at that very moment could be overwritten.
 */
final class StoreLock {
    private static final Field STORE_LOCK = storeLockField();

    private final ReentrantLock lock;

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
