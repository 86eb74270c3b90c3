package dev.tusk.driver.jdbc;

import dev.tusk.driver.core.ProtocolConnection;
import dev.tusk.protocol.BackendMessage;
import dev.tusk.protocol.message.extended.Describe;
import dev.tusk.protocol.message.extended.ParameterDescription;
import dev.tusk.protocol.message.extended.Parse;
import dev.tusk.protocol.message.extended.Sync;
import dev.tusk.protocol.message.simple.RowDescription;
import java.sql.SQLException;

/** Parse + Describe(statement) without executing: what getMetaData and getParameterMetaData report before execute. */
final class Describer {
    record Description(Field[] fields, int[] parameterOids) {
    }

    private Describer() {
    }

    static Description describe(QueryExecutor ex, String sql, int[] oids) throws SQLException {
        ProtocolConnection pc = ex.protocol();
        new Parse("", sql, oids).encode(pc.writer());
        new Describe(Describe.STATEMENT, "").encode(pc.writer());
        new Sync().encode(pc.writer());
        pc.flush();
        Field[] fields = null;
        int[] params = new int[0];
        SQLException error = null;
        while (true) {
            BackendMessage t = pc.next();
            if (t == BackendMessage.PARAMETER_DESCRIPTION) {
                params = ParameterDescription.decode(pc.body()).typeOids();
            } else if (t == BackendMessage.ROW_DESCRIPTION) {
                fields = QueryExecutor.fields(RowDescription.decode(pc.body()));
            } else if (t == BackendMessage.ERROR_RESPONSE && error == null) {
                error = pc.error();
            } else if (t == BackendMessage.READY_FOR_QUERY) {
                if (error != null) {
                    throw error;
                }
                return new Description(fields, params);
            }
        }
    }
}
