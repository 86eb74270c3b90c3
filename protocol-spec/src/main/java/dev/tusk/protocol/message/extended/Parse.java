package dev.tusk.protocol.message.extended;

import dev.tusk.protocol.FrontendMessage;
import dev.tusk.protocol.PgReader;
import dev.tusk.protocol.PgWriter;
import dev.tusk.protocol.message.PgMessage;
import java.util.Arrays;

/** Parse: prepare one statement under a name ("" is the unnamed statement), with parameter type OIDs (0 = infer). */
public record Parse(String statementName, String sql, int[] parameterTypes) implements PgMessage {
    public static Parse decode(PgReader r) {
        String name = r.cstring();
        String sql = r.cstring();
        int n = r.count16(4);
        int[] types = new int[n];
        for (int i = 0; i < n; i++) {
            types[i] = r.int32();
        }
        r.end();
        return new Parse(name, sql, types);
    }

    @Override
    public void encode(PgWriter w) {
        w.begin(FrontendMessage.PARSE).cstring(statementName).cstring(sql).int16(parameterTypes.length);
        for (int t : parameterTypes) {
            w.int32(t);
        }
        w.end();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Parse p && p.statementName.equals(statementName) && p.sql.equals(sql)
                && Arrays.equals(p.parameterTypes, parameterTypes);
    }

    @Override
    public int hashCode() {
        return statementName.hashCode() * 31 + sql.hashCode();
    }
}
