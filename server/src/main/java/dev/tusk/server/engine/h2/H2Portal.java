package dev.tusk.server.engine.h2;

import dev.tusk.protocol.SqlState;
import dev.tusk.server.engine.ColumnDescription;
import dev.tusk.server.error.PgException;
import dev.tusk.server.engine.EnginePortal;
import dev.tusk.server.engine.RowReceiver;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/** Portals over H2: a prepared statement run with parameters, its result set kept open between Executes. */
abstract class H2Portal implements EnginePortal {
    final H2Prepared prepared;

    H2Portal(H2Prepared prepared) {
        this.prepared = prepared;
    }

    /** Statements without an H2 prepared form (DDL, multi-table TRUNCATE): run whole, like a simple query. */
    static final class Simple extends H2Portal {
        private boolean done;

        Simple(H2Prepared prepared) {
            super(prepared);
        }

        @Override
        public List<ColumnDescription> columns() {
            return null;
        }

        @Override
        public boolean execute(RowReceiver receiver, int maxRows) throws IOException {
            if (!done) {
                done = true;
                prepared.session.execute(prepared.statement, new WithoutColumns(receiver));
            }
            return false;
        }

        @Override
        public void close() {
        }
    }

    /** A row-returning or data-changing statement with parameters, resumable after a row limit. */
    static final class Prepared extends H2Portal {
        private final PreparedStatement ps;
        private final Object[] parameters;
        private final List<ColumnDescription> columns;
        private ResultSet rs;
        private H2Row row;
        private boolean started;
        private boolean closed;

        Prepared(H2Prepared prepared, PreparedStatement ps, Object[] parameters, List<ColumnDescription> columns) {
            super(prepared);
            this.ps = ps;
            this.parameters = parameters;
            this.columns = columns;
        }

        @Override
        public List<ColumnDescription> columns() {
            return columns;
        }

        @Override
        public boolean execute(RowReceiver receiver, int maxRows) throws IOException {
            H2Session session = prepared.session;
            try {
                if (!started) {
                    started = true;
                    for (int i = 0; i < parameters.length; i++) {
                        ps.setObject(i + 1, parameters[i]);
                    }
                    boolean hasRows = session.run(ps, prepared.statement);
                    if (!hasRows) {
                        long count = Math.max(0, ps.getLargeUpdateCount());
                        session.wrote(prepared.statement);
                        receiver.end(prepared.statement.tag(count));
                        return false;
                    }
                    rs = ps.getResultSet();
                    if (columns == null || !sameShape(columns, rs.getMetaData())) {
                        closeResult();
                        throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "cached plan must not change result type");
                    }
                    int[] oids = columns.stream().mapToInt(ColumnDescription::typeOid).toArray();
                    row = new H2Row(rs, oids, session.zone());
                    session.wrote(prepared.statement); // INSERT ... RETURNING returns rows and writes
                }
                if (rs == null) {
                    return false;
                }
                long count = 0;
                while (maxRows == 0 || count < maxRows) {
                    if (!session.next(rs)) {
                        receiver.end(prepared.statement.tag(count));
                        closeResult();
                        return false;
                    }
                    receiver.row(row);
                    count++;
                }
                return true;
            } catch (SQLException e) {
                throw session.error(e, prepared);
            } catch (H2Row.ValueException e) {
                throw session.error(e.getCause(), prepared);
            }
        }

        /**
         * Whether the result still has the columns Describe announced: a table altered since the
         * statement was prepared makes H2 re-plan, and the client would misread the rows.
         */
        private boolean sameShape(List<ColumnDescription> described, java.sql.ResultSetMetaData md) throws SQLException {
            if (md.getColumnCount() != described.size()) {
                return false;
            }
            for (int i = 0; i < described.size(); i++) {
                if (H2Types.describe(md, i + 1, prepared.session.declaredType(md, i + 1, prepared.sql)).typeOid()
                        != described.get(i).typeOid()) {
                    return false;
                }
            }
            return true;
        }

        private void closeResult() {
            if (rs != null) {
                try {
                    rs.close();
                } catch (SQLException e) {
                    // closing anyway
                }
                rs = null;
            }
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                closeResult();
                prepared.release(ps);
            }
        }
    }

    /** The simple path announces columns itself; in the extended protocol Describe does that. */
    private record WithoutColumns(RowReceiver target) implements RowReceiver {
        @Override
        public void start(List<ColumnDescription> columns) {
        }

        @Override
        public void row(RowSource row) throws IOException {
            target.row(row);
        }

        @Override
        public void end(String commandTag) throws IOException {
            target.end(commandTag);
        }

        @Override
        public void notice(String sqlState, String message) throws IOException {
            target.notice(sqlState, message);
        }
    }
}
