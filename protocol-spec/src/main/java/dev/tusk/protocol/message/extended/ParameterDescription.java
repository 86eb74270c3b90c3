package dev.tusk.protocol.message.extended;

import dev.tusk.protocol.BackendMessage;
import dev.tusk.protocol.PgReader;
import dev.tusk.protocol.PgWriter;
import dev.tusk.protocol.message.PgMessage;
import java.util.Arrays;

/** ParameterDescription: the type OID of each parameter of a described statement. */
public record ParameterDescription(int[] typeOids) implements PgMessage {
    public static ParameterDescription decode(PgReader r) {
        int n = r.count16(4);
        int[] t = new int[n];
        for (int i = 0; i < n; i++) {
            t[i] = r.int32();
        }
        r.end();
        return new ParameterDescription(t);
    }

    @Override
    public void encode(PgWriter w) {
        w.begin(BackendMessage.PARAMETER_DESCRIPTION).int16(typeOids.length);
        for (int t : typeOids) {
            w.int32(t);
        }
        w.end();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParameterDescription p && Arrays.equals(p.typeOids, typeOids);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(typeOids);
    }
}
