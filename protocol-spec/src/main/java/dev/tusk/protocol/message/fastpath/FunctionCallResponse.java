package dev.tusk.protocol.message.fastpath;

import dev.tusk.protocol.BackendMessage;
import dev.tusk.protocol.PgReader;
import dev.tusk.protocol.PgWriter;
import dev.tusk.protocol.message.PgMessage;
import java.util.Arrays;

/** FunctionCallResponse: the result of a fast-path call; null is SQL NULL. */
public record FunctionCallResponse(byte[] result) implements PgMessage {
    public static FunctionCallResponse decode(PgReader r) {
        FunctionCallResponse m = new FunctionCallResponse(r.lengthPrefixed());
        r.end();
        return m;
    }

    @Override
    public void encode(PgWriter w) {
        w.begin(BackendMessage.FUNCTION_CALL_RESPONSE).lengthPrefixed(result).end();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FunctionCallResponse f && Arrays.equals(f.result, result);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(result);
    }
}
