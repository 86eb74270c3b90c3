package dev.tusk.server.engine.h2;

import dev.tusk.protocol.types.PgTypes;
import dev.tusk.server.engine.ColumnDescription;
import dev.tusk.server.engine.EnginePortal;
import dev.tusk.server.engine.EnginePrepared;
import dev.tusk.server.sql.EngineStatement;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A statement prepared in H2 for the extended protocol. H2 answers what PostgreSQL's analyzer
 * would: the result columns, and the types of parameters the client left unspecified (inferred
 * from their context, as in {@code id = $1}). Statements H2 cannot prepare as one (DDL, TRUNCATE of
 * several tables) run through the session's simple path when executed.
 */
final class H2Prepared implements EnginePrepared {
    final H2Session session;
    final EngineStatement statement;
    /** The H2 statement, or null when the statement runs through the simple path. */
    final SqlBuilder sql;
    private final PreparedStatement ps;
    private final int[] parameterTypes;
    private final List<ColumnDescription> columns;
    private boolean psInUse;

    H2Prepared(H2Session session, EngineStatement statement, SqlBuilder sql, PreparedStatement ps, int[] given)
            throws SQLException {
        this.session = session;
        this.statement = statement;
        this.sql = sql;
        this.ps = ps;
        int count = parameterCount(statement);
        this.parameterTypes = Arrays.copyOf(given, Math.max(count, given.length));
        ParameterMetaData pmd = ps == null || count == 0 ? null : ps.getParameterMetaData();
        int[] cast = castTypes(statement, parameterTypes.length);
        for (int i = 0; i < parameterTypes.length; i++) {
            if (parameterTypes[i] == 0) {
                parameterTypes[i] = cast[i] != 0 ? cast[i] : inferred(pmd, i + 1);
            }
        }
        this.columns = ps == null ? null : describe(session, ps.getMetaData(), sql);
    }

    /** The highest $n in the statement, which is its parameter count (as PostgreSQL counts them). */
    static int parameterCount(EngineStatement st) {
        int max = 0;
        for (var t : st.tokens()) {
            if (t.is(dev.tusk.server.sql.TokenType.PARAM)) {
                max = Math.max(max, Integer.parseInt(t.value()));
            }
        }
        return max;
    }

    /**
     * Types written on the parameters themselves ($1::int4): PostgreSQL gives an untyped parameter
     * the type it is cast to, where H2 would report the cast's input as a string.
     */
    private static int[] castTypes(EngineStatement st, int count) {
        int[] out = new int[count];
        var t = st.tokens();
        for (int i = 0; i + 2 < t.size(); i++) {
            if (t.get(i).is(dev.tusk.server.sql.TokenType.PARAM) && t.get(i + 1).text().equals("::")) {
                int n = Integer.parseInt(t.get(i).value());
                int end = PgTypeLabels.typeNameEnd(t, i + 2, t.size());
                if (n >= 1 && n <= count && out[n - 1] == 0 && end > i + 2) {
                    int oid = PgTypeLabels.oid(PgTypeLabels.label(t, i + 2, end));
                    out[n - 1] = oid != 0 && t.get(end - 1).isPunct(']') ? PgTypes.arrayOf(oid) : oid;
                }
            }
        }
        return out;
    }

    private static int inferred(ParameterMetaData pmd, int i) {
        if (pmd == null) {
            return PgTypes.TEXT;
        }
        try {
            int oid = H2Types.oid(pmd.getParameterTypeName(i).toUpperCase(java.util.Locale.ROOT), pmd.getPrecision(i));
            return oid;
        } catch (SQLException | RuntimeException e) {
            return PgTypes.TEXT; // PostgreSQL, too, resolves an unconstrained parameter as text
        }
    }

    private static List<ColumnDescription> describe(H2Session session, ResultSetMetaData md, SqlBuilder sql) throws SQLException {
        if (md == null || md.getColumnCount() == 0) {
            return null;
        }
        List<ColumnDescription> cols = new ArrayList<>(md.getColumnCount());
        for (int i = 1; i <= md.getColumnCount(); i++) {
            cols.add(H2Types.describe(md, i, session.declaredType(md, i, sql)));
        }
        return cols;
    }

    @Override
    public int[] parameterTypes() {
        return parameterTypes.clone();
    }

    @Override
    public List<ColumnDescription> columns() {
        return statement.isDdl() ? null : columns;
    }

    @Override
    public EnginePortal bind(Object[] parameters) {
        if (ps == null) {
            return new H2Portal.Simple(this);
        }
        try {
            PreparedStatement use = ps;
            if (psInUse) {
                use = session.prepareAgain(sql); // another portal of this statement is still open
            } else {
                psInUse = true;
            }
            Object[] values = new Object[parameters.length];
            for (int i = 0; i < values.length; i++) {
                values[i] = H2Parameters.toEngine(parameterTypes[i], parameters[i]);
            }
            return new H2Portal.Prepared(this, use, values, columns);
        } catch (SQLException e) {
            throw H2Errors.map(e, sql, statement, false);
        }
    }

    /** A portal is done with a statement it borrowed: the shared one is free again, its own is closed. */
    void release(PreparedStatement used) {
        if (used == ps) {
            psInUse = false;
        } else {
            try {
                used.close();
            } catch (SQLException e) {
                // closing anyway
            }
        }
    }

    @Override
    public void close() {
        if (ps != null) {
            try {
                ps.close();
            } catch (SQLException e) {
                // closing anyway
            }
        }
    }
}
