package dev.tusk.server.engine.h2;

import dev.tusk.protocol.SqlState;
import dev.tusk.server.engine.RowReceiver;
import dev.tusk.server.error.PgException;
import dev.tusk.server.sql.CommandKind;
import dev.tusk.server.sql.EngineStatement;
import dev.tusk.server.sql.Identifiers;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * DDL inside a session's transaction, with PostgreSQL's meaning where H2's differs: H2 commits the
 * open transaction when DDL runs. So DDL runs on the session's own connection only while nothing is
 * uncommitted there; after data changes it runs on the session's second connection (its "DDL
 * connection"), which commits only the DDL and leaves the data changes open. Either way the DDL is
 * undone by its inverse statement ({@link DdlUndo}) if the transaction rolls back, and a DROP TABLE
 * in a block hides the table until the commit. Belongs to its session's thread.
 */
final class TransactionalDdl {
    private final H2Session session;
    private final Connection conn;
    private final H2Catalog catalog;
    private final ColumnTypes columnTypes;
    private final int processId;
    private final DdlConnection ddl;
    private final Ownership ownership;
    private final PrivilegeCheck privileges;
    /** DDL done in the open transaction: how to undo each, and what to finish at commit. */
    private final List<DdlUndo.Entry> undo = new ArrayList<>();
    /** Tables created in the open transaction ("schema.name"): DDL on them is undone by their drop. */
    private final java.util.Set<String> createdHere = new java.util.HashSet<>();
    /** Counts DDL-caused H2 commits; an H2 savepoint from an earlier epoch no longer exists. */
    private int epoch;

    TransactionalDdl(H2Session session, Connection conn, H2Catalog catalog, ColumnTypes columnTypes, int processId,
                     DdlConnection ddl, Ownership ownership, PrivilegeCheck privileges) {
        this.ownership = ownership;
        this.privileges = privileges;
        this.session = session;
        this.conn = conn;
        this.catalog = catalog;
        this.columnTypes = columnTypes;
        this.processId = processId;
        this.ddl = ddl;
    }

    /** How much DDL the transaction has done so far (a savepoint's mark). */
    int undoSize() {
        return undo.size();
    }

    /** Changes each time DDL made H2 commit: a savepoint from another epoch no longer exists in H2. */
    int epoch() {
        return epoch;
    }

    /** The transaction ended: nothing is left to undo or finish. */
    void clear() {
        undo.clear();
        createdHere.clear();
    }

    /** A rollback has undone all; tables created in it are gone. */
    void forgetCreated() {
        createdHere.clear();
    }

    void searchPath(List<String> path) throws SQLException {
        ddl.searchPath(path);
    }

    void close() {
        ddl.close();
    }

    /** Runs DDL as PostgreSQL would inside the session's transaction (or refuses what Tusk cannot undo). */
    void execute(EngineStatement st, RowReceiver receiver) throws IOException {
        if (ownership.alterOwner(st, receiver)) {
            return;
        }
        DropTargets drop = DropTargets.of(st);
        EngineAllowList.check(st); // what the grammar refuses is refused before any permission check, as in PostgreSQL
        ownership.check(st, drop);
        if (!session.info().superuser().getAsBoolean()) {
            privileges.checkDdl(st, isTemporary(st));
        }
        if (session.inBlock() && drop != null && drop.objectType().equals("TABLE") && !drop.cascade()) {
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
        if (session.dirty() && (!undoable || isTemporary(st))) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED,
                    st.tag(0) + " after data changes in the same transaction is not supported by Tusk yet")
                    .hint("Commit the data changes first, or run the DDL before them in the transaction.");
        }
        if (session.inBlock() && !undoable) {
            throw new PgException(SqlState.ACTIVE_SQL_TRANSACTION,
                    st.tag(0) + " cannot run inside a transaction block in Tusk yet")
                    .hint("Run it outside BEGIN ... COMMIT; it cannot be rolled back.");
        }
        if (drop != null) {
            reportMissing(drop, receiver);
        }
        boolean existed = u != null && u.name() != null && catalog.exists(u.objectType(), u.schema(), u.name());
        long rows;
        Connection ranOn;
        if (session.dirty()) {
            rows = runBeside(st, receiver);
            ranOn = beside();
        } else {
            rows = session.run(st, receiver);
            ranOn = conn;
            epoch++;
        }
        session.wroteDdl();
        if (drop != null) {
            ownership.dropped(ranOn, drop);
        }
        ownership.renamed(ranOn, st);
        if (u != null && !existed) {
            String forget = ownership.created(ranOn, u, st);
            undo.add(new DdlUndo.Entry(forget == null ? u.sql() : forget + "; " + u.sql(), null));
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
            String hidden = DdlUndo.hiddenName(processId, undo.size());
            String qualified = Identifiers.quote(schema) + ".";
            SqlBuilder rename = new SqlBuilder().emit("alter table " + qualified + Identifiers.quote(n.name())
                    + " rename to " + Identifiers.quote(hidden), st.tokens().get(0).start());
            if (session.dirty()) {
                runBeside(rename, st, receiver);
            } else {
                session.runOne(conn, rename, st, receiver);
                epoch++;
            }
            String owned = String.join("", catalog.ownedSequenceDrops(schema, n.name()).stream().map(d -> "; " + d).toList());
            undo.add(new DdlUndo.Entry("alter table " + qualified + Identifiers.quote(hidden) + " rename to "
                    + Identifiers.quote(n.name()), ownership.forgetOnCommit(schema, n.name()) + "; drop table " + qualified
                    + Identifiers.quote(hidden) + owned));
        }
        session.wroteDdl();
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
        for (SqlBuilder sql : session.generate(st)) {
            rows = runBeside(sql, st, receiver);
        }
        return rows;
    }

    private Connection beside() {
        try {
            return ddl.get();
        } catch (SQLException e) {
            throw H2Errors.map(e);
        }
    }

    private long runBeside(SqlBuilder sql, EngineStatement st, RowReceiver receiver) throws IOException {
        Connection beside = beside();
        try {
            return session.runOne(beside, sql, st, receiver);
        } catch (PgException e) {
            if (SqlState.LOCK_NOT_AVAILABLE.equals(e.sqlState())) {
                throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, st.tag(0)
                        + " on a table changed earlier in the same transaction is not supported by Tusk yet")
                        .hint("Commit the data changes first, or run the DDL before them in the transaction.");
            }
            throw e;
        }
    }

    /** Undoes the DDL done after the first size entries (a rollback, or one to a savepoint). */
    void undoFrom(int size) throws SQLException {
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
    void finishDdl() throws SQLException {
        try (Statement s = conn.createStatement()) {
            for (DdlUndo.Entry e : undo) {
                if (e.onCommit() != null) {
                    s.execute(e.onCommit());
                }
            }
        }
    }
}
