package dev.tusk.server.engine.h2;

import dev.tusk.protocol.SqlState;
import dev.tusk.server.engine.ColumnDescription;
import dev.tusk.server.engine.EnginePrepared;
import dev.tusk.server.engine.EngineSession;
import dev.tusk.server.engine.RowReceiver;
import dev.tusk.server.engine.SessionInfo;
import dev.tusk.server.error.PgException;
import dev.tusk.server.sql.CommandKind;
import dev.tusk.server.sql.EngineStatement;
import dev.tusk.server.sql.Identifiers;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * One backend's H2 connection. Runs generated SQL, streams rows to the receiver and keeps
 * PostgreSQL's transaction meaning where H2's differs: H2 commits the open transaction when DDL
 * runs. So DDL in a transaction runs on the session's own connection only while nothing is
 * uncommitted there; after data changes it runs on a second connection of the same session (its
 * "DDL connection"), which commits only the DDL and leaves the data changes open. Either way the DDL
 * is undone by its inverse statement ({@link DdlUndo}) if the transaction rolls back.
 */
final class H2Session implements EngineSession {
    private final Connection conn;
    private final SessionInfo info;
    private final GroupCommit groupCommit;
    private final H2Catalog catalog;
    /** Held around every rollback: H2's rollback may otherwise undo a row twice (see StoreLock). */
    private final StoreLock storeLock;
    /** Which of this database's columns are json, name or oid. */
    private final ColumnTypes columnTypes;
    /** H2's own session object: the owner of this session's advisory locks. */
    private final org.h2.engine.SessionLocal h2;
    private final DdlConnection ddl;
    private final RunningStatement running;
    /** Counts the statements run, so that what is kept for one statement (StatementRows) is not reused. */
    private long statements;
    private ZoneId zone = ZoneId.of("UTC");
    private boolean block;
    /** Uncommitted data changes: H2 would commit them if DDL ran now. */
    private boolean dirty;
    /** Something was written since the last durable commit. */
    private boolean wrote;
    /** DDL done in the open transaction: how to undo each, and what to finish at commit. */
    private final List<DdlUndo.Entry> undo = new ArrayList<>();
    /** Tables created in the open transaction ("schema.name"): DDL on them is undone by their drop. */
    private final java.util.Set<String> createdHere = new java.util.HashSet<>();
    private final List<SavepointEntry> savepoints = new ArrayList<>();
    /** Counts DDL-caused H2 commits; an H2 savepoint from an earlier epoch no longer exists. */
    private int epoch;

    private record SavepointEntry(String name, Savepoint h2, int undoSize, int epoch) {
    }

    H2Session(Connection conn, SessionInfo info, GroupCommit groupCommit, ColumnTypes columnTypes,
              java.util.function.Supplier<Connection> ddlConnections) {
        this.columnTypes = columnTypes;
        this.conn = conn;
        this.info = info;
        this.groupCommit = groupCommit;
        this.ddl = new DdlConnection(ddlConnections);
        this.catalog = new H2Catalog(conn);
        this.storeLock = StoreLock.of(conn);
        try {
            this.h2 = H2Sessions.of(conn);
            this.running = new RunningStatement(h2);
            H2Sessions.opened(h2, this);
            conn.setAutoCommit(false);
        } catch (SQLException e) {
            throw H2Errors.map(e);
        }
    }

    /** The engine session's isolation level (H2 keeps it until it is changed). */
    private org.h2.engine.IsolationLevel isolation = org.h2.engine.IsolationLevel.READ_COMMITTED;

    @Override
    public void begin(boolean block) {
        this.block = block;
    }

    /**
     * REPEATABLE READ and SERIALIZABLE run on the engine's SNAPSHOT and SERIALIZABLE levels (the same
     * thing in H2): one snapshot of every table from the transaction's first statement, and an update,
     * delete or row lock of a row another transaction changed and committed since (or commits while this
     * one waits for it) fails with 40001, where READ COMMITTED would overwrite it. (H2's REPEATABLE_READ
     * would take each table's snapshot when the transaction first reads that table, so a table read
     * later would show commits made after the first statement.) Read uncommitted is read committed, as
     * in PostgreSQL. Changing the
     * level ends the engine's transaction, so it is changed only before the first statement, and only
     * when it differs (the common READ COMMITTED case costs a comparison).
     */
    @Override
    public void setIsolation(String level) {
        org.h2.engine.IsolationLevel wanted = switch (level) {
            case "serializable" -> org.h2.engine.IsolationLevel.SERIALIZABLE;
            case "repeatable read" -> org.h2.engine.IsolationLevel.SNAPSHOT;
            default -> org.h2.engine.IsolationLevel.READ_COMMITTED;
        };
        if (wanted != isolation) {
            h2.setIsolationLevel(wanted);
            isolation = wanted;
        }
    }

