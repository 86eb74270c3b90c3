package dev.tusk.server.engine.h2;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.function.Supplier;

/**
 * A session's second H2 connection, on which DDL runs once the session's own connection holds
 * uncommitted data changes (H2 would commit them with the DDL). Opened on first use, in autocommit,
 * and kept on the session's search path.
 */
final class DdlConnection {
    private final Supplier<Connection> open;
    private Connection conn;
    /** The statements that set the session's search path, replayed here. */
    private List<String> searchPathSql = List.of();

    DdlConnection(Supplier<Connection> open) {
        this.open = open;
    }

    Connection get() throws SQLException {
        if (conn == null) {
            conn = open.get();
            conn.setAutoCommit(true);
            replaySearchPath();
        }
        return conn;
    }

    /** The session's search path changed: these statements set it. */
    void searchPath(List<String> sql) throws SQLException {
        searchPathSql = sql;
        if (conn != null) {
            replaySearchPath();
        }
    }

    private void replaySearchPath() throws SQLException {
        try (Statement s = conn.createStatement()) {
            for (String sql : searchPathSql) {
                s.execute(sql);
            }
        }
    }

    void close() {
        try {
            if (conn != null) {
                conn.close();
            }
        } catch (SQLException e) {
            // the session is ending; nothing more to do for this connection
        }
    }
}
