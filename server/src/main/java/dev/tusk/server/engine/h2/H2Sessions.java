package dev.tusk.server.engine.h2;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;

/**
 * Finds the Tusk session behind an embedded H2 session: functions H2 calls (set_config(), the
 * advisory locks) get only the JDBC connection they run on, and need the backend's settings or an
 * owner to hold a lock for.
 */
final class H2Sessions {
    private static final Map<SessionLocal, H2Session> OPEN = new ConcurrentHashMap<>();

    private H2Sessions() {
    }

    /** H2's session object behind an embedded connection. */
    static SessionLocal of(Connection c) throws SQLException {
        return (SessionLocal) c.unwrap(JdbcConnection.class).getSession();
    }

    static void opened(SessionLocal h2, H2Session session) {
        OPEN.put(h2, session);
    }

    static void closed(SessionLocal h2) {
        OPEN.remove(h2);
    }

    /** The open sessions of every database (for pg_stat_activity). */
    static Map<SessionLocal, H2Session> all() {
        return Map.copyOf(OPEN);
    }

    /** The Tusk session a function runs in, or null on a connection that is not one (catalog setup). */
    static H2Session running(Connection c) throws SQLException {
        return OPEN.get(of(c));
    }
}
