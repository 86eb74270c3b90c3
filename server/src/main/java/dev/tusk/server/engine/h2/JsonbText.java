package dev.tusk.server.engine.h2;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import org.h2.util.json.JSONArray;
import org.h2.util.json.JSONObject;
import org.h2.util.json.JSONString;
import org.h2.util.json.JSONStringSource;
import org.h2.util.json.JSONValue;
import org.h2.util.json.JSONValueTarget;

/**
 * JSON values as PostgreSQL's jsonb prints them (cf. JsonbToCString): ", " and ": " separators, and
 * object keys in jsonb's storage order — shorter keys first, equal lengths by bytes — with the last
 * of duplicate keys kept. Parsing uses H2's own JSON reader (the engine's pinned version).
 */
final class JsonbText {
    private static final Comparator<String> JSONB_KEY_ORDER =
            Comparator.comparingInt((String k) -> k.getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                    .thenComparing(k -> k, JsonbText::compareBytes);

    private JsonbText() {
    }

    static JSONValue parse(String json) {
        return JSONStringSource.parse(json, new JSONValueTarget());
    }

    static String format(String json) {
        StringBuilder sb = new StringBuilder(json.length() + 16);
        append(sb, parse(json));
        return sb.toString();
    }

    static String format(JSONValue v) {
        StringBuilder sb = new StringBuilder();
        append(sb, v);
        return sb.toString();
    }

    private static void append(StringBuilder sb, JSONValue v) {
        if (v instanceof JSONObject o) {
            Map<String, JSONValue> members = new java.util.TreeMap<>(JSONB_KEY_ORDER);
            for (Map.Entry<String, JSONValue> m : o.getMembers()) {
                members.put(m.getKey(), m.getValue());
            }
            sb.append('{');
            boolean first = true;
            for (Map.Entry<String, JSONValue> m : members.entrySet()) {
                sb.append(first ? "" : ", ");
                first = false;
                string(sb, m.getKey());
                sb.append(": ");
                append(sb, m.getValue());
            }
            sb.append('}');
        } else if (v instanceof JSONArray a) {
            sb.append('[');
            JSONValue[] items = a.getArray();
            for (int i = 0; i < items.length; i++) {
                sb.append(i > 0 ? ", " : "");
                append(sb, items[i]);
            }
            sb.append(']');
        } else if (v instanceof JSONString s) {
            string(sb, s.getString());
        } else {
            sb.append(v); // numbers, true, false, null print as H2 reads them
        }
    }

    /** A JSON string with PostgreSQL's escapes (escape_json). */
    static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\b': sb.append("\\b"); break;
                case '\f': sb.append("\\f"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                default:
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
            }
        }
        sb.append('"');
    }

    private static int compareBytes(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                b.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
