package dev.tusk.server.postmaster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who listens on which channel, per database (cf. the listener table of commands/async.c), and the
 * delivery of committed notifications to them. Owned by the postmaster; thread-safe.
 */
public final class NotifyRegistry {
    /** A session that can receive notifications. */
    public interface Listener {
        /** Delivers (or queues, if the session is busy) one notification; never blocks on the session. */
        void deliver(int senderPid, String channel, String payload);
    }

    private final Map<String, Map<String, Set<Listener>>> byDatabase = new ConcurrentHashMap<>();

    private Map<String, Set<Listener>> channels(String database) {
        return byDatabase.computeIfAbsent(database, d -> new ConcurrentHashMap<>());
    }

    public void listen(String database, String channel, Listener l) {
        channels(database).computeIfAbsent(channel, c -> ConcurrentHashMap.newKeySet()).add(l);
    }

    public void unlisten(String database, String channel, Listener l) {
        Set<Listener> set = channels(database).get(channel);
        if (set != null) {
            set.remove(l);
        }
    }

    public void unlistenAll(String database, Listener l) {
        for (Set<Listener> set : channels(database).values()) {
            set.remove(l);
        }
    }

    /** The channels a session listens on, for pg_listening_channels(). */
    public List<String> channelsOf(String database, Listener l) {
        List<String> out = new ArrayList<>();
        channels(database).forEach((channel, set) -> {
            if (set.contains(l)) {
                out.add(channel);
            }
        });
        return out;
    }

    /** Sends a committed notification to every session of the database listening on the channel. */
    public void notify(String database, int senderPid, String channel, String payload) {
        Set<Listener> set = channels(database).get(channel);
        if (set != null) {
            for (Listener l : set) {
                l.deliver(senderPid, channel, payload);
            }
        }
    }
}
