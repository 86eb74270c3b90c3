package dev.tusk.protocol.message.simple;

import dev.tusk.protocol.BackendMessage;
import dev.tusk.protocol.PgReader;
import dev.tusk.protocol.PgWriter;
import dev.tusk.protocol.message.PgMessage;

/** EmptyQueryResponse: the answer to an empty query string, in place of CommandComplete. */
public record EmptyQueryResponse() implements PgMessage {
    public static final EmptyQueryResponse INSTANCE = new EmptyQueryResponse();

    public static EmptyQueryResponse decode(PgReader r) {
        r.end();
        return INSTANCE;
    }

    @Override
    public void encode(PgWriter w) {
        w.begin(BackendMessage.EMPTY_QUERY_RESPONSE).end();
    }
}
