package dev.tusk.server.backend;

import dev.tusk.server.engine.RowReceiver;
import java.nio.charset.StandardCharsets;

/** A row of text values the backend produces itself (SHOW); text's binary format is the same UTF-8 bytes. */
record TextRow(String... values) implements RowReceiver.RowSource {
    @Override
    public byte[] text(int column) {
        return values[column] == null ? null : values[column].getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] binary(int column) {
        return text(column);
    }
}
