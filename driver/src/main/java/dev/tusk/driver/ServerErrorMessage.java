package dev.tusk.driver;

import java.util.Map;

/**
 * The fields of a server's ErrorResponse or NoticeResponse (severity, SQLSTATE, message, detail, hint,
 * position, ...), kept whole so an application can read what psql would print.
 */
public record ServerErrorMessage(Map<Character, String> fields) {
    public String severity() {
        return fields.getOrDefault('V', fields.get('S'));
    }

    public String sqlState() {
        return fields.get('C');
    }

    public String message() {
        return fields.get('M');
    }

    public String detail() {
        return fields.get('D');
    }

    public String hint() {
        return fields.get('H');
    }

    /** 1-based character position in the statement, 0 if the server gave none. */
    public int position() {
        String p = fields.get('P');
        return p == null ? 0 : Integer.parseInt(p);
    }

    public String where() {
        return fields.get('W');
    }

    public String schema() {
        return fields.get('s');
    }

    public String table() {
        return fields.get('t');
    }

    public String column() {
        return fields.get('c');
    }

    public String constraint() {
        return fields.get('n');
    }

    /** The text psql shows: severity and message, then detail, hint and position on their own lines. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        if (severity() != null) {
            b.append(severity()).append(": ");
        }
        b.append(message());
        if (detail() != null) {
            b.append("\n  Detail: ").append(detail());
        }
        if (hint() != null) {
            b.append("\n  Hint: ").append(hint());
        }
        if (position() > 0) {
            b.append("\n  Position: ").append(position());
        }
        if (where() != null) {
            b.append("\n  Where: ").append(where());
        }
        return b.toString();
    }
}