    @Override
    public void execute(EngineStatement st, RowReceiver receiver) throws IOException {
        if (st.kind() == CommandKind.TRUNCATE && block) {
            for (SqlBuilder delete : H2SqlGenerator.truncateAsDelete(st, info)) {
                runOne(conn, delete, st, receiver);
            }
            wrote(CommandKind.DELETE);
            receiver.end(st.tag(0));
            return;
        }
        if (st.isDdl()) {
            try {
                executeDdl(st, receiver);
            } finally {
                columnTypes.invalidate(); // a json, name or oid column may have come or gone
            }
            return;
        }
        long rows;
        try {
            rows = run(st, receiver);
        } catch (PgException e) {
            EngineStatement onSequence = SequenceRelations.retry(st, e, catalog);
            if (onSequence == null) {
                throw e;
            }
            rows = run(onSequence, receiver);
        }
        wrote(st);
        receiver.end(st.tag(rows));
    }

    /** Remembers that the statement may queue notifications, so commit looks for them (and only then). */
    private void notices(EngineStatement st) {
        for (var t : st.tokens()) {
            if (t.isWord("pg_notify")) {
                notified = true;
                return;
            }
        }
    }

    @Override
    public EnginePrepared prepare(EngineStatement st, int[] parameterTypes) {
        notices(st);
        SqlBuilder sql = null;
        try {
            if (st.isDdl()) {
                EngineAllowList.check(st); // refused at Parse, as PostgreSQL's analysis would
            } else {
                List<SqlBuilder> generated = H2SqlGenerator.generate(st, info, catalog);
                if (generated.size() == 1) {
                    sql = generated.get(0);
                }
            }
            PreparedStatement ps = sql == null ? null : conn.prepareStatement(sql.toString());
            return new H2Prepared(this, st, sql, ps, parameterTypes);
        } catch (SQLException e) {
            PgException error = error(e, sql, st);
            EngineStatement onSequence = SequenceRelations.retry(st, error, catalog);
            if (onSequence == null) {
                throw error;
            }
            return prepare(onSequence, parameterTypes);
        }
    }

    PreparedStatement prepareAgain(SqlBuilder sql) throws SQLException {
        return conn.prepareStatement(sql.toString());
    }

    /** Executes a prepared statement as the running one (so cancel reaches it); true if it returned rows. */
    boolean run(PreparedStatement ps) throws SQLException {
        statements++;
        running.start(ps);
        storeLock.arm();
        try {
            return ps.execute();
        } finally {
            storeLock.disarm();
            running.end();
        }
    }

    boolean next(ResultSet rs) throws SQLException {
        return rs.next();
    }

    /** Notes that a statement changed data: DDL can no longer run on this connection, and commit must sync. */
    void wrote(EngineStatement st) {
        wrote(st.kind());
    }

    private void wrote(CommandKind kind) {
        if (kind != CommandKind.SELECT && kind != CommandKind.EXPLAIN) {
            dirty = true;
            wrote = true;
        }
    }

    ZoneId zone() {
        return zone;
    }

    PgException error(SQLException e, H2Prepared prepared) {
        return error(e, prepared.sql, prepared.statement);
    }

    /** A statement's error as PostgreSQL's; an enum is named from this database's types. */
    private PgException error(SQLException e, SqlBuilder sql, EngineStatement st) {
        PgException error = H2Errors.map(e, sql, st, running.canceled(), labels -> {
            try {
                return columnTypes.enumName(conn, labels);
            } catch (SQLException lookup) {
                return null;
            }
        });
        if (running.outOfMemory() && SqlState.QUERY_CANCELED.equals(error.sqlState())) {
            return new PgException(SqlState.OUT_OF_MEMORY, "out of memory")
                    .detail("The server's memory was nearly exhausted, and this statement had run longest.");
        }
        if (SqlState.T_R_SERIALIZATION_FAILURE.equals(error.sqlState()) || SqlState.T_R_DEADLOCK_DETECTED.equals(error.sqlState())) {
            transactionLost = true; // the engine rolled the whole transaction back, savepoints and all
        }
        return error;
    }

