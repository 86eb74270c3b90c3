package dev.tusk.server.engine.h2;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Makes commits durable with one write and one sync for all commits waiting at the same time (cf.
 * PostgreSQL's XLogFlush, where one backend's WAL flush covers everyone's records written before
 * it). A backend that has committed in H2 (in memory) calls {@link #awaitDurable}: if no sync is
 * running it becomes the leader and writes and syncs what every session committed so far,
 * otherwise it waits for the next sync to start and finish after its commit.
 */
final class GroupCommit {
    private final Runnable sync;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition done = lock.newCondition();
    private long requested;
    private long completed;
    private boolean syncing;

    GroupCommit(Runnable sync) {
        this.sync = sync;
    }

    void awaitDurable() {
        lock.lock();
        try {
            long mine = ++requested;
            while (completed < mine) {
                if (!syncing) {
                    syncing = true;
                    long covers = requested;
                    lock.unlock();
                    boolean synced = false;
                    try {
                        sync.run();
                        synced = true;
                    } finally {
                        lock.lock();
                        syncing = false;
                        if (synced) {
                            completed = Math.max(completed, covers);
                        }
                        done.signalAll();
                    }
                } else {
                    done.awaitUninterruptibly();
                }
            }
        } finally {
            lock.unlock();
        }
    }
}
