package dev.tusk.protocol.message.async;

import dev.tusk.protocol.BackendMessage;
import dev.tusk.protocol.PgReader;
import dev.tusk.protocol.PgWriter;
import dev.tusk.protocol.message.PgMessage;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** NoticeResponse: a warning or notice that does not stop the command. Fields in the order they were sent; see {@link ErrorFields} for the codes. */
public record NoticeResponse(Map<Character, String> fields) implements PgMessage {
    public NoticeResponse {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    public static NoticeResponse decode(PgReader r) {
        return new NoticeResponse(ErrorFields.decode(r));
    }

    @Override
    public void encode(PgWriter w) {
        w.begin(BackendMessage.NOTICE_RESPONSE);
        ErrorFields.encode(w, fields);
        w.end();
    }

    public String severity() {
        return fields.get(ErrorFields.SEVERITY);
    }

    public String sqlState() {
        return fields.get(ErrorFields.SQLSTATE);
    }

    public String message() {
        return fields.get(ErrorFields.MESSAGE);
    }
}
