package dev.tusk.driver.jdbc;

import dev.tusk.driver.core.ProtocolConnection;
import dev.tusk.protocol.BackendMessage;
import dev.tusk.protocol.PgReader;
import dev.tusk.protocol.PgWriter;
import dev.tusk.protocol.message.extended.Bind;
import dev.tusk.protocol.message.extended.Close;
import dev.tusk.protocol.message.extended.Describe;
import dev.tusk.protocol.message.extended.Execute;
import dev.tusk.protocol.message.extended.Flush;
import dev.tusk.protocol.message.extended.ParameterDescription;
import dev.tusk.protocol.message.extended.Parse;
import dev.tusk.protocol.message.extended.Sync;
import dev.tusk.protocol.message.simple.CommandComplete;
import dev.tusk.protocol.message.simple.Query;
import dev.tusk.protocol.message.simple.ReadyForQuery;
import dev.tusk.protocol.message.simple.RowDescription;
import dev.tusk.protocol.message.copy.CopyFail;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs statements over one {@link ProtocolConnection}: the simple protocol for plain SQL strings
 * (which may hold several statements), the extended protocol for everything with parameters, named
 * server statements once a statement has run prepareThreshold times, BEGIN piggybacked on the first
 * statement of a transaction, and batches pipelined in one exchange. Callers hold the connection lock.
 */
final class QueryExecutor {
    /** Bind/Execute pairs written before the answers to the previous ones are read (keeps both socket buffers from filling). */
    private static final int BATCH_WINDOW = 512;
    private static final short[] NO_FORMATS = new short[0];
    private final ProtocolConnection pc;
    private final StatementCache cache;
    private final boolean binaryTransfer;
    private int portalCounter;

    QueryExecutor(ProtocolConnection pc, StatementCache cache, boolean binaryTransfer) {
        this.pc = pc;
        this.cache = cache;
        this.binaryTransfer = binaryTransfer;
    }

    ProtocolConnection protocol() {
        return pc;
    }

    StatementCache cache() {
        return cache;
    }

    /** Simple Query: every statement in sql, each its own Result. */
    List<Result> simple(String sql, boolean beginFirst) throws SQLException {
        PgWriter w = pc.writer();
        closePending(w);
        if (beginFirst) {
            new Query("BEGIN").encode(w);
        }
        new Query(sql).encode(w);
        pc.flush();
        readPendingClose();
        if (beginFirst) {
            pc.readUntilReady();
        }
        return readSimple();
    }

    private boolean hasPendingCloseAnswers;

    /** Close messages for evicted statements, sent ahead of the next exchange with a Sync of their own. */
    private void closePending(PgWriter w) {
        hasPendingCloseAnswers = false;
        List<String> names = cache.takeToClose();
        if (names.isEmpty()) {
            return;
        }
        for (String n : names) {
            new Close(Close.STATEMENT, n).encode(w);
        }
        new Sync().encode(w);
        hasPendingCloseAnswers = true;
    }

    private void readPendingClose() throws SQLException {
        if (hasPendingCloseAnswers) {
            hasPendingCloseAnswers = false;
            pc.readUntilReady();
        }
    }

    private List<Result> readSimple() throws SQLException {
        List<Result> results = new ArrayList<>();
        Result current = new Result();
        SQLException error = null;
        while (true) {
            BackendMessage t = pc.next();
            switch (t) {
                case ROW_DESCRIPTION:
                    current.fields = fields(RowDescription.decode(pc.body()));
                    break;
                case DATA_ROW:
                    current.rows.add(row(pc.body()));
                    break;
                case COMMAND_COMPLETE:
                    current.tag = CommandComplete.decode(pc.body()).tag();
                    results.add(current);
                    current = new Result();
                    break;
                case EMPTY_QUERY_RESPONSE:
                    results.add(current);
                    current = new Result();
                    break;
                case COPY_IN_RESPONSE:
                    new CopyFail("COPY FROM STDIN needs TuskConnection.copyIn").encode(pc.writer());
                    pc.flush();
                    break;
                case COPY_OUT_RESPONSE: case COPY_DATA: case COPY_DONE:
                    break; // COPY TO STDOUT through execute: the data is dropped, as pgjdbc does
                case ERROR_RESPONSE:
                    if (error == null) {
                        error = pc.error();
                    }
                    break;
                case READY_FOR_QUERY:
                    if (error != null) {
                        throw error;
                    }
                    return results;
                default:
                    break;
            }
        }
    }

    /**
     * One statement through the extended protocol. fetchSize &gt; 0 in a transaction leaves a
     * named portal open with the remaining rows; maxRows caps the rows returned.
     */
    Result extended(String sql, Parameters params, int fetchSize, int maxRows, boolean beginFirst) throws SQLException {
        return extended(sql, params, fetchSize, maxRows, beginFirst, null);
    }

