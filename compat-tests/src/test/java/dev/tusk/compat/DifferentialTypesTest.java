package dev.tusk.compat;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Sends the same typed values (types.txt: one expression per line) through PostgreSQL 15 and Tusk
 * and compares, byte for byte, the type OID and the value in text and in binary format. Prints
 * the matching share and every difference; fails below the floor, raised as types land.
 */
class DifferentialTypesTest extends BothServers {
    /** Expressions known to differ: H2 keeps no negative zero. Every other result must be identical. */
    private static final java.util.Set<String> KNOWN = java.util.Set.of("'-0'::float8");
    @Test
    void textAndBinaryResultsAreByteIdentical() throws Exception {
        List<String> expressions = Files.readAllLines(Path.of(getClass().getResource("/types.txt").toURI())).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        int same = 0;
        int total = 0;
        java.util.Set<String> unexpected = new java.util.LinkedHashSet<>();
        StringBuilder report = new StringBuilder();
        try (RawClient p = new RawClient(pg.port, "postgres"); RawClient t = new RawClient(tusk.port(), "postgres")) {
            for (String e : expressions) {
                for (int format = 0; format <= 1; format++) {
                    RawClient.Value expected = p.select(e, format);
                    RawClient.Value actual = t.select(e, format);
                    total++;
                    boolean equal = expected.typeOid() == actual.typeOid() && Arrays.equals(expected.bytes(), actual.bytes())
                            && (expected.error() == null) == (actual.error() == null);
                    if (equal) {
                        same++;
                    } else {
                        if (!KNOWN.contains(e)) {
                            unexpected.add(e);
                        }
                        report.append(String.format("%-6s %s%n  PostgreSQL 15: %s%n  Tusk:          %s%n",
                                format == 0 ? "text" : "binary", e, show(expected, format), show(actual, format)));
                    }
                }
            }
        }
        double share = (double) same / total;
        System.out.printf("typed values: %d of %d (expression, format) results byte-identical to PostgreSQL 15 (%.1f%%)%n",
                same, total, share * 100);
        System.out.print(report);
        assertTrue(unexpected.isEmpty(), "results differ for " + unexpected + " (printed above)");
    }

    private static String show(RawClient.Value v, int format) {
        if (v.error() != null) {
            return "ERROR " + v.error();
        }
        String value = v.bytes() == null ? "NULL"
                : format == 0 ? new String(v.bytes(), StandardCharsets.UTF_8) : HexFormat.of().formatHex(v.bytes());
        return "oid " + v.typeOid() + " " + value;
    }
}
