package dev.tusk.server.engine.h2;

import dev.tusk.protocol.SqlState;
import dev.tusk.protocol.types.PgBinary;
import dev.tusk.protocol.types.PgTypes;
import dev.tusk.server.error.PgException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import org.h2.value.ValueJson;

/**
 * Parameter values as H2 should receive them. Text-format values are PostgreSQL input text, which H2
 * parses like PostgreSQL for numbers, dates and times; the exceptions are converted here: bytea's
 * \x hex, json documents (H2 would store a JSON string), and boolean spellings.
 */
final class H2Parameters {
    private H2Parameters() {
    }

    static Object toEngine(int oid, Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i.atOffset(ZoneOffset.UTC);
        }
        if (!(value instanceof String text)) {
            if ((oid == PgTypes.JSON || oid == PgTypes.JSONB)) {
                return ValueJson.fromJson(value.toString());
            }
            return value;
        }
        switch (oid) {
            case PgTypes.BYTEA:
                return bytea(text);
            case PgTypes.JSON:
            case PgTypes.JSONB:
                return ValueJson.fromJson(text);
            case PgTypes.BOOL:
                return bool(text);
            // Numbers arrive as text in the simple and default extended modes; handed to H2 as a
            // string, a comparison with a numeric column goes through DECFLOAT for every row it
            // looks at (a fifth of pgbench -S's server time). Parse them once, as int4in etc. do.
            case PgTypes.INT2:
                return (short) integer(text, Short.MIN_VALUE, Short.MAX_VALUE, "smallint");
            case PgTypes.INT4:
                return (int) integer(text, Integer.MIN_VALUE, Integer.MAX_VALUE, "integer");
            case PgTypes.INT8:
                return integer(text, Long.MIN_VALUE, Long.MAX_VALUE, "bigint");
            default:
                if (PgBinary.isArray(oid)) {
                    // array_in's quoting ({"a","b c",NULL}) is not H2's: hand H2 the elements, it converts each.
                    java.util.List<String> elements = PgLiterals.parseArray(text.trim());
                    return elements == null ? text : elements.toArray();
                }
                return text;
        }
    }

    /** int2in/int4in/int8in: optional sign and digits, surrounding spaces allowed. */
    private static long integer(String text, long min, long max, String type) {
        String t = text.trim();
        long v;
        try {
            v = Long.parseLong(t.startsWith("+") ? t.substring(1) : t);
        } catch (NumberFormatException e) {
            if (t.matches("[+-]?[0-9]+")) {
                throw new PgException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value \"" + text + "\" is out of range for type " + type);
            }
            throw new PgException(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type " + type + ": \"" + text + "\"");
        }
        if (v < min || v > max) {
            throw new PgException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value \"" + text + "\" is out of range for type " + type);
        }
        return v;
    }

    private static byte[] bytea(String text) {
        String literal = PgLiterals.byteaLiteral(text);
        if (literal == null) {
            throw new PgException(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type bytea");
        }
        return java.util.HexFormat.of().parseHex(literal.substring(2, literal.length() - 1));
    }

    /** boolin: t/f, true/false, yes/no, on/off, 1/0 and their unique prefixes, any case. */
    private static Boolean bool(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (!t.isEmpty()) {
            if ("true".startsWith(t) || "yes".startsWith(t) || t.equals("on") || t.equals("1")) {
                return Boolean.TRUE;
            }
            if ("false".startsWith(t) || "no".startsWith(t) || t.equals("off") || t.equals("of") || t.equals("0")) {
                return Boolean.FALSE;
            }
        }
        throw new PgException(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type boolean: \"" + text + "\"");
    }
}
