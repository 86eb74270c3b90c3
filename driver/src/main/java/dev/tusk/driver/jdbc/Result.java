package dev.tusk.driver.jdbc;

import java.util.ArrayList;
import java.util.List;

/** What one statement produced: rows (with their description) or a command tag, or both (RETURNING). */
final class Result {
    Field[] fields;
    List<byte[][]> rows = new ArrayList<>();
    String tag;
    /** Set when the portal was suspended with rows left to fetch. */
    String openPortal;

    boolean hasRows() {
        return fields != null;
    }

    /** The row count in the command tag (INSERT 0 5, UPDATE 3, SELECT 7, COPY 10), or -1. */
    long updateCount() {
        if (tag == null) {
            return -1;
        }
        int sp = tag.lastIndexOf(' ');
        if (sp < 0) {
            return 0;
        }
        try {
            return Long.parseLong(tag.substring(sp + 1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
