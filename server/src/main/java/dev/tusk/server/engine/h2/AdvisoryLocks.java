package dev.tusk.server.engine.h2;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.h2.engine.Database;
import org.h2.engine.SessionLocal;
import org.h2.message.DbException;

/**
 * PostgreSQL's advisory locks (cf. storage/lmgr's advisory lock functions): exclusive locks on
 * application-chosen numbers, per database, held by a session until it unlocks them or ends
 * (pg_advisory_lock) or until its transaction ends (pg_advisory_xact_lock). Re-entrant: a session
 * takes a lock it holds again and must release it as many times. Shared-mode variants are not
 * provided. The SQL functions are the public methods, registered as aliases by {@link H2PgCatalog}.
 */
public final class AdvisoryLocks {
    /** SQL name and implementing method. */
    static final String[][] ALIASES = {
        {"pg_advisory_lock", "lock"},
        {"pg_try_advisory_lock", "tryLock"},
        {"pg_advisory_xact_lock", "xactLock"},
        {"pg_try_advisory_xact_lock", "tryXactLock"},
        {"pg_advisory_unlock", "unlock"},
        {"pg_advisory_unlock_all", "unlockAll"},
    };

    private record Key(Database database, long key) {
    }

    /** Who holds one lock, and how many times at session and at transaction level. */
    private static final class Hold {
        final SessionLocal owner;
        int session;
        int xact;

        Hold(SessionLocal owner) {
            this.owner = owner;
        }
    }

    /** Every lock held in this server; guarded by its own monitor, which waiters wait on. */
    private static final Map<Key, Hold> HELD = new HashMap<>();
    /** HELD's size, read without the monitor so that transactions end without it when no lock is held. */
    private static volatile int held;

    private AdvisoryLocks() {
    }

    public static void lock(Connection c, long key) throws SQLException {
        acquire(c, key, false);
    }

    public static void lock(Connection c, int key1, int key2) throws SQLException {
        acquire(c, twoKeys(key1, key2), false);
    }

    public static boolean tryLock(Connection c, long key) throws SQLException {
        return tryAcquire(session(c), key, false);
    }

    public static boolean tryLock(Connection c, int key1, int key2) throws SQLException {
        return tryAcquire(session(c), twoKeys(key1, key2), false);
    }

    public static void xactLock(Connection c, long key) throws SQLException {
        acquire(c, key, true);
    }

    public static void xactLock(Connection c, int key1, int key2) throws SQLException {
        acquire(c, twoKeys(key1, key2), true);
    }

    public static boolean tryXactLock(Connection c, long key) throws SQLException {
        return tryAcquire(session(c), key, true);
    }

    public static boolean tryXactLock(Connection c, int key1, int key2) throws SQLException {
        return tryAcquire(session(c), twoKeys(key1, key2), true);
    }

    /** Releases one session-level hold; false if this session holds none on the key. */
    public static boolean unlock(Connection c, long key) throws SQLException {
        return release(session(c), key);
    }

    public static boolean unlock(Connection c, int key1, int key2) throws SQLException {
        return release(session(c), twoKeys(key1, key2));
    }

    /** Releases the session-level holds of this session; transaction-level ones stay until its end. */
    public static void unlockAll(Connection c) throws SQLException {
        SessionLocal s = session(c);
        releaseWhere(s, false);
    }

    /** At the end of a session's transaction: its transaction-level holds go. */
    static void endTransaction(SessionLocal owner) {
        if (held > 0) {
            releaseWhere(owner, true);
        }
    }

    /** When a session ends: everything it holds goes. */
    static void endSession(SessionLocal owner) {
        if (held == 0) {
            return;
        }
        synchronized (HELD) {
            if (HELD.values().removeIf(h -> h.owner == owner)) {
                held = HELD.size();
                HELD.notifyAll();
            }
        }
    }

    /** The two-int form's lock space: key1 in the high half, as PostgreSQL combines them. */
    private static long twoKeys(int key1, int key2) {
        return ((long) key1 << 32) | (key2 & 0xFFFF_FFFFL);
    }

    private static SessionLocal session(Connection c) throws SQLException {
        return H2Sessions.of(c);
    }

    private static void acquire(Connection c, long key, boolean xact) throws SQLException {
        SessionLocal s = session(c);
        try {
            while (!tryAcquire(s, key, xact)) {
                // CancelRequest and statement_timeout reach a waiting session through H2's cancel check.
                s.checkCanceled();
                synchronized (HELD) {
                    HELD.wait(10);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("canceling statement due to user request", "57014");
        } catch (DbException e) {
            throw e.getSQLException();
        }
    }

    private static boolean tryAcquire(SessionLocal s, long key, boolean xact) {
        synchronized (HELD) {
            Hold h = HELD.computeIfAbsent(new Key(s.getDatabase(), key), k -> new Hold(s));
            held = HELD.size();
            if (h.owner != s) {
                return false;
            }
            if (xact) {
                h.xact++;
            } else {
                h.session++;
            }
            return true;
        }
    }

    private static boolean release(SessionLocal s, long key) {
        synchronized (HELD) {
            Key k = new Key(s.getDatabase(), key);
            Hold h = HELD.get(k);
            if (h == null || h.owner != s || h.session == 0) {
                return false;
            }
            if (--h.session == 0 && h.xact == 0) {
                HELD.remove(k);
                held = HELD.size();
                HELD.notifyAll();
            }
            return true;
        }
    }

    private static void releaseWhere(SessionLocal owner, boolean xact) {
        synchronized (HELD) {
            boolean freed = false;
            for (Iterator<Hold> it = HELD.values().iterator(); it.hasNext();) {
                Hold h = it.next();
                if (h.owner != owner) {
                    continue;
                }
                if (xact) {
                    h.xact = 0;
                } else {
                    h.session = 0;
                }
                if (h.session == 0 && h.xact == 0) {
                    it.remove();
                    freed = true;
                }
            }
            if (freed) {
                held = HELD.size();
                HELD.notifyAll();
            }
        }
    }
}