    /** last: the statement this caller ran last time (see {@link StatementCache#use(ServerStatement, String, int[], int)}). */
    Result extended(String sql, Parameters params, int fetchSize, int maxRows, boolean beginFirst, ServerStatement[] last)
            throws SQLException {
        ServerStatement st = cache.use(last == null ? null : last[0], sql, params.oids, 1);
        if (last != null) {
            last[0] = st;
        }
        try {
            return extendedOnce(sql, params, st, fetchSize, maxRows, beginFirst);
        } catch (SQLException e) {
            if (st != null && st.prepared && isStalePlan(e)) {
                cache.invalidate(st);
                // Retry only where the failed attempt left no transaction behind to abort.
                if (pc.transactionStatus() == ReadyForQuery.IDLE && !beginFirst) {
                    return extendedOnce(sql, params, cache.use(sql, params.oids, 0), fetchSize, maxRows, false);
                }
            }
            throw e;
        }
    }

    static boolean isStalePlan(SQLException e) {
        return "26000".equals(e.getSQLState())
                || ("0A000".equals(e.getSQLState()) && e.getMessage() != null && e.getMessage().contains("cached plan"));
    }

    private Result extendedOnce(String sql, Parameters params, ServerStatement st, int fetchSize, int maxRows,
                                boolean beginFirst) throws SQLException {
        PgWriter w = pc.writer();
        closePending(w);
        if (beginFirst) {
            begin(w);
        }
        if (st != null && !st.prepared) {
            prepareNow(w, st);
            beginFirst = false;
        }
        String portal = fetchSize > 0 && (pc.transactionStatus() != ReadyForQuery.IDLE || beginFirst) ? "C_" + (++portalCounter) : "";
        if (st == null) {
            new Parse("", sql, params.oids).encode(w);
        }
        short[] resultFormats = st == null ? NO_FORMATS : st.resultFormats;
        new Bind(portal, st == null ? "" : st.name, params.formats, params.values, resultFormats).encode(w);
        if (st == null) {
            new Describe(Describe.PORTAL, portal).encode(w);
        }
        int limit = fetchSize > 0 && !portal.isEmpty() ? (maxRows > 0 ? Math.min(fetchSize, maxRows) : fetchSize) : maxRows;
        new Execute(portal, limit).encode(w);
        new Sync().encode(w);
        pc.flush();
        readPendingClose();
        Result r = new Result();
        if (st != null) {
            r.fields = st.resultFields;
        }
        readExtended(r, portal);
        return r;
    }

    private void begin(PgWriter w) {
        new Parse("", "BEGIN", new int[0]).encode(w);
        new Bind("", "", NO_FORMATS, new byte[0][], NO_FORMATS).encode(w);
        new Execute("", 0).encode(w);
    }

    /** Parse + Describe + Sync for a statement about to become named, in a round trip of its own (it tells the result formats). */
    private void prepareNow(PgWriter w, ServerStatement st) throws SQLException {
        prepare(w, st);
        pc.flush();
        readPendingClose();
        readPrepared(st);
    }

    private void prepare(PgWriter w, ServerStatement st) {
        new Parse(st.name, st.sql, st.parameterOids).encode(w);
        new Describe(Describe.STATEMENT, st.name).encode(w);
        new Sync().encode(w);
    }

    /** Reads the answers to Parse + Describe(statement) + Sync. */
    private void readPrepared(ServerStatement st) throws SQLException {
        SQLException error = null;
        while (true) {
            BackendMessage t = pc.next();
            switch (t) {
                case PARAMETER_DESCRIPTION:
                    st.describedParameterOids = ParameterDescription.decode(pc.body()).typeOids();
                    break;
                case ROW_DESCRIPTION:
                    st.fields = fields(RowDescription.decode(pc.body()));
                    break;
                case NO_DATA:
                    st.fields = null;
                    break;
                case ERROR_RESPONSE:
                    if (error == null) {
                        error = pc.error();
                    }
                    break;
                case READY_FOR_QUERY:
                    if (error != null) {
                        cache.invalidate(st);
                        throw error;
                    }
                    st.prepared = true;
                    st.resultFormats = resultFormats(st.fields);
                    st.resultFields = withFormats(st.fields, st.resultFormats);
                    return;
                default:
                    break; // ParseComplete, and BEGIN's answers when it rode along
            }
        }
    }

    private short[] resultFormats(Field[] fields) {
        if (fields == null || !binaryTransfer) {
            return NO_FORMATS;
        }
        short[] f = new short[fields.length];
        boolean any = false;
        for (int i = 0; i < fields.length; i++) {
            if (PgTypeInfo.binaryResult(fields[i].typeOid())) {
                f[i] = 1;
                any = true;
            }
        }
        return any ? f : NO_FORMATS;
    }

