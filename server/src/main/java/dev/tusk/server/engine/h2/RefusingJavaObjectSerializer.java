package dev.tusk.server.engine.h2;

import org.h2.api.JavaObjectSerializer;

/**
 * The engine's JAVA_OBJECT values are never turned into Java objects or back: PostgreSQL has no
 * such type, and deserializing bytes a client chose would run code of the server's class path.
 * Installed as H2's serializer by {@link H2Engine}, behind {@link EngineAllowList}.
 */
public final class RefusingJavaObjectSerializer implements JavaObjectSerializer {
    @Override
    public byte[] serialize(Object obj) {
        throw new UnsupportedOperationException("Java object values are not supported");
    }

    @Override
    public Object deserialize(byte[] bytes) {
        throw new UnsupportedOperationException("Java object values are not supported");
    }
}
