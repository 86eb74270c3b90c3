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
 * PostgreSQL's transaction meaning where H2's differs: commit and rollback (the rollback under the
 * {@link StoreLock}), savepoints, isolation levels, and DDL inside a transaction
 * ({@link TransactionalDdl}).
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
    private final TransactionalDdl ddl;
    private final RunningStatement running;
    private final ObjectPrivileges privileges;
    /** The privileges a statement needs, checked before it runs for a role that is not a superuser. */
    private final PrivilegeCheck privilegeCheck;
    private final RoleObjects roleObjects;
    /** Counts the statements run, so that what is kept for one statement (StatementRows) is not reused. */
    private long statements;
    private ZoneId zone = ZoneId.of("UTC");
    private boolean block;
    /** Uncommitted data changes: H2 would commit them if DDL ran now. */
    private boolean dirty;
    /** Something was written since the last durable commit. */
    private boolean wrote;
    private final List<SavepointEntry> savepoints = new ArrayList<>();
    private record SavepointEntry(String name, Savepoint h2, int undoSize, int epoch) {
    }

    H2Session(Connection conn, SessionInfo info, GroupCommit groupCommit, ColumnTypes columnTypes,
              java.util.function.Supplier<Connection> ddlConnections, java.util.function.Supplier<String> databaseOwner,
              java.util.function.Supplier<dev.tusk.server.catalog.Acl> databaseAcl) {
        this.columnTypes = columnTypes;
        this.conn = conn;
        this.info = info;
        this.groupCommit = groupCommit;
        this.catalog = new H2Catalog(conn);
        this.privileges = new ObjectPrivileges(conn, info, databaseOwner, databaseAcl);
        this.storeLock = StoreLock.of(conn);
        try {
            this.h2 = H2Sessions.of(conn);
            this.privilegeCheck = new PrivilegeCheck(privileges, h2);
            this.roleObjects = new RoleObjects(this, conn, privileges, h2);
            this.ddl = new TransactionalDdl(this, conn, catalog, columnTypes, info.processId(), new DdlConnection(ddlConnections),
                    new Ownership(conn, catalog, info, privileges), privilegeCheck);
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
        if (st.kind() == CommandKind.TRUNCATE && !info.superuser().getAsBoolean()) {
            privilegeCheck.checkTruncate(st);
        }
        if (st.kind() == CommandKind.TRUNCATE && block) {
            for (SqlBuilder delete : H2SqlGenerator.truncateAsDelete(st, info)) {
                runOne(conn, delete, st, receiver);
            }
            wrote(CommandKind.DELETE);
            receiver.end(st.tag(0));
            return;
        }
        if (st.isDdl()) {
            privilegesChanged();
            try {
                ddl.execute(st, receiver);
            } finally {
                privilegesChanged(); // what was looked up while it ran is stale now
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
    boolean run(PreparedStatement ps, EngineStatement st) throws SQLException {
        if (!info.superuser().getAsBoolean()) {
            privilegeCheck.check(st, ps, ps);
        }
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

    void wrote(CommandKind kind) {
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

    /** Runs the generated statement(s); returns the row count for the command tag. */
    long run(EngineStatement st, RowReceiver receiver) throws IOException {
        notices(st);
        long rows = 0;
        for (SqlBuilder sql : H2SqlGenerator.generate(st, info, catalog)) {
            rows = runOne(conn, sql, st, receiver);
        }
        return rows;
    }

    long runOne(Connection on, SqlBuilder sql, EngineStatement st, RowReceiver receiver) throws IOException {
        statements++;
        boolean checked = !st.isDdl() && !info.superuser().getAsBoolean();
        try (Statement s = checked ? on.prepareStatement(sql.toString()) : on.createStatement()) {
            if (checked) {
                privilegeCheck.check(st, (PreparedStatement) s, sql.toString());
            }
            running.start(s);
            boolean hasRows;
            storeLock.arm();
            try {
                hasRows = checked ? ((PreparedStatement) s).execute() : s.execute(sql.toString());
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

    List<SqlBuilder> generate(EngineStatement st) {
        return H2SqlGenerator.generate(st, info, catalog);
    }

    /** Whether the open transaction has uncommitted data changes (H2 would commit them if DDL ran here). */
    boolean dirty() {
        return dirty;
    }

    boolean inBlock() {
        return block;
    }

    /** DDL ran: the commit must sync. */
    void wroteDdl() {
        wrote = true;
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

    /** Something privilege checks depend on changed in this transaction: checks passed before count no more. */
    private boolean privilegesChanged;

    void privilegesChanged() {
        privilegesChanged = true;
        PrivilegeCheck.invalidate();
    }

    /** At the end of a transaction that changed privileges, others see the change (or its undoing) from now on. */
    private void endPrivilegeChanges() {
        if (privilegesChanged) {
            privilegesChanged = false;
            PrivilegeCheck.invalidate();
        }
    }

    @Override
    public void commit() {
        try {
            conn.commit();
            ddl.finishDdl();
        } catch (SQLException e) {
            throw H2Errors.map(e);
        } finally {
            ddl.clear();
            savepoints.clear();
            dirty = false;
            block = false;
            transactionLost = false;
            AdvisoryLocks.endTransaction(h2);
            endPrivilegeChanges();
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
            ddl.undoFrom(0);
        } catch (SQLException e) {
            throw H2Errors.map(e);
        } finally {
            ddl.forgetCreated();
            savepoints.clear();
            dirty = false;
            block = false;
            notified = false;
            transactionLost = false;
            AdvisoryLocks.endTransaction(h2);
            endPrivilegeChanges();
        }
    }

    @Override
    public void savepoint(String name) {
        try {
            savepoints.add(new SavepointEntry(name, conn.setSavepoint(), ddl.undoSize(), ddl.epoch()));
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
            if (sp.epoch() == ddl.epoch()) {
                storeLock.rollback(conn, sp.h2());
            } else {
                // DDL committed in H2 since the savepoint; all that is still uncommitted came after it.
                storeLock.rollback(conn);
            }
            ddl.undoFrom(sp.undoSize());
            savepoints.subList(i, savepoints.size()).clear();
            savepoints.add(new SavepointEntry(name, conn.setSavepoint(), ddl.undoSize(), ddl.epoch()));
            dirty = sp.epoch() == ddl.epoch() && dirty;
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
                    privilegeCheck.forgetPassed();
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

    /** The privileges on this database's objects (for has_table_privilege and friends). */
    ObjectPrivileges privileges() {
        return privileges;
    }

    /** What the backend told this session about itself (for functions that answer from it). */
    SessionInfo info() {
        return info;
    }

    @Override
    public List<String> ownedBy(String role) {
        return roleObjects.ownedBy(role);
    }

    @Override
    public void reassignOwned(String from, String to) {
        roleObjects.reassignOwned(from, to);
    }

    @Override
    public void grant(dev.tusk.server.sql.Statement.GrantPrivileges grant, List<String> grantees,
                      java.util.function.BiConsumer<String, String> warnings) {
        roleObjects.grant(grant, grantees, warnings);
    }

    @Override
    public void alterDefaultPrivileges(dev.tusk.server.sql.Statement.AlterDefaultPrivileges defaults, List<String> roles,
                                       List<String> grantees, java.util.function.BiConsumer<String, String> warnings) {
        roleObjects.alterDefaultPrivileges(defaults, roles, grantees, warnings);
    }

    @Override
    public void dropOwned(List<String> roles, boolean cascade, java.util.function.BiConsumer<String, String> notices)
            throws IOException {
        roleObjects.dropOwned(roles, cascade, notices);
    }

    @Override
    public void close() {
        H2Sessions.closed(h2);
        AdvisoryLocks.endSession(h2);
        ddl.close();
        try {
            if (!conn.isClosed()) {
                storeLock.rollback(conn);
                ddl.undoFrom(0);
                conn.close();
            }
        } catch (SQLException e) {
            // the session is going away; nothing more can be done for it
        }
    }
}
