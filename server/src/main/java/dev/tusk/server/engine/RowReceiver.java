package dev.tusk.server.engine;

import java.io.IOException;
import java.util.List;

/**
 * Where an engine sends a statement's output, cf. DestReceiver in tcop/dest.h: the columns once,
 * then each row, then the command tag. The backend's implementation writes RowDescription, DataRow
 * and CommandComplete, and decides when to flush.
 */
public interface RowReceiver {
    /** The statement returns rows with these columns (not called for statements without a result). */
    void start(List<ColumnDescription> columns) throws IOException;

    /** One row; the values are read from the source during the call only. */
    void row(RowSource row) throws IOException;

    /** The statement completed with this command tag. */
    void end(String commandTag) throws IOException;

    /** A notice raised while the statement ran (e.g. "table ... does not exist, skipping"). */
    void notice(String sqlState, String message) throws IOException;

    /**
     * A receiver for statements run on behalf of another one (COPY's inserts, DROP OWNED's drops): their
     * columns, rows and tags are dropped, their notices go to notices.
     */
    static RowReceiver discarding(java.util.function.BiConsumer<String, String> notices) {
        return new RowReceiver() {
            @Override
            public void start(List<ColumnDescription> columns) {
            }

            @Override
            public void row(RowSource row) {
            }

            @Override
            public void end(String commandTag) {
            }

            @Override
            public void notice(String sqlState, String message) {
                notices.accept(sqlState, message);
            }
        };
    }

    /** Access to the current row's values. */
    interface RowSource {
        /** The value of column i (0-based) in PostgreSQL's text format, UTF-8, or null for SQL NULL. */
        byte[] text(int column);

        /** The value of column i in PostgreSQL's binary format for its type, or null for SQL NULL. */
        byte[] binary(int column);
    }
}
