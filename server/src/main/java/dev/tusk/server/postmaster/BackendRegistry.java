package dev.tusk.server.postmaster;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The postmaster's view of running backends (cf. the proc array and the postmaster's backend list):
 * who is connected to which database, each one's cancel key, and the connection slots. Backends
 * register when they start and deregister when they end, whatever the reason. Thread-safe.
 */
public final class BackendRegistry {
    /** What the postmaster knows of one backend, and how to reach it from another thread. */
    public interface Entry {
        int processId();

        byte[] secretKey();

        String database();

        /** The session user (the role it authenticated as). */
        String user();

        /** Cancels the running statement (a CancelRequest with the right key). */
        void cancel();

        /** When the running statement started (System.nanoTime), or 0 when none runs. */
        long statementStartNanos();

        /** Cancels the running statement with 53200 "out of memory" (see MemoryGuard). */
        void cancelOutOfMemory();

        /** Ends the session with the given FATAL message (fast shutdown, DROP DATABASE ... FORCE). */
        void terminate(String message);
    }

    private final SecureRandom random = new SecureRandom();
    private final AtomicInteger nextPid = new AtomicInteger(1000 + new SecureRandom().nextInt(10_000));
    private final Map<Integer, Entry> backends = new ConcurrentHashMap<>();
    private final int maxConnections;
    /** Connections with a backend thread, authenticated or not (cf. the postmaster's child count). */
    private int live;

    public BackendRegistry(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    /** A new backend's pid, unique in this postmaster's lifetime. */
    public int nextProcessId() {
        return nextPid.getAndIncrement();
    }

    public byte[] newSecretKey(int length) {
        byte[] k = new byte[length];
        random.nextBytes(k);
        return k;
    }

    /**
     * Admits a new connection before anything is read from it, or returns false when as many are live as
     * the postmaster keeps (twice max_connections, as PostgreSQL's MaxLivePostmasterChildren): then it
     * only says "too many clients" (a dead-end backend). Each admitted connection is released at its end.
     */
    public synchronized boolean admit() {
        if (live >= 2 * maxConnections) {
            return false;
        }
        live++;
        return true;
    }

    public synchronized void release() {
        live--;
    }

    /** Registers a backend, or returns false if every connection slot is taken. */
    public synchronized boolean register(Entry e) {
        if (backends.size() >= maxConnections) {
            return false;
        }
        backends.put(e.processId(), e);
        return true;
    }

    public void deregister(int processId) {
        backends.remove(processId);
    }

    /** Routes a CancelRequest; a wrong key cancels nothing (and the caller tells nobody). */
    public void cancel(int processId, byte[] key) {
        Entry e = backends.get(processId);
        if (e != null && MessageDigest.isEqual(e.secretKey(), key)) {
            e.cancel();
        }
    }

    /** The backend with this pid, or null. */
    public Entry get(int processId) {
        return backends.get(processId);
    }

    public int count() {
        return backends.size();
    }

    public List<Entry> connectedTo(String database) {
        List<Entry> out = new ArrayList<>();
        for (Entry e : backends.values()) {
            if (e.database().equals(database)) {
                out.add(e);
            }
        }
        return out;
    }

    public List<Entry> all() {
        return new ArrayList<>(backends.values());
    }
}
