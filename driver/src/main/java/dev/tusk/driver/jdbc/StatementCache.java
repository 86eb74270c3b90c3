package dev.tusk.driver.jdbc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The connection's server statements, least recently used first. Evicted ones are remembered so
 * their Close messages can ride along with the next exchange rather than costing a round trip.
 */
final class StatementCache {
    private final int threshold;
    private final int capacity;
    private final List<String> toClose = new ArrayList<>();
    private int counter;
    private final LinkedHashMap<String, ServerStatement> map;

    StatementCache(int threshold, int capacity) {
        this.threshold = threshold;
        this.capacity = Math.max(1, capacity);
        this.map = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, ServerStatement> eldest) {
                if (size() > StatementCache.this.capacity) {
                    eldest.getValue().live = false;
                    if (eldest.getValue().prepared) {
                        toClose.add(eldest.getValue().name);
                    }
                    return true;
                }
                return false;
            }
        };
    }

    /** The statement to run sql as a named one, or null while it stays unnamed (below the threshold). */
    ServerStatement use(String sql, int[] oids, int executions) {
        return use(null, sql, oids, executions);
    }

    /**
     * As {@link #use(String, int[], int)}, starting from the statement the caller used last time:
     * when it is still cached for the same parameter types, no key is built (the hot path of a
     * PreparedStatement executed again and again).
     */
    ServerStatement use(ServerStatement last, String sql, int[] oids, int executions) {
        if (threshold <= 0) {
            return null;
        }
        ServerStatement s;
        if (last != null && last.live && java.util.Arrays.equals(last.parameterOids, oids)) {
            s = last;
            map.get(s.key); // touch, for LRU order; the key's hash is cached
        } else {
            String key = ServerStatement.key(sql, oids);
            s = map.get(key);
        }
        if (s == null) {
            String key = ServerStatement.key(sql, oids);
            s = new ServerStatement(key, sql, oids);
            map.put(key, s);
        }
        s.uses += executions;
        if (s.uses < threshold) {
            return null;
        }
        if (s.name == null) {
            s.name = "S_" + (++counter);
        }
        return s;
    }

    /** Forgets a statement the server no longer has as described (schema change, pooler). */
    void invalidate(ServerStatement s) {
        map.remove(s.key);
        s.live = false;
        if (s.prepared) {
            toClose.add(s.name);
        }
        s.prepared = false;
    }

    List<String> takeToClose() {
        if (toClose.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>(toClose);
        toClose.clear();
        return out;
    }

    void clear() {
        for (ServerStatement s : map.values()) {
            s.live = false;
            if (s.prepared) {
                toClose.add(s.name);
            }
        }
        map.clear();
    }
}
