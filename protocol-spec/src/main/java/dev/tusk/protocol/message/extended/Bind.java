package dev.tusk.protocol.message.extended;

import dev.tusk.protocol.FrontendMessage;
import dev.tusk.protocol.PgReader;
import dev.tusk.protocol.PgWriter;
import dev.tusk.protocol.message.PgMessage;
import java.util.Arrays;

/**
 * Bind: make a portal from a prepared statement with parameter values. Format-code arrays follow the
 * protocol's rule: empty means all text, one entry applies to all, otherwise one per value.
 */
public record Bind(String portalName, String statementName, short[] parameterFormats, byte[][] parameters,
                   short[] resultFormats) implements PgMessage {
    public static Bind decode(PgReader r) {
        String portal = r.cstring();
        String statement = r.cstring();
        short[] paramFormats = formats(r);
        int n = r.count16(4);
        byte[][] values = new byte[n][];
        for (int i = 0; i < n; i++) {
            values[i] = r.lengthPrefixed();
        }
        short[] resultFormats = formats(r);
        r.end();
        return new Bind(portal, statement, paramFormats, values, resultFormats);
    }

    private static short[] formats(PgReader r) {
        int n = r.count16(2);
        short[] f = new short[n];
        for (int i = 0; i < n; i++) {
            f[i] = (short) r.int16();
        }
        return f;
    }

    @Override
    public void encode(PgWriter w) {
        w.begin(FrontendMessage.BIND).cstring(portalName).cstring(statementName);
        w.int16(parameterFormats.length);
        for (short f : parameterFormats) {
            w.int16(f);
        }
        w.int16(parameters.length);
        for (byte[] v : parameters) {
            w.lengthPrefixed(v);
        }
        w.int16(resultFormats.length);
        for (short f : resultFormats) {
            w.int16(f);
        }
        w.end();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bind b && b.portalName.equals(portalName) && b.statementName.equals(statementName)
                && Arrays.equals(b.parameterFormats, parameterFormats) && Arrays.deepEquals(b.parameters, parameters)
                && Arrays.equals(b.resultFormats, resultFormats);
    }

    @Override
    public int hashCode() {
        return portalName.hashCode() * 31 + statementName.hashCode();
    }
}