    /**
     * Whether the engine already rolled this transaction back (a serialization failure or deadlock): a
     * savepoint can no longer bring back what came before it, so only ROLLBACK is accepted.
     */
    private boolean transactionLost;

    private void executeDdl(EngineStatement st, RowReceiver receiver) throws IOException {
        DropTargets drop = DropTargets.of(st);
        if (block && drop != null && drop.objectType().equals("TABLE") && !drop.cascade()) {
            dropTablesInBlock(st, drop, receiver);
            return;
        }
        DdlUndo.Undo u = DdlUndo.of(st);
        DdlUndo.Target target = DdlUndo.target(st);
        boolean onNewTable = target != null && createdHere.contains(tableKey(target.schema(), target.name()));
        String commentUndo = null;
        if (u == null && !onNewTable && target != null && st.kind() == CommandKind.COMMENT) {
            commentUndo = DdlUndo.commentUndo(st, target, catalog.comment(target));
        }
        boolean undoable = u != null || onNewTable || commentUndo != null;
        if (dirty && (!undoable || isTemporary(st))) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED,
                    st.tag(0) + " after data changes in the same transaction is not supported by Tusk yet")
                    .hint("Commit the data changes first, or run the DDL before them in the transaction.");
        }
        if (block && !undoable) {
            throw new PgException(SqlState.ACTIVE_SQL_TRANSACTION,
                    st.tag(0) + " cannot run inside a transaction block in Tusk yet")
                    .hint("Run it outside BEGIN ... COMMIT; it cannot be rolled back.");
        }
        if (drop != null) {
            reportMissing(drop, receiver);
        }
        boolean existed = u != null && u.name() != null && catalog.exists(u.objectType(), u.schema(), u.name());
        long rows;
        if (dirty) {
            rows = runBeside(st, receiver);
        } else {
            rows = run(st, receiver);
            epoch++;
        }
        wrote = true;
        if (u != null && !existed) {
            undo.add(new DdlUndo.Entry(u.sql(), null));
            if (u.objectType().equals("TABLE")) {
                createdHere.add(tableKey(u.schema(), u.name()));
            }
        }
        if (commentUndo != null) {
            undo.add(new DdlUndo.Entry(commentUndo, null));
        }
        receiver.end(st.tag(rows));
    }

    /**
     * DROP TABLE inside a transaction block: the tables are renamed out of sight, renamed back if
     * the transaction rolls back, and dropped for good when it commits.
     */
    private void dropTablesInBlock(EngineStatement st, DropTargets drop, RowReceiver receiver) throws IOException {
        reportMissing(drop, receiver);
        for (DropTargets.Name n : drop.names()) {
            if (!catalog.exists("TABLE", n.schema(), n.name())) {
                continue;
            }
            String schema = n.schema() != null ? n.schema() : catalog.currentSchema();
            catalog.checkNotReferenced(schema, n.name());
            String hidden = DdlUndo.hiddenName(info.processId(), undo.size());
            String qualified = Identifiers.quote(schema) + ".";
            SqlBuilder rename = new SqlBuilder().emit("alter table " + qualified + Identifiers.quote(n.name())
                    + " rename to " + Identifiers.quote(hidden), st.tokens().get(0).start());
            if (dirty) {
                runBeside(rename, st, receiver);
            } else {
                runOne(conn, rename, st, receiver);
                epoch++;
            }
            String owned = String.join("", catalog.ownedSequenceDrops(schema, n.name()).stream().map(d -> "; " + d).toList());
            undo.add(new DdlUndo.Entry("alter table " + qualified + Identifiers.quote(hidden) + " rename to "
                    + Identifiers.quote(n.name()), "drop table " + qualified + Identifiers.quote(hidden) + owned));
        }
        wrote = true;
        receiver.end(st.tag(0));
    }

    /** PostgreSQL's answer to dropping what does not exist: a notice with IF EXISTS, else an error. */
    private void reportMissing(DropTargets drop, RowReceiver receiver) throws IOException {
        for (DropTargets.Name n : drop.names()) {
            if (catalog.exists(drop.objectType(), n.schema(), n.name())) {
                continue;
            }
            String what = drop.noun() + " \"" + n.name() + "\" does not exist";
            if (drop.ifExists()) {
                receiver.notice(SqlState.SUCCESSFUL_COMPLETION, what + ", skipping");
            } else {
                throw new PgException(switch (drop.objectType()) {
                    case "SCHEMA" -> SqlState.INVALID_SCHEMA_NAME;
                    case "INDEX" -> SqlState.UNDEFINED_OBJECT;
                    default -> SqlState.UNDEFINED_TABLE;
                }, what);
            }
        }
    }

    private String tableKey(String schema, String name) {
        return (schema != null ? schema : catalog.currentSchema()) + "." + name;
    }

    private static boolean isTemporary(EngineStatement st) {
        for (int i = 1; i < st.tokens().size() && i < 4; i++) {
            if (st.tokens().get(i).isWord("temp") || st.tokens().get(i).isWord("temporary")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs DDL on the DDL connection, so that H2's commit-on-DDL does not commit this session's open
     * data changes. If the DDL needs a table this transaction has changed, H2 cannot lock it from the
     * other connection; that is refused rather than waited on forever.
     */
    private long runBeside(EngineStatement st, RowReceiver receiver) throws IOException {
        long rows = 0;
        for (SqlBuilder sql : H2SqlGenerator.generate(st, info, catalog)) {
            rows = runBeside(sql, st, receiver);
        }
        return rows;
    }

    private long runBeside(SqlBuilder sql, EngineStatement st, RowReceiver receiver) throws IOException {
        Connection beside;
        try {
            beside = ddl.get();
        } catch (SQLException e) {
            throw H2Errors.map(e);
        }
        try {
            return runOne(beside, sql, st, receiver);
        } catch (PgException e) {
            if (SqlState.LOCK_NOT_AVAILABLE.equals(e.sqlState())) {
                throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, st.tag(0)
                        + " on a table changed earlier in the same transaction is not supported by Tusk yet")
                        .hint("Commit the data changes first, or run the DDL before them in the transaction.");
            }
            throw e;
        }
    }

    /** Runs the generated statement(s); returns the row count for the command tag. */
    private long run(EngineStatement st, RowReceiver receiver) throws IOException {
        notices(st);
        long rows = 0;
        for (SqlBuilder sql : H2SqlGenerator.generate(st, info, catalog)) {
            rows = runOne(conn, sql, st, receiver);
        }
        return rows;
    }

    private long runOne(Connection on, SqlBuilder sql, EngineStatement st, RowReceiver receiver) throws IOException {
        statements++;
        try (Statement s = on.createStatement()) {
            running.start(s);
            boolean hasRows;
            storeLock.arm();
            try {
                hasRows = s.execute(sql.toString());
            } finally {
                storeLock.disarm();
            }
            if (!hasRows) {
                return Math.max(0, s.getLargeUpdateCount());
            }
            try (ResultSet rs = s.getResultSet()) {
                ResultSetMetaData md = rs.getMetaData();
                int n = md.getColumnCount();
                List<ColumnDescription> cols = new ArrayList<>(n);
                int[] oids = new int[n];
                for (int i = 0; i < n; i++) {
                    ColumnDescription c = H2Types.describe(md, i + 1, declaredType(md, i + 1, sql));
                    cols.add(c);
                    oids[i] = c.typeOid();
                }
                receiver.start(cols);
                long count = 0;
                H2Row row = new H2Row(rs, oids, zone);
                while (rs.next()) {
                    receiver.row(row);
                    count++;
                }
                return count;
            }
        } catch (SQLException e) {
            throw error(e, sql, st);
        } catch (H2Row.ValueException e) {
            throw error(e.getCause(), sql, st);
        } finally {
            running.end();
        }
    }

    /** Set when a statement called pg_notify(): its queue table has rows to take at commit. */
    private boolean notified;

    @Override
    public List<String[]> takeNotifications() {
        if (!notified) {
            return List.of();
        }
        notified = false;
        try {
            return PgFunctions.takeQueuedNotifications(conn);
        } catch (SQLException e) {
            throw H2Errors.map(e);
        }
    }

    @Override
    public void commit() {
        try {
            conn.commit();
            finishDdl();
        } catch (SQLException e) {
            throw H2Errors.map(e);
        } finally {
            undo.clear();
            createdHere.clear();
            savepoints.clear();
            dirty = false;
            block = false;
            transactionLost = false;
            AdvisoryLocks.endTransaction(h2);
        }
        if (wrote && groupCommit != null) {
            groupCommit.awaitDurable();
        }
        wrote = false;
    }

    @Override
    public void rollback() {
        try {
            storeLock.rollback(conn);
            undoFrom(0);
        } catch (SQLException e) {
            throw H2Errors.map(e);
        } finally {
            createdHere.clear();
            savepoints.clear();
            dirty = false;
            block = false;
            notified = false;
            transactionLost = false;
            AdvisoryLocks.endTransaction(h2);
        }
    }

    private void undoFrom(int size) throws SQLException {
        if (undo.size() <= size) {
            return;
        }
        try (Statement s = conn.createStatement()) {
            for (int i = undo.size() - 1; i >= size; i--) {
                s.execute(undo.remove(i).undo());
            }
        } finally {
            columnTypes.invalidate();
        }
    }

    /** After the commit: what DDL left for it (the real DROP of tables dropped in the transaction). */
    private void finishDdl() throws SQLException {
        try (Statement s = conn.createStatement()) {
            for (DdlUndo.Entry e : undo) {
                if (e.onCommit() != null) {
                    s.execute(e.onCommit());
                }
            }
        }
    }

    @Override
    public void savepoint(String name) {
        try {
            savepoints.add(new SavepointEntry(name, conn.setSavepoint(), undo.size(), epoch));
        } catch (SQLException e) {
            throw H2Errors.map(e);
        }
    }

    private int find(String name) {
        for (int i = savepoints.size() - 1; i >= 0; i--) {
            if (savepoints.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new PgException(SqlState.S_E_INVALID_SPECIFICATION, "savepoint \"" + name + "\" does not exist");
    }

    @Override
    public void rollbackToSavepoint(String name) {
        if (transactionLost) {
            throw new PgException(SqlState.IN_FAILED_SQL_TRANSACTION,
                    "current transaction is aborted, commands ignored until end of transaction block")
                    .hint("Tusk cannot roll back to a savepoint after a serialization failure or deadlock: ROLLBACK and retry the transaction.");
        }
        int i = find(name);
        SavepointEntry sp = savepoints.get(i);
        try {
            if (sp.epoch() == epoch) {
                storeLock.rollback(conn, sp.h2());
            } else {
                // DDL committed in H2 since the savepoint; all that is still uncommitted came after it.
                storeLock.rollback(conn);
            }
            undoFrom(sp.undoSize());
            savepoints.subList(i, savepoints.size()).clear();
            savepoints.add(new SavepointEntry(name, conn.setSavepoint(), undo.size(), epoch));
            dirty = sp.epoch() == epoch && dirty;
        } catch (SQLException e) {
            throw H2Errors.map(e);
        }
    }

    @Override
    public void releaseSavepoint(String name) {
        int i = find(name);
        savepoints.subList(i, savepoints.size()).clear();
    }

    @Override
    public void applySetting(String name, String value) {
        try (Statement s = conn.createStatement()) {
            switch (name) {
                case "timezone":
                    zone = TimeZones.zoneOf(value);
                    s.execute("SET TIME ZONE '" + zone.getId().replace("'", "''") + "'");
                    break;
                case "statement_timeout":
                    s.execute("SET QUERY_TIMEOUT " + Math.max(0, Integer.parseInt(value)));
                    break;
                case "search_path":
                    ddl.searchPath(SearchPath.apply(s, value));
                    break;
                default:
                    break;
            }
        } catch (SQLException | DateTimeException | NumberFormatException e) {
            throw new PgException(SqlState.INVALID_PARAMETER_VALUE,
                    "invalid value for parameter \"" + name + "\": \"" + value + "\"");
        }
    }

    @Override
    public long statementStartNanos() {
        return running.since();
    }

    @Override
    public void cancelOutOfMemory() {
        running.cancel(true);
    }

    @Override
    public void cancel() {
        running.cancel(false);
    }

    /**
     * The PostgreSQL type a result column has that H2's metadata does not show (0 if none): a cast
     * to json, name or oid in the select list, or a table column declared with one of those.
     */
    int declaredType(ResultSetMetaData md, int col, SqlBuilder sql) throws SQLException {
        int cast = sql.castType(col - 1);
        if (cast != 0) {
            return cast;
        }
        String table = md.getTableName(col);
        if (table == null || table.isEmpty()) {
            return 0;
        }
        return columnTypes.typeOf(conn, md.getSchemaName(col), table, md.getColumnName(col));
    }

    long statementSerial() {
        return statements;
    }

    /** What the backend told this session about itself (for functions that answer from it). */
    SessionInfo info() {
        return info;
    }

    @Override
    public void close() {
        H2Sessions.closed(h2);
        AdvisoryLocks.endSession(h2);
        ddl.close();
        try {
            if (!conn.isClosed()) {
                storeLock.rollback(conn);
                undoFrom(0);
                conn.close();
            }
        } catch (SQLException e) {
            // the session is going away; nothing more can be done for it
        }
    }
}
