package dev.tusk.server.datadir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * postgresql.conf syntax (cf. guc-file.l): {@code name = value} or {@code name value}, values bare or
 * in single quotes ('' for a quote), {@code #} comments; names are case-insensitive.
 */
public final class ConfigFile {
    private ConfigFile() {
    }

    public static Map<String, String> read(Path file) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        int lineNo = 0;
        for (String line : Files.readAllLines(file)) {
            lineNo++;
            String s = stripComment(line).trim();
            if (s.isEmpty()) {
                continue;
            }
            int i = 0;
            while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == '.')) {
                i++;
            }
            if (i == 0) {
                throw new IOException("syntax error in file \"" + file + "\" line " + lineNo);
            }
            String name = s.substring(0, i).toLowerCase(java.util.Locale.ROOT);
            String rest = s.substring(i).trim();
            if (rest.startsWith("=")) {
                rest = rest.substring(1).trim();
            }
            if (rest.startsWith("'")) {
                if (!rest.endsWith("'") || rest.length() < 2) {
                    throw new IOException("unterminated quoted string in file \"" + file + "\" line " + lineNo);
                }
                rest = rest.substring(1, rest.length() - 1).replace("''", "'");
            }
            values.put(name, rest);
        }
        return values;
    }

    private static String stripComment(String line) {
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (c == '#' && !quoted) {
                return line.substring(0, i);
            }
        }
        return line;
    }
}
