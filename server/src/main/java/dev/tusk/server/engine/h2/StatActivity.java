package dev.tusk.server.engine.h2;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.Map;
import org.h2.engine.SessionLocal;
import org.h2.tools.SimpleResultSet;
import org.h2.value.ValueTimestampTimeZone;

/**
 * pg_stat_activity's rows (cf. utils/adt/pgstatfuncs.c): one per open session of the
 * installation, with its backend pid, database, user and what it is doing now, read from H2's
 * session object. The query shown is the statement as the engine runs it.
 */
public final class StatActivity {
    private StatActivity() {
    }

    public static ResultSet tuskStatActivity(Connection c) throws SQLException {
        SimpleResultSet rs = new SimpleResultSet();
        rs.addColumn("datname", Types.VARCHAR, 63, 0);
        rs.addColumn("pid", Types.INTEGER, 10, 0);
        rs.addColumn("usename", Types.VARCHAR, 63, 0);
        rs.addColumn("application_name", Types.VARCHAR, 63, 0);
        rs.addColumn("backend_start", Types.TIMESTAMP_WITH_TIMEZONE, 35, 6);
        rs.addColumn("xact_start", Types.TIMESTAMP_WITH_TIMEZONE, 35, 6);
        rs.addColumn("query_start", Types.TIMESTAMP_WITH_TIMEZONE, 35, 6);
        rs.addColumn("state", Types.VARCHAR, 40, 0);
        rs.addColumn("query", Types.VARCHAR, Integer.MAX_VALUE, 0);
        if (c.getMetaData().getURL().equals("jdbc:columnlist:connection")) {
            return rs; // H2 asks for the columns first
        }
        for (Map.Entry<SessionLocal, H2Session> open : H2Sessions.all().entrySet()) {
            SessionLocal h2 = open.getKey();
            var info = open.getValue().info();
            boolean active = h2.getCurrentCommand() != null;
            boolean inTransaction = h2.hasPendingTransaction();
            String state = active ? "active" : inTransaction ? "idle in transaction" : "idle";
            rs.addRow(info.database(), info.processId(), info.user(), "", time(h2.getSessionStart()),
                    inTransaction || active ? time(h2.getCommandStartOrEnd()) : null, time(h2.getCommandStartOrEnd()),
                    state, active ? h2.getCurrentCommand().toString() : "");
        }
        return rs;
    }

    private static OffsetDateTime time(ValueTimestampTimeZone v) {
        return v == null ? null : org.h2.util.JSR310Utils.valueToOffsetDateTime(v, null);
    }
}
