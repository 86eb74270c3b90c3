package dev.tusk.protocol.message.async;

import dev.tusk.protocol.PgReader;
import dev.tusk.protocol.PgWriter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The field list shared by ErrorResponse and NoticeResponse: (code byte, string) pairs ended by a
 * zero byte. Field codes as in PostgreSQL's postgres_ext.h (PG_DIAG_*).
 */
public final class ErrorFields {
    public static final char SEVERITY = 'S';
    /** Severity, never localized (PostgreSQL 9.6+). */
    public static final char SEVERITY_NONLOCALIZED = 'V';
    public static final char SQLSTATE = 'C';
    public static final char MESSAGE = 'M';
    public static final char DETAIL = 'D';
    public static final char HINT = 'H';
    public static final char POSITION = 'P';
    public static final char INTERNAL_POSITION = 'p';
    public static final char INTERNAL_QUERY = 'q';
    public static final char WHERE = 'W';
    public static final char SCHEMA = 's';
    public static final char TABLE = 't';
    public static final char COLUMN = 'c';
    public static final char DATATYPE = 'd';
    public static final char CONSTRAINT = 'n';
    public static final char FILE = 'F';
    public static final char LINE = 'L';
    public static final char ROUTINE = 'R';

    private ErrorFields() {
    }

    static Map<Character, String> decode(PgReader r) {
        Map<Character, String> fields = new LinkedHashMap<>();
        for (int code = r.int8(); code != 0; code = r.int8()) {
            fields.put((char) (code & 0xff), r.cstring());
        }
        r.end();
        return Collections.unmodifiableMap(fields);
    }

    static void encode(PgWriter w, Map<Character, String> fields) {
        fields.forEach((k, v) -> w.int8(k).cstring(v));
        w.int8(0);
    }
}
