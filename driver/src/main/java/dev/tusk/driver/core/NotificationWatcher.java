package dev.tusk.driver.core;

import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Delivers notifications to listeners without the application issuing a query (pgjdbc only
 * delivers them when it next talks to the server). One daemon thread looks at the idle
 * connections that have listeners every few milliseconds; a connection that is busy is skipped,
 * since the exchange running on it delivers the notifications it reads.
 */
final class NotificationWatcher {
    private static final long PERIOD_MILLIS = 10;
    private static final Set<ProtocolConnection> WATCHED = ConcurrentHashMap.newKeySet();
    private static volatile ScheduledExecutorService timer;

    private NotificationWatcher() {
    }

    static void watch(ProtocolConnection c) {
        WATCHED.add(c);
        if (timer == null) {
            synchronized (NotificationWatcher.class) {
                if (timer == null) {
                    ScheduledExecutorService t = Executors.newSingleThreadScheduledExecutor(r -> {
                        Thread th = new Thread(r, "tusk-notification-watcher");
                        th.setDaemon(true);
                        return th;
                    });
                    t.scheduleWithFixedDelay(NotificationWatcher::poll, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
                    timer = t;
                }
            }
        }
    }

    static void forget(ProtocolConnection c) {
        WATCHED.remove(c);
    }

    private static void poll() {
        for (ProtocolConnection c : WATCHED) {
            if (c.isClosed() || !c.hasListeners()) {
                WATCHED.remove(c);
                continue;
            }
            try {
                c.drainIdle();
            } catch (SQLException | RuntimeException e) {
                WATCHED.remove(c);
            }
        }
    }
}
