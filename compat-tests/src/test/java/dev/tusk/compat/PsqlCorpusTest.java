package dev.tusk.compat;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Runs each script of the psql corpus (src/test/resources/psql, one statement per line) with the
 * real psql against Tusk and against a real PostgreSQL 15, each in a fresh database, and compares
 * what psql printed statement by statement. Prints the matching share and each difference; fails
 * if the share falls below the floor, which is raised as features land.
 */
class PsqlCorpusTest extends BothServers {
    /** The share of statements whose psql output must be identical on both servers. */
    private static final double FLOOR = 0.96;

    @Test
    void psqlPrintsTheSameOnTuskAsOnPostgres() throws Exception {
        int same = 0;
        int total = 0;
        StringBuilder report = new StringBuilder();
        for (Path script : scripts()) {
            String db = "corpus_" + script.getFileName().toString().replace(".sql", "");
            Psql.command("127.0.0.1", pg.port, "postgres", "create database " + db);
            Psql.command("127.0.0.1", tusk.port(), "postgres", "create database " + db);
            List<String> statements = Files.readAllLines(script).stream().filter(l -> !l.isBlank()).toList();
            List<String> expected = segments(Psql.runFile("127.0.0.1", pg.port, db, script), statements);
            List<String> actual = segments(Psql.runFile("127.0.0.1", tusk.port(), db, script), statements);
            for (int i = 0; i < statements.size(); i++) {
                total++;
                String e = i < expected.size() ? expected.get(i) : "";
                String a = i < actual.size() ? actual.get(i) : "";
                if (e.equals(a)) {
                    same++;
                } else {
                    report.append("--- ").append(script.getFileName()).append(": ").append(statements.get(i)).append('\n')
                            .append("PostgreSQL 15:\n").append(e).append("Tusk:\n").append(a);
                }
            }
        }
        double share = (double) same / total;
        System.out.printf("psql corpus: %d of %d statements print the same on Tusk as on PostgreSQL 15 (%.1f%%)%n",
                same, total, share * 100);
        System.out.print(report);
        assertTrue(share >= FLOOR, String.format("matching share %.3f fell below %.2f (differences printed above)", share, FLOOR));
    }

    private static List<Path> scripts() throws IOException, URISyntaxException {
        Path dir = Path.of(PsqlCorpusTest.class.getResource("/psql").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".sql")).sorted().toList();
        }
    }

    /** Splits psql -a output at the echo of each statement line; segment i is statement i's echo and output. */
    static List<String> segments(String output, List<String> statements) {
        List<String> out = new ArrayList<>();
        StringBuilder current = null;
        int next = 0;
        for (String line : output.split("\n", -1)) {
            if (next < statements.size() && line.equals(statements.get(next))) {
                if (current != null) {
                    out.add(current.toString());
                }
                current = new StringBuilder();
                next++;
            }
            if (current != null) {
                current.append(line).append('\n');
            }
        }
        if (current != null) {
            out.add(current.toString());
        }
        return out;
    }
}
