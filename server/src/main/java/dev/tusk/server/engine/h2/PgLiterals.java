package dev.tusk.server.engine.h2;

import dev.tusk.server.sql.Identifiers;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * String constants that PostgreSQL reads by the type they are cast or assigned to, where H2 would
 * read the text differently: bytea input ({@code '\xdead'}), json documents (H2 makes a JSON string
 * of them) and array input ({@code '{1,2,NULL}'}). Each becomes an H2 literal of the right type.
 */
final class PgLiterals {
    private PgLiterals() {
    }

    /**
     * The H2 literal for text cast to a PostgreSQL type, or null to leave it to H2.
     *
     * @param type  the type's internal name (int4, bytea, jsonb ...), as PgTypeLabels gives it
     * @param array whether the cast is to an array of that type
     */
    static String cast(String text, String type, boolean array) {
        if (array) {
            String h2 = TypeNames.h2Name(type);
            return arrayLiteral(text, h2 != null ? h2 : type);
        }
        switch (type) {
            // json keeps its text as written (jsonb is the parsed, normalized form): checked here, then text
            case "json": return jsonText(text);
            case "jsonb": return "json " + Identifiers.literal(text);
            case "bytea": return byteaLiteral(text);
            // a function named by text: pg_type's typinput and the like hold names, so it stays one
            // (built-ins print unqualified, as regproc output does: 'pg_catalog.array_in' is array_in)
            case "regproc": return Identifiers.literal(text.startsWith("pg_catalog.") ? text.substring(11) : text);
            case "interval": return TypedLiterals.interval(text);
            default: return null;
        }
    }

    /** json input: the text itself, once it parses as JSON (22P02 otherwise, as PostgreSQL's json_in). */
    static String jsonText(String text) {
        try {
            JsonbText.parse(text);
        } catch (RuntimeException e) {
            throw new dev.tusk.server.error.PgException(dev.tusk.protocol.SqlState.INVALID_TEXT_REPRESENTATION,
                    "invalid input syntax for type json");
        }
        return "cast(" + Identifiers.literal(text) + " as character varying)";
    }

    /** The H2 literal for text assigned to a column of this H2 type, or null to leave it to H2. */
    static String forColumn(String text, String h2Type) {
        String t = h2Type.toUpperCase(Locale.ROOT);
        if (t.equals("JSON")) {
            return "json " + Identifiers.literal(text);
        }
        if (t.equals("BINARY VARYING") || t.equals("BINARY") || t.equals("BINARY LARGE OBJECT")) {
            return byteaLiteral(text);
        }
        if (t.endsWith(" ARRAY")) {
            return arrayLiteral(text, t.substring(0, t.length() - 6).toLowerCase(Locale.ROOT));
        }
        return null;
    }

    /** bytea input: hex format (\x...) or escape format (\\ and \ooo octal escapes). */
    static String byteaLiteral(String text) {
        if (text.startsWith("\\x")) {
            String hex = text.substring(2).replaceAll("\\s", "");
            try {
                HexFormat.of().parseHex(hex);
            } catch (IllegalArgumentException e) {
                return null; // let the engine report the bad input
            }
            return "X'" + hex + "'";
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\\' && i + 1 < bytes.length && bytes[i + 1] == '\\') {
                out.write('\\');
                i++;
            } else if (bytes[i] == '\\' && i + 3 < bytes.length) {
                out.write(Integer.parseInt(new String(bytes, i + 1, 3, StandardCharsets.US_ASCII), 8));
                i += 3;
            } else {
                out.write(bytes[i]);
            }
        }
        return "X'" + HexFormat.of().formatHex(out.toByteArray()) + "'";
    }

    /** Array input '{a,"b c",NULL}' as CAST(ARRAY['a','b c',NULL] AS element ARRAY); null if malformed. */
    static String arrayLiteral(String text, String h2ElementType) {
        List<String> elements = parseArray(text.trim());
        if (elements == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder("cast(array[");
        for (int i = 0; i < elements.size(); i++) {
            String e = elements.get(i);
            sb.append(i > 0 ? ", " : "").append(e == null ? "null" : Identifiers.literal(e));
        }
        return sb.append("] as ").append(h2ElementType).append(" array)").toString();
    }

    /** One-dimensional array input; null elements for unquoted NULL. Null if the text is not an array. */
    static List<String> parseArray(String s) {
        if (s.length() < 2 || s.charAt(0) != '{' || s.charAt(s.length() - 1) != '}') {
            return null;
        }
        List<String> out = new ArrayList<>();
        String body = s.substring(1, s.length() - 1);
        if (body.isBlank()) {
            return out;
        }
        int i = 0;
        while (i <= body.length()) {
            while (i < body.length() && Character.isWhitespace(body.charAt(i))) {
                i++;
            }
            StringBuilder e = new StringBuilder();
            boolean quoted = i < body.length() && body.charAt(i) == '"';
            if (quoted) {
                i++;
                while (i < body.length() && body.charAt(i) != '"') {
                    if (body.charAt(i) == '\\' && i + 1 < body.length()) {
                        i++;
                    }
                    e.append(body.charAt(i++));
                }
                i++;
            } else {
                while (i < body.length() && body.charAt(i) != ',') {
                    if (body.charAt(i) == '{' || body.charAt(i) == '"') {
                        return null; // multi-dimensional or malformed: left to the engine
                    }
                    e.append(body.charAt(i++));
                }
            }
            while (i < body.length() && Character.isWhitespace(body.charAt(i))) {
                i++;
            }
            String v = quoted ? e.toString() : e.toString().trim();
            out.add(!quoted && v.equalsIgnoreCase("null") ? null : v);
            if (i < body.length() && body.charAt(i) != ',') {
                return null;
            }
            i++;
        }
        return out;
    }
}
