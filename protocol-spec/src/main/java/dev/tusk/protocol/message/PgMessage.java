package dev.tusk.protocol.message;

import dev.tusk.protocol.PgWriter;

/**
 * A protocol message as a value. Each record writes itself through {@link PgWriter} (which frames it)
 * and has a static {@code decode(PgReader)} reading the body that follows the type and length.
 */
public interface PgMessage {
    void encode(PgWriter w);
}
