package dev.tusk.server.postmaster;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.logging.Logger;

/**
 * Keeps one statement from exhausting the heap that every session shares. A PostgreSQL backend
 * that runs out of memory fails its own statement with 53200 and the others never notice; in one
 * JVM an OutOfMemoryError can strike any thread, and the engine then closes the database for all.
 * So the postmaster watches the old generation as it stands after each collection (what the live
 * data really takes): past a threshold, and still past it after a full collection, it cancels the
 * statement that has run longest, as the one
 * most likely to be holding the memory, with 53200 "out of memory"; if memory stays high it cancels
 * the next, one at a time. Sessions and the database stay up. One daemon thread per postmaster.
 */
final class MemoryGuard {
    private static final Logger LOG = Logger.getLogger("tusk.postmaster");
    /** Share of the old generation's maximum, after a collection, at which a statement is cancelled. */
    private static final double THRESHOLD = 0.80;
    private static final long POLL_MS = 50;
    /** After a cancel, how long the cancelled statement gets to let go before the next is picked. */
    private static final long GRACE_MS = 500;

    private final BackendRegistry registry;
    private final MemoryPoolMXBean pool;
    private volatile boolean stopped;

    private MemoryGuard(BackendRegistry registry, MemoryPoolMXBean pool) {
        this.registry = registry;
        this.pool = pool;
    }

    /** Starts watching, or does nothing where the JVM reports no bounded heap pool with after-collection usage. */
    static MemoryGuard start(BackendRegistry registry) {
        MemoryPoolMXBean old = null;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && p.isCollectionUsageThresholdSupported() && p.getUsage().getMax() > 0
                    && (old == null || p.getUsage().getMax() > old.getUsage().getMax())) {
                old = p;
            }
        }
        MemoryGuard guard = new MemoryGuard(registry, old);
        if (old != null) {
            Thread.ofPlatform().name("postmaster memory guard").daemon(true).start(guard::watch);
        }
        return guard;
    }

    void stop() {
        stopped = true;
    }

    private void watch() {
        long lastCancel = 0;
        while (!stopped) {
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                return;
            }
            MemoryUsage after = pool.getCollectionUsage();
            if (after == null || after.getMax() <= 0 || after.getUsed() < THRESHOLD * after.getMax()) {
                continue;
            }
            long now = System.nanoTime();
            if (now - lastCancel < GRACE_MS * 1_000_000) {
                continue;
            }
            // the pool's after-collection figure is as old as its last collection, which may predate
            // the end of the statement that filled it: a full collection says what is live now
            System.gc();
            MemoryUsage live = pool.getUsage();
            if (live.getUsed() < THRESHOLD * live.getMax()) {
                continue;
            }
            BackendRegistry.Entry longest = null;
            for (BackendRegistry.Entry e : registry.all()) {
                long since = e.statementStartNanos();
                if (since != 0 && (longest == null || since - longest.statementStartNanos() < 0)) {
                    longest = e;
                }
            }
            if (longest != null) {
                LOG.warning("heap " + live.getUsed() / (1 << 20) + " of " + live.getMax() / (1 << 20)
                        + " MiB after collection: cancelling the statement of backend " + longest.processId());
                longest.cancelOutOfMemory();
                lastCancel = now;
            }
        }
    }
}
