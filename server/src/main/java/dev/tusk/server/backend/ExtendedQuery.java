package dev.tusk.server.backend;

import dev.tusk.protocol.ProtocolException;
import dev.tusk.protocol.SqlState;
import dev.tusk.protocol.message.extended.Bind;
import dev.tusk.protocol.message.extended.BindComplete;
import dev.tusk.protocol.message.extended.Close;
import dev.tusk.protocol.message.extended.CloseComplete;
import dev.tusk.protocol.message.extended.Describe;
import dev.tusk.protocol.message.extended.Execute;
import dev.tusk.protocol.message.extended.NoData;
import dev.tusk.protocol.message.extended.ParameterDescription;
import dev.tusk.protocol.message.extended.Parse;
import dev.tusk.protocol.message.extended.ParseComplete;
import dev.tusk.protocol.message.extended.PortalSuspended;
import dev.tusk.protocol.message.simple.EmptyQueryResponse;
import dev.tusk.protocol.types.PgBinary;
import dev.tusk.server.engine.ColumnDescription;
import dev.tusk.server.engine.EnginePrepared;
import dev.tusk.server.error.PgException;
import dev.tusk.server.sql.EngineStatement;
import dev.tusk.server.sql.Parser;
import dev.tusk.server.sql.SqlSyntaxException;
import dev.tusk.server.sql.Statement;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The extended query protocol (cf. exec_parse_message, exec_bind_message, exec_describe_*_message
 * and exec_execute_message in tcop/postgres.c): named and unnamed prepared statements and portals,
 * parameters in text or binary, results in the formats Bind asked for, row-limited Execute with
 * PortalSuspended. Errors are thrown to PostgresMain's funnel, which skips to Sync.
 */
final class ExtendedQuery {
    private final Backend backend;
    private final WireReceiver out;
    private final UtilityCommands utility;
    private final Map<String, PreparedStatementEntry> statements = new HashMap<>();
    private final Map<String, Portal> portals = new HashMap<>();

    ExtendedQuery(Backend backend) {
        this.backend = backend;
        this.out = new WireReceiver(backend.io, false);
        this.utility = new UtilityCommands(backend, out);
    }

    void parse(Parse m) {
        if (!m.statementName().isEmpty() && statements.containsKey(m.statementName())) {
            throw new PgException(SqlState.DUPLICATE_PSTATEMENT, "prepared statement \"" + m.statementName() + "\" already exists");
        }
        List<Statement> parsed;
        try {
            parsed = Parser.parse(m.sql());
        } catch (SqlSyntaxException e) {
            throw new PgException(SqlState.SYNTAX_ERROR, e.getMessage()).position(e.offset() + 1);
        }
        if (parsed.size() > 1) {
            throw new PgException(SqlState.SYNTAX_ERROR, "cannot insert multiple commands into a prepared statement");
        }
        Statement st = parsed.isEmpty() ? null : parsed.get(0);
        if (backend.transaction.state() == TransactionBlock.State.FAILED && !(st instanceof Statement.Transaction)) {
            throw new PgException(SqlState.IN_FAILED_SQL_TRANSACTION,
                    "current transaction is aborted, commands ignored until end of transaction block");
        }
        EnginePrepared engine = st instanceof EngineStatement es ? backend.engine.prepare(es, m.parameterTypes()) : null;
        int[] types = engine != null ? engine.parameterTypes() : m.parameterTypes();
        PreparedStatementEntry entry = new PreparedStatementEntry(m.statementName(), st, engine, types);
        PreparedStatementEntry old = statements.put(m.statementName(), entry);
        if (old != null) {
            old.close();
        }
        ParseComplete.INSTANCE.encode(backend.io.writer());
    }

