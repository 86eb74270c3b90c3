package dev.tusk.server.backend;

import dev.tusk.protocol.PgWriter;
import dev.tusk.protocol.SqlState;
import dev.tusk.protocol.message.async.NotificationResponse;
import dev.tusk.server.error.PgException;
import dev.tusk.server.postmaster.NotifyRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One session's side of LISTEN/NOTIFY (cf. commands/async.c): LISTEN/UNLISTEN and NOTIFY take
 * effect when the transaction commits (NOTIFYs are dropped if it rolls back, and sent once per
 * distinct channel and payload); notifications from other sessions are written to the client at
 * once if this session is idle, otherwise just before its next ReadyForQuery.
 */
final class Notifications implements NotifyRegistry.Listener, TransactionBlock.Outcome {
    /** PostgreSQL's limit: the payload must be shorter than 8000 bytes. */
    static final int MAX_PAYLOAD = 7999;

    private final NotifyRegistry registry;
    private final String database;
    private final int processId;
    private final LockedOutputStream out;
    private final Set<List<String>> pendingNotifies = new LinkedHashSet<>();
    private final List<String[]> pendingListens = new ArrayList<>();
    private final ArrayDeque<NotificationResponse> queued = new ArrayDeque<>();
    private boolean idle;

    Notifications(NotifyRegistry registry, String database, int processId, LockedOutputStream out) {
        this.registry = registry;
        this.database = database;
        this.processId = processId;
        this.out = out;
    }

    void listen(String channel) {
        pendingListens.add(new String[] {"listen", channel});
    }

    /** UNLISTEN channel, or all channels when channel is null. */
    void unlisten(String channel) {
        pendingListens.add(new String[] {"unlisten", channel});
    }

    void notify(String channel, String payload) {
        if (payload.getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD) {
            throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "payload string too long");
        }
        if (channel.isEmpty()) {
            throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "channel name cannot be empty");
        }
        pendingNotifies.add(List.of(channel, payload));
    }

    @Override
    public void committed(List<String[]> queued) {
        for (String[] n : queued) {
            pendingNotifies.add(List.of(n[0], n[1])); // checked by pg_notify() when it was called
        }
        for (String[] l : pendingListens) {
            if (l[0].equals("listen")) {
                registry.listen(database, l[1], this);
            } else if (l[1] == null) {
                registry.unlistenAll(database, this);
            } else {
                registry.unlisten(database, l[1], this);
            }
        }
        pendingListens.clear();
        for (List<String> n : pendingNotifies) {
            registry.notify(database, processId, n.get(0), n.get(1));
        }
        pendingNotifies.clear();
    }

    @Override
    public void rolledBack() {
        pendingListens.clear();
        pendingNotifies.clear();
    }

    /** Called from another session's commit: write now if this one waits for a command, else queue. */
    @Override
    public void deliver(int senderPid, String channel, String payload) {
        NotificationResponse n = new NotificationResponse(senderPid, channel, payload);
        out.lock.lock();
        try {
            if (idle) {
                write(n);
            } else {
                queued.add(n);
            }
        } catch (IOException e) {
            // the client is gone; its backend notices on its next read
        } finally {
            out.lock.unlock();
        }
    }

    private void write(NotificationResponse n) throws IOException {
        PgWriter w = new PgWriter(64);
        n.encode(w);
        w.writeTo(out);
        out.flush();
    }

    /** Before ReadyForQuery: the notifications that arrived while the session was busy. */
    void drainInto(PgWriter w) {
        out.lock.lock();
        try {
            for (NotificationResponse n; (n = queued.poll()) != null; ) {
                n.encode(w);
            }
        } finally {
            out.lock.unlock();
        }
    }

    /** The session has flushed ReadyForQuery and waits for a command: deliveries may go straight out. */
    void idleBegin() throws IOException {
        out.lock.lock();
        try {
            for (NotificationResponse n; (n = queued.poll()) != null; ) {
                write(n);
            }
            idle = true;
        } finally {
            out.lock.unlock();
        }
    }

    void idleEnd() {
        out.lock.lock();
        try {
            idle = false;
        } finally {
            out.lock.unlock();
        }
    }

    /** The channels this session listens on (pg_listening_channels()). */
    List<String> channels() {
        return registry.channelsOf(database, this);
    }

    /** The session ends: it listens no more. */
    void close() {
        registry.unlistenAll(database, this);
    }
}
