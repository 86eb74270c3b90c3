package dev.tusk.protocol.message.startup;

import dev.tusk.protocol.BackendMessage;
import dev.tusk.protocol.PgReader;
import dev.tusk.protocol.PgWriter;
import dev.tusk.protocol.message.PgMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * NegotiateProtocolVersion: the newest minor version the server supports, and the protocol options
 * (startup parameters starting with {@code _pq_.}) it did not recognise.
 */
public record NegotiateProtocolVersion(int newestMinorVersion, List<String> unrecognizedOptions)
        implements PgMessage {
    public NegotiateProtocolVersion {
        unrecognizedOptions = List.copyOf(unrecognizedOptions);
    }

    public static NegotiateProtocolVersion decode(PgReader r) {
        int minor = r.int32();
        int n = r.int32();
        if (n < 0 || n > r.remaining()) {
            throw new dev.tusk.protocol.ProtocolException("invalid option count " + n);
        }
        List<String> options = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            options.add(r.cstring());
        }
        r.end();
        return new NegotiateProtocolVersion(minor, options);
    }

    @Override
    public void encode(PgWriter w) {
        w.begin(BackendMessage.NEGOTIATE_PROTOCOL_VERSION).int32(newestMinorVersion).int32(unrecognizedOptions.size());
        unrecognizedOptions.forEach(w::cstring);
        w.end();
    }
}
