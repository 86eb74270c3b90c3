package dev.tusk.protocol.message.simple;

import dev.tusk.protocol.FrontendMessage;
import dev.tusk.protocol.PgReader;
import dev.tusk.protocol.PgWriter;
import dev.tusk.protocol.message.PgMessage;

/** Query: a simple query, which may hold several statements separated by semicolons. */
public record Query(String sql) implements PgMessage {
    public static Query decode(PgReader r) {
        Query m = new Query(r.cstring());
        r.end();
        return m;
    }

    @Override
    public void encode(PgWriter w) {
        w.begin(FrontendMessage.QUERY).cstring(sql).end();
    }
}