    void bind(Bind m) {
        PreparedStatementEntry st = statement(m.statementName());
        if (!m.portalName().isEmpty() && portals.containsKey(m.portalName())) {
            throw new PgException(SqlState.DUPLICATE_CURSOR, "cursor \"" + m.portalName() + "\" already exists");
        }
        if (backend.transaction.state() == TransactionBlock.State.FAILED
                && !(st.statement() instanceof Statement.Transaction)) {
            throw new PgException(SqlState.IN_FAILED_SQL_TRANSACTION,
                    "current transaction is aborted, commands ignored until end of transaction block");
        }
        int expected = st.parameterTypes().length;
        if (m.parameters().length != expected) {
            throw new PgException(SqlState.PROTOCOL_VIOLATION, "bind message supplies " + m.parameters().length
                    + " parameters, but prepared statement \"" + m.statementName() + "\" requires " + expected);
        }
        boolean[] binaryParams = formats(m.parameterFormats(), expected, "parameter");
        Object[] values = new Object[expected];
        for (int i = 0; i < expected; i++) {
            byte[] v = m.parameters()[i];
            if (v == null) {
                continue;
            }
            int oid = st.parameterTypes()[i];
            if (binaryParams != null && binaryParams[i]) {
                if (!PgBinary.isArray(oid) && !PgBinary.supports(oid)) {
                    throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "binary input of type " + oid + " is not supported by Tusk yet");
                }
                try {
                    values[i] = PgBinary.isArray(oid) ? PgBinary.decodeArray(v) : PgBinary.decode(oid, v);
                } catch (ProtocolException e) {
                    // bad data in a parameter is the statement's error, not the connection's (cf. exec_bind_message)
                    throw new PgException(e.sqlState(), SqlState.INVALID_BINARY_REPRESENTATION.equals(e.sqlState())
                            ? "incorrect binary data format in bind parameter " + (i + 1) : e.getMessage());
                }
            } else {
                values[i] = new String(v, StandardCharsets.UTF_8);
            }
        }
        Portal old = portals.remove(m.portalName());
        if (old != null) {
            old.close();
        }
        List<ColumnDescription> cols = st.columns();
        boolean[] binary = formats(m.resultFormats(), cols == null ? 0 : cols.size(), "result");
        if (st.engine() != null) {
            backend.transaction.beforeStatement(st.statement(), false);
        }
        Portal portal = new Portal(m.portalName(), st, st.engine() != null ? st.engine().bind(values) : null, binary);
        portals.put(m.portalName(), portal);
        BindComplete.INSTANCE.encode(backend.io.writer());
    }

    /** Format codes: none = all text, one = for all, else one per value; only 0 and 1 exist. */
    private static boolean[] formats(short[] codes, int count, String what) {
        for (short c : codes) {
            if (c != 0 && c != 1) {
                throw new PgException(SqlState.PROTOCOL_VIOLATION, "unsupported format code: " + c);
            }
        }
        if (codes.length == 0 || codes.length == 1 && codes[0] == 0) {
            return null;
        }
        if (codes.length != 1 && codes.length != count) {
            throw new PgException(SqlState.PROTOCOL_VIOLATION, "bind message has " + codes.length + " " + what
                    + " formats but " + count + " " + what + (count == 1 ? "" : "s"));
        }
        boolean[] binary = new boolean[count];
        for (int i = 0; i < count; i++) {
            binary[i] = (codes.length == 1 ? codes[0] : codes[i]) == 1;
        }
        return binary;
    }

    void describe(Describe m) {
        if (m.kind() == Describe.STATEMENT) {
            PreparedStatementEntry st = statement(m.name());
            new ParameterDescription(st.parameterTypes()).encode(backend.io.writer());
            describeColumns(st.columns(), null);
        } else if (m.kind() == Describe.PORTAL) {
            Portal p = portal(m.name());
            describeColumns(p.columns(), p.binary);
        } else {
            throw new PgException(SqlState.PROTOCOL_VIOLATION, "invalid DESCRIBE message subtype " + m.kind());
        }
    }

    private void describeColumns(List<ColumnDescription> cols, boolean[] binary) {
        if (cols == null) {
            NoData.INSTANCE.encode(backend.io.writer());
        } else {
            WireReceiver.describe(backend.io, cols, binary);
        }
    }

    void execute(Execute m) throws IOException {
        Portal p = portal(m.portalName());
        Statement st = p.statement.statement();
        if (st == null) {
            EmptyQueryResponse.INSTANCE.encode(backend.io.writer());
            return;
        }
        List<ColumnDescription> cols = p.columns();
        out.formats(cols == null ? 0 : cols.size(), p.binary);
        if (p.engine == null) {
            if (p.done) {
                throw new PgException(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "portal \"" + p.name + "\" cannot be run");
            }
            p.done = true;
            backend.transaction.beforeStatement(st, false);
            utility.execute(st);
            return;
        }
        backend.transaction.beforeStatement(st, false);
        if (p.engine.execute(out, Math.max(0, m.maxRows()))) {
            PortalSuspended.INSTANCE.encode(backend.io.writer());
        }
    }

    void close(Close m) {
        if (m.kind() == Close.STATEMENT) {
            PreparedStatementEntry st = statements.remove(m.name());
            if (st != null) {
                st.close();
            }
        } else if (m.kind() == Close.PORTAL) {
            Portal p = portals.remove(m.name());
            if (p != null) {
                p.close();
            }
        } else {
            throw new PgException(SqlState.PROTOCOL_VIOLATION, "invalid CLOSE message subtype " + m.kind());
        }
        CloseComplete.INSTANCE.encode(backend.io.writer());
    }

    /** A simple Query replaces the unnamed statement and portal, as in PostgreSQL. */
    void dropUnnamed() {
        PreparedStatementEntry st = statements.remove("");
        if (st != null) {
            st.close();
        }
        Portal p = portals.remove("");
        if (p != null) {
            p.close();
        }
    }

    /** Portals do not outlive their transaction. */
    void transactionEnded() {
        for (Portal p : portals.values()) {
            p.close();
        }
        portals.clear();
    }

    /** The session is ending. */
    void closeAll() {
        transactionEnded();
        for (PreparedStatementEntry st : statements.values()) {
            st.close();
        }
        statements.clear();
    }

    private PreparedStatementEntry statement(String name) {
        PreparedStatementEntry st = statements.get(name);
        if (st == null) {
            throw new PgException(SqlState.INVALID_SQL_STATEMENT_NAME, "prepared statement \"" + name + "\" does not exist");
        }
        return st;
    }

    private Portal portal(String name) {
        Portal p = portals.get(name);
        if (p == null) {
            throw new PgException(SqlState.INVALID_CURSOR_NAME, "portal \"" + name + "\" does not exist");
        }
        return p;
    }
}
