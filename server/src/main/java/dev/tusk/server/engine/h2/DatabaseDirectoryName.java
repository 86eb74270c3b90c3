package dev.tusk.server.engine.h2;

import java.nio.charset.StandardCharsets;

/**
 * Database names as directory names: letters, digits and _ as they are, every other byte as %XX,
 * so any name PostgreSQL allows maps to one safe directory and back.
 */
final class DatabaseDirectoryName {
    private DatabaseDirectoryName() {
    }

    static String of(String database) {
        StringBuilder sb = new StringBuilder();
        for (byte b : database.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 128 && (Character.isLetterOrDigit(c) || c == '_')) {
                sb.append(c);
            } else {
                sb.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return sb.toString();
    }

    static String databaseOf(String directory) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < directory.length(); i++) {
            char c = directory.charAt(i);
            if (c == '%' && i + 2 < directory.length()) {
                out.write(Integer.parseInt(directory.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
