package dev.tusk.server.engine.h2;

import java.util.Arrays;

/**
 * Engine SQL being generated, remembering for each emitted piece the offset of the source token it
 * came from, so that an error the engine reports at a place in its SQL can be reported at the
 * matching place in the client's.
 */
final class SqlBuilder {
    private final StringBuilder sql = new StringBuilder();
    private int[] generatedAt = new int[32];
    private int[] sourceAt = new int[32];
    private int count;
    /** Per result column, the PostgreSQL type a top-level cast gives it where H2's own type says less; 0 if none. */
    private int[] castTypes = new int[0];

    /** Result column column (0-based) is cast to PostgreSQL type oid (json, name, oid: H2 has no such types). */
    void castType(int column, int oid) {
        if (column >= castTypes.length) {
            castTypes = Arrays.copyOf(castTypes, column + 1);
        }
        castTypes[column] = oid;
    }

    /** The type a top-level cast gives result column column (0-based), or 0. */
    int castType(int column) {
        return column < castTypes.length ? castTypes[column] : 0;
    }

    SqlBuilder emit(String text, int sourceOffset) {
        if (sql.length() > 0 && needsSpace(sql.charAt(sql.length() - 1), text)) {
            sql.append(' ');
        }
        if (count == generatedAt.length) {
            generatedAt = Arrays.copyOf(generatedAt, count * 2);
            sourceAt = Arrays.copyOf(sourceAt, count * 2);
        }
        generatedAt[count] = sql.length();
        sourceAt[count++] = sourceOffset;
        sql.append(text);
        return this;
    }

    private static boolean needsSpace(char last, String next) {
        if (next.isEmpty()) {
            return false;
        }
        char first = next.charAt(0);
        return !(last == '(' || last == '.' || first == ')' || first == ',' || first == '.' || first == '('
                && Character.isLetterOrDigit(last));
    }

    /** The source offset of the piece that covers generated offset g, or -1. */
    int sourceOffset(int g) {
        int i = Arrays.binarySearch(generatedAt, 0, count, g);
        if (i < 0) {
            i = -i - 2;
        }
        return i >= 0 ? sourceAt[i] : -1;
    }

    @Override
    public String toString() {
        return sql.toString();
    }
}
