package dev.tusk.protocol.message.async;

import dev.tusk.protocol.BackendMessage;
import dev.tusk.protocol.PgReader;
import dev.tusk.protocol.PgWriter;
import dev.tusk.protocol.message.PgMessage;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** ErrorResponse: an error; the current command is abandoned. Fields in the order they were sent; see {@link ErrorFields} for the codes. */
public record ErrorResponse(Map<Character, String> fields) implements PgMessage {
    public ErrorResponse {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    public static ErrorResponse decode(PgReader r) {
        return new ErrorResponse(ErrorFields.decode(r));
    }

    @Override
    public void encode(PgWriter w) {
        w.begin(BackendMessage.ERROR_RESPONSE);
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
