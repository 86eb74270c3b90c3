package dev.tusk.server.backend;

import dev.tusk.server.engine.ColumnDescription;
import dev.tusk.server.engine.EnginePrepared;
import dev.tusk.server.sql.Statement;
import java.util.List;

/**
 * A prepared statement of the extended protocol (cf. PreparedStatement in utils/cache/plancache.h
 * and the named statements of postgres.c): the parsed statement, its parameter types, and for
 * statements the engine runs, the engine's prepared form. Utility statements (BEGIN, SET, SHOW ...)
 * and the empty query have none and run in the backend at Execute.
 */
record PreparedStatementEntry(String name, Statement statement, EnginePrepared engine, int[] parameterTypes) {

    boolean isEmpty() {
        return statement == null;
    }

    /** The result columns, or null if it returns no rows. */
    List<ColumnDescription> columns() {
        if (engine != null) {
            return engine.columns();
        }
        return UtilityCommands.columns(statement);
    }

    void close() {
        if (engine != null) {
            engine.close();
        }
    }
}
