package dev.tusk.protocol.message.startup;

import dev.tusk.protocol.PgReader;
import dev.tusk.protocol.PgWriter;
import dev.tusk.protocol.ProtocolException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** StartupMessage: protocol version (major in the high 16 bits) and name/value pairs. */
public record StartupMessage(int protocolVersion, Map<String, String> parameters) implements StartupPacket {
    public static final int PROTOCOL_3_0 = 3 << 16;
    public static final int PROTOCOL_3_2 = (3 << 16) | 2;

    public StartupMessage {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    public int majorVersion() {
        return protocolVersion >>> 16;
    }

    public int minorVersion() {
        return protocolVersion & 0xffff;
    }

    static StartupMessage decodeAfterVersion(int version, PgReader r) {
        Map<String, String> params = new LinkedHashMap<>();
        while (true) {
            String name = r.cstring();
            if (name.isEmpty()) {
                break;
            }
            if (r.remaining() == 0) {
                throw new ProtocolException("invalid startup packet layout: expected terminator as last byte");
            }
            params.put(name, r.cstring());
        }
        r.end();
        return new StartupMessage(version, params);
    }

    @Override
    public void encode(PgWriter w) {
        w.beginUntyped().int32(protocolVersion);
        parameters.forEach((k, v) -> w.cstring(k).cstring(v));
        w.int8(0).end();
    }
}