    private static Field[] withFormats(Field[] fields, short[] formats) {
        if (fields == null) {
            return null;
        }
        Field[] out = new Field[fields.length];
        for (int i = 0; i < fields.length; i++) {
            out[i] = fields[i].withFormat(formats.length == 0 ? 0 : formats.length == 1 ? formats[0] : formats[i]);
        }
        return out;
    }

    private void readExtended(Result r, String portal) throws SQLException {
        SQLException error = null;
        while (true) {
            BackendMessage t = pc.next();
            switch (t) {
                case ROW_DESCRIPTION:
                    r.fields = fields(RowDescription.decode(pc.body()));
                    break;
                case NO_DATA:
                    r.fields = null;
                    break;
                case DATA_ROW:
                    r.rows.add(row(pc.body()));
                    break;
                case COMMAND_COMPLETE:
                    r.tag = CommandComplete.decode(pc.body()).tag();
                    break;
                case PORTAL_SUSPENDED:
                    if (!portal.isEmpty()) {
                        r.openPortal = portal;
                    }
                    break;
                case ERROR_RESPONSE:
                    if (error == null) {
                        error = pc.error();
                    }
                    break;
                case READY_FOR_QUERY:
                    if (error != null) {
                        throw error;
                    }
                    return;
                default:
                    break;
            }
        }
    }

    /** The next rows of a suspended portal. */
    Result fetch(String portal, Field[] fields, int count) throws SQLException {
        new Execute(portal, count).encode(pc.writer());
        new Sync().encode(pc.writer());
        pc.flush();
        Result r = new Result();
        r.fields = fields;
        readExtended(r, portal);
        return r;
    }

    void closePortal(String portal) throws SQLException {
        new Close(Close.PORTAL, portal).encode(pc.writer());
        new Sync().encode(pc.writer());
        pc.flush();
        pc.readUntilReady();
    }

    /**
     * A batch of executions of one statement, pipelined: Bind/Execute for every parameter set and a
     * single Sync, so the batch is one implicit transaction and costs one round trip per window.
     */
    long[] batch(String sql, List<Parameters> sets, boolean beginFirst) throws SQLException {
        return batch(sql, sets, beginFirst, null, null);
    }

    /** As {@link #batch(String, List, boolean)}, collecting the rows the statement returns (RETURNING: generated keys) into keys. */
    long[] batch(String sql, List<Parameters> sets, boolean beginFirst, Result keys) throws SQLException {
        return batch(sql, sets, beginFirst, null, keys);
    }

    /**
     * A batch of a plain INSERT ... VALUES as multi-row INSERTs of {@link MultiRowInsert#ROWS} rows
     * (the last one shorter), pipelined as {@link #batch} pipelines, in one implicit transaction.
     * Each row's count is 1 when its statement inserted all its rows, else SUCCESS_NO_INFO.
     */
    long[] insertBatch(MultiRowInsert insert, List<Parameters> sets, boolean beginFirst) throws SQLException {
        int n = sets.size();
        int rows = Math.min(n, MultiRowInsert.ROWS);
        List<Parameters> chunks = new ArrayList<>((n + rows - 1) / rows);
        for (int from = 0; from < n; from += rows) {
            chunks.add(Parameters.concat(sets.subList(from, Math.min(n, from + rows))));
        }
        int last = n - (chunks.size() - 1) * rows;
        long[] perRow = new long[n];
        try {
            long[] perChunk = batch(insert.sql(rows), chunks, beginFirst, last == rows ? null : insert.sql(last), null);
            spread(perChunk, perChunk.length, rows, perRow);
            return perRow;
        } catch (BatchUpdateException e) {
            int chunksDone = e.getLargeUpdateCounts().length;
            spread(e.getLargeUpdateCounts(), chunksDone, rows, perRow);
            SQLException cause = e.getNextException() != null ? e.getNextException() : (SQLException) e.getCause();
            throw new BatchUpdateException("Batch entry " + chunksDone * rows + " " + insert.original()
                    + " was aborted: " + cause.getMessage(), e.getSQLState(), 0,
                    java.util.Arrays.copyOf(perRow, chunksDone * rows), cause);
        }
    }

    /** Per-row counts from the chunks' counts: 1 for each row of a chunk that inserted them all. */
    private static void spread(long[] perChunk, int chunks, int rows, long[] perRow) {
        for (int c = 0; c < chunks; c++) {
            int from = c * rows;
            int to = Math.min(perRow.length, from + rows);
            java.util.Arrays.fill(perRow, from, to, perChunk[c] == to - from ? 1 : java.sql.Statement.SUCCESS_NO_INFO);
        }
    }

