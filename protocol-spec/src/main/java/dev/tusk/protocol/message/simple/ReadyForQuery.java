package dev.tusk.protocol.message.simple;

import dev.tusk.protocol.BackendMessage;
import dev.tusk.protocol.PgReader;
import dev.tusk.protocol.PgWriter;
import dev.tusk.protocol.ProtocolException;
import dev.tusk.protocol.message.PgMessage;

/** ReadyForQuery: the backend awaits a new query; status is 'I' idle, 'T' in a block, 'E' failed block. */
public record ReadyForQuery(byte status) implements PgMessage {
    public static final byte IDLE = 'I';
    public static final byte IN_TRANSACTION = 'T';
    public static final byte FAILED = 'E';

    public static ReadyForQuery decode(PgReader r) {
        byte s = (byte) r.int8();
        r.end();
        if (s != IDLE && s != IN_TRANSACTION && s != FAILED) {
            throw new ProtocolException("invalid transaction status " + s);
        }
        return new ReadyForQuery(s);
    }

    @Override
    public void encode(PgWriter w) {
        w.begin(BackendMessage.READY_FOR_QUERY).int8(status).end();
    }
}
