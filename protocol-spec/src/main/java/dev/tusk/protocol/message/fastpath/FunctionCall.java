package dev.tusk.protocol.message.fastpath;

import dev.tusk.protocol.FrontendMessage;
import dev.tusk.protocol.PgReader;
import dev.tusk.protocol.PgWriter;
import dev.tusk.protocol.message.PgMessage;
import java.util.Arrays;

/** FunctionCall: the legacy fast-path call of a function by OID with arguments. */
public record FunctionCall(int functionOid, short[] argumentFormats, byte[][] arguments, int resultFormat)
        implements PgMessage {
    public static FunctionCall decode(PgReader r) {
        int oid = r.int32();
        int nf = r.count16(2);
        short[] formats = new short[nf];
        for (int i = 0; i < nf; i++) {
            formats[i] = (short) r.int16();
        }
        int n = r.count16(4);
        byte[][] args = new byte[n][];
        for (int i = 0; i < n; i++) {
            args[i] = r.lengthPrefixed();
        }
        int resultFormat = r.int16();
        r.end();
        return new FunctionCall(oid, formats, args, resultFormat);
    }

    @Override
    public void encode(PgWriter w) {
        w.begin(FrontendMessage.FUNCTION_CALL).int32(functionOid).int16(argumentFormats.length);
        for (short f : argumentFormats) {
            w.int16(f);
        }
        w.int16(arguments.length);
        for (byte[] a : arguments) {
            w.lengthPrefixed(a);
        }
        w.int16(resultFormat).end();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FunctionCall f && f.functionOid == functionOid && f.resultFormat == resultFormat
                && Arrays.equals(f.argumentFormats, argumentFormats) && Arrays.deepEquals(f.arguments, arguments);
    }

    @Override
    public int hashCode() {
        return functionOid;
    }
}