    /** As {@link #batch(String, List, boolean, Result)}; when lastSql is given, the last set runs that statement instead. */
    private long[] batch(String sql, List<Parameters> sets, boolean beginFirst, String lastSql, Result keys) throws SQLException {
        int n = sets.size();
        long[] counts = new long[n];
        if (n == 0) {
            return counts;
        }
        Parameters first = sets.get(0);
        ServerStatement st = cache.use(sql, first.oids, n);
        PgWriter w = pc.writer();
        closePending(w);
        if (beginFirst) {
            begin(w);
        }
        if (st != null && !st.prepared) {
            prepareNow(w, st);
            beginFirst = false;
        } else if (hasPendingCloseAnswers) {
            pc.flush();
            readPendingClose();
        }
        // the unnamed statement, parsed inline for the sets whose parameter types the named one
        // (if any) was not prepared with: a type can change within a batch (setNull vs setLong)
        int[] unnamedOids = null;
        BatchReader reader = new BatchReader(counts, beginFirst, keys);
        int sent = 0;
        for (int i = 0; i < n; i++) {
            Parameters p = sets.get(i);
            String name;
            if (lastSql != null && i == n - 1) {
                new Parse("", lastSql, p.oids).encode(w);
                name = "";
            } else if (st != null && java.util.Arrays.equals(p.oids, st.parameterOids)) {
                name = st.name;
            } else {
                if (!java.util.Arrays.equals(p.oids, unnamedOids)) {
                    new Parse("", sql, p.oids).encode(w);
                    unnamedOids = p.oids;
                }
                name = "";
            }
            new Bind("", name, p.formats, p.values, NO_FORMATS).encode(w);
            if (keys != null && i == 0) {
                new Describe(Describe.PORTAL, "").encode(w); // the returned rows' fields, once
            }
            new Execute("", 0).encode(w);
            sent++;
            if (sent % BATCH_WINDOW == 0) {
                new Flush().encode(w);
                pc.flush();
                // Read what is due for the window before this one: the server is never more than two windows ahead.
                reader.readUpTo(sent - BATCH_WINDOW);
                if (reader.error != null) {
                    break;
                }
            }
        }
        new Sync().encode(w);
        pc.flush();
        reader.readToEnd();
        if (reader.error != null) {
            long[] done = java.util.Arrays.copyOf(counts, reader.completed);
            BatchUpdateException b = new BatchUpdateException("Batch entry " + reader.completed + " " + sql
                    + " was aborted: " + reader.error.getMessage(), reader.error.getSQLState(), 0, done, reader.error);
            if (st != null && isStalePlan(reader.error)) {
                cache.invalidate(st);
            }
            throw b;
        }
        return counts;
    }

    /** Reads a pipelined batch's answers: one CommandComplete per Execute, or an error and then nothing until ReadyForQuery. */
    private final class BatchReader {
        final long[] counts;
        int completed;
        SQLException error;
        private boolean skipBegin;

        /** Where returned rows go, or null to drop them. */
        private final Result rows;

        BatchReader(long[] counts, boolean skipBegin, Result rows) {
            this.counts = counts;
            this.skipBegin = skipBegin;
            this.rows = rows;
        }

        void readUpTo(int target) throws SQLException {
            while (completed < target && error == null) {
                step();
            }
        }

        void readToEnd() throws SQLException {
            while (step()) {
                // until ReadyForQuery
            }
        }

        private boolean step() throws SQLException {
            BackendMessage t = pc.next();
            switch (t) {
                case COMMAND_COMPLETE: {
                    String tag = CommandComplete.decode(pc.body()).tag();
                    if (skipBegin && tag.equals("BEGIN")) {
                        skipBegin = false;
                        return true;
                    }
                    Result r = new Result();
                    r.tag = tag;
                    counts[completed++] = r.updateCount();
                    return true;
                }
                case ERROR_RESPONSE:
                    if (error == null) {
                        error = pc.error();
                    }
                    return true;
                case READY_FOR_QUERY:
                    return false;
                case ROW_DESCRIPTION:
                    if (rows != null && rows.fields == null) {
                        rows.fields = fields(RowDescription.decode(pc.body()));
                    }
                    return true;
                case DATA_ROW:
                    if (rows != null) {
                        rows.rows.add(row(pc.body()));
                    }
                    return true;
                default:
                    return true;
            }
        }
    }

    static Field[] fields(RowDescription d) {
        Field[] f = new Field[d.fields().size()];
        for (int i = 0; i < f.length; i++) {
            RowDescription.Field x = d.fields().get(i);
            f[i] = new Field(x.name(), x.tableOid(), x.columnNumber(), x.typeOid(), x.typeSize(), x.typeModifier(), x.format());
        }
        return f;
    }

    static byte[][] row(PgReader r) {
        int n = r.int16();
        byte[][] v = new byte[n][];
        for (int i = 0; i < n; i++) {
            int len = r.int32();
            v[i] = len < 0 ? null : r.bytes(len);
        }
        return v;
    }
}
