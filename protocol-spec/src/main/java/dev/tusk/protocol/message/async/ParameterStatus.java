package dev.tusk.protocol.message.async;

import dev.tusk.protocol.BackendMessage;
import dev.tusk.protocol.PgReader;
import dev.tusk.protocol.PgWriter;
import dev.tusk.protocol.message.PgMessage;

/** ParameterStatus: the current value of a reported run-time setting (sent at startup and on change). */
public record ParameterStatus(String name, String value) implements PgMessage {
    public static ParameterStatus decode(PgReader r) {
        ParameterStatus m = new ParameterStatus(r.cstring(), r.cstring());
        r.end();
        return m;
    }

    @Override
    public void encode(PgWriter w) {
        w.begin(BackendMessage.PARAMETER_STATUS).cstring(name).cstring(value).end();
    }
}
