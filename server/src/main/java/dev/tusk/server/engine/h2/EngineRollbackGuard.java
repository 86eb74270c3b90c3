package dev.tusk.server.engine.h2;

import java.sql.SQLException;
import org.h2.api.DatabaseEventListener;

/**
 * H2's event listener for Tusk's databases (DATABASE_EVENT_LISTENER in the URL): H2 calls
 * exceptionThrown on the failing statement's thread just before it rolls the statement or the
 * transaction back, so the rollback runs under the store lock (see {@link StoreLock}). Public, as H2
 * instantiates it by name.
 */
public final class EngineRollbackGuard implements DatabaseEventListener {
    @Override
    public void exceptionThrown(SQLException e, String sql) {
        StoreLock.beforeEngineRollback();
    }
}
