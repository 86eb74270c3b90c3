package dev.tusk.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tusk.protocol.message.Messages;
import dev.tusk.protocol.message.PgMessage;
import dev.tusk.protocol.message.startup.StartupPacket;
import dev.tusk.protocol.types.PgTypes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The machine-readable catalog and the code agree: every message has its codec, every code and OID is listed. */
class CatalogTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode load(String name) throws Exception {
        return JSON.readTree(CatalogTest.class.getResourceAsStream("/dev/tusk/protocol/" + name));
    }

    @Test
    void everyCatalogMessageHasARecordWithEncoderAndDecoderThatRoundTrips() throws Exception {
        Map<String, PgMessage> samples = new HashMap<>();
        for (PgMessage m : SampleMessages.ALL) {
            samples.put(m.getClass().getSimpleName(), m);
        }
        for (JsonNode msg : load("messages.json").get("messages")) {
            String cls = "dev.tusk.protocol.message." + msg.get("class").asText();
            Class<?> c = Class.forName(cls);
            assertTrue(PgMessage.class.isAssignableFrom(c), cls + " is a message");
            PgMessage sample = samples.get(c.getSimpleName());
            assertNotNull(sample, "a sample of " + msg.get("name").asText());
            byte[] bytes = encode(sample);
            PgMessage back = decode(msg, bytes);
            assertEquals(sample, back, msg.get("name").asText());
            assertArrayEquals(bytes, encode(back));
            JsonNode type = msg.get("type");
            if (!type.isNull()) {
                assertEquals(type.asText().charAt(0), (char) bytes[0], msg.get("name").asText() + " type byte");
            }
        }
    }

    @Test
    void everyMessageTypeByteIsInTheCatalog() throws Exception {
        Set<String> frontend = new HashSet<>();
        Set<String> backend = new HashSet<>();
        for (JsonNode msg : load("messages.json").get("messages")) {
            if (!msg.get("type").isNull()) {
                (msg.get("direction").asText().contains("F") ? frontend : backend).add(msg.get("type").asText());
                if (msg.get("direction").asText().equals("FB")) {
                    backend.add(msg.get("type").asText());
                }
            }
        }
        for (FrontendMessage m : FrontendMessage.values()) {
            assertTrue(frontend.contains(String.valueOf((char) m.type())), m.name());
        }
        for (BackendMessage m : BackendMessage.values()) {
            assertTrue(backend.contains(String.valueOf((char) m.type())), m.name());
        }
    }

    @Test
    void sqlStateConstantsMatchTheTable() throws Exception {
        Map<String, String> table = new HashMap<>();
        for (JsonNode row : load("sqlstates.json")) {
            table.put(row.get("constant").asText(), row.get("code").asText());
        }
        int n = 0;
        for (Field f : SqlState.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers())) {
                assertEquals(table.get(f.getName()), f.get(null), f.getName());
                n++;
            }
        }
        assertTrue(n > 200);
        assertEquals("08P01", SqlState.PROTOCOL_VIOLATION);
        assertEquals("42P01", SqlState.UNDEFINED_TABLE);
    }

    @Test
    void typeOidsMatchTheTable() throws Exception {
        for (JsonNode t : load("types.json").get("types")) {
            Field f = PgTypes.class.getField(t.get("name").asText().toUpperCase());
            assertEquals(t.get("oid").asInt(), f.getInt(null), t.get("name").asText());
            if (!t.get("array_oid").isNull()) {
                assertEquals(t.get("array_oid").asInt(), PgTypes.arrayOf(f.getInt(null)));
            }
        }
    }

    private static byte[] encode(PgMessage m) {
        PgWriter w = new PgWriter();
        m.encode(w);
        return w.toByteArray();
    }

    private static PgMessage decode(JsonNode msg, byte[] bytes) throws Exception {
        PgConnectionIO io = new PgConnectionIO(new ByteArrayInputStream(bytes), new ByteArrayOutputStream());
        if (msg.get("type").isNull()) {
            return StartupPacket.decode(io.readStartupPacket());
        }
        if (msg.get("direction").asText().startsWith("F")) {
            Messages.AuthResponseKind kind = switch (msg.get("name").asText()) {
                case "SASLInitialResponse" -> Messages.AuthResponseKind.SASL_INITIAL;
                case "SASLResponse" -> Messages.AuthResponseKind.SASL;
                case "GSSResponse" -> Messages.AuthResponseKind.GSS;
                default -> Messages.AuthResponseKind.PASSWORD;
            };
            return Messages.decodeFrontend(io.readFrontend(), io.body(), kind);
        }
        return Messages.decodeBackend(io.readBackend(), io.body());
    }
}
