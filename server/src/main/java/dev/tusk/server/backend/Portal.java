package dev.tusk.server.backend;

import dev.tusk.server.engine.ColumnDescription;
import dev.tusk.server.engine.EnginePortal;
import java.util.List;

/**
 * A portal (cf. utils/portal.h): a prepared statement bound to parameter values and output
 * formats, executed all at once or a few rows at a time. Lives until closed, replaced (the unnamed
 * one) or the end of its transaction.
 */
final class Portal {
    final String name;
    final PreparedStatementEntry statement;
    /** The engine's portal, or null for utility statements and the empty query. */
    final EnginePortal engine;
    /** Per column: binary output; null for all text. */
    final boolean[] binary;
    boolean done;

    Portal(String name, PreparedStatementEntry statement, EnginePortal engine, boolean[] binary) {
        this.name = name;
        this.statement = statement;
        this.engine = engine;
        this.binary = binary;
    }

    List<ColumnDescription> columns() {
        return engine != null ? engine.columns() : statement.columns();
    }

    void close() {
        if (engine != null) {
            engine.close();
        }
    }
}
