package dev.tusk.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * COPY through pgjdbc's CopyManager on PostgreSQL 15 and on Tusk: the same data in, the same bytes
 * out, and a bad row failing the whole COPY with nothing left behind.
 */
class CopyTest extends BothServers {
    private static final String TEXT = "1\tone\t1.50\n2\t\\N\t\\N\n3\ttab\\there\t-2.00\n4\tback\\\\slash\t0.00\n";
    private static final String CSV = "id,v,n\n10,\"comma, and \"\"quote\"\"\",3.25\n11,,\n12,\"\",1\n";

    @Test
    void copyInAndOutMatchPostgres() throws Exception {
        for (String url : List.of(pg.jdbcUrl("postgres"), tusk.jdbcUrl("postgres"))) {
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                s.execute("create table copy_t (id int primary key, v text, n numeric(6,2))");
            }
        }
        String[] outputs = new String[2];
        int i = 0;
        for (String url : List.of(pg.jdbcUrl("postgres"), tusk.jdbcUrl("postgres"))) {
            try (Connection c = DriverManager.getConnection(url)) {
                CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
                assertEquals(4, copy.copyIn("copy copy_t from stdin", new StringReader(TEXT)));
                assertEquals(3, copy.copyIn("copy copy_t from stdin with (format csv, header)", new StringReader(CSV)));
                ByteArrayOutputStream text = new ByteArrayOutputStream();
                copy.copyOut("copy (select * from copy_t order by id) to stdout", text);
                ByteArrayOutputStream csv = new ByteArrayOutputStream();
                copy.copyOut("copy (select * from copy_t order by id) to stdout with (format csv, header)", csv);
                outputs[i++] = text + "--\n" + csv;
            }
        }
        System.out.print("COPY TO STDOUT on Tusk:\n" + outputs[1]);
        assertEquals(outputs[0], outputs[1], "COPY TO STDOUT bytes, text and csv");
    }

    @Test
    void csvForceNotNullAndForceNullReadAsPostgresReadsThem() throws Exception {
        String csv = "1,,\"\"\n2,x,\"\"\n";
        String[] results = new String[2];
        int i = 0;
        for (String url : List.of(pg.jdbcUrl("postgres"), tusk.jdbcUrl("postgres"))) {
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                s.execute("create table copy_force (id int, a text, b text)");
                c.unwrap(PGConnection.class).getCopyAPI().copyIn(
                        "copy copy_force from stdin with (format csv, force_not_null (a), force_null (b))", new StringReader(csv));
                StringBuilder sb = new StringBuilder();
                try (ResultSet rs = s.executeQuery("select id, a is null, a, b is null from copy_force order by id")) {
                    while (rs.next()) {
                        sb.append(rs.getInt(1)).append(rs.getBoolean(2)).append(rs.getString(3)).append(rs.getBoolean(4)).append(';');
                    }
                }
                results[i++] = sb.toString();
            }
        }
        assertEquals(results[0], results[1]);
    }

    @Test
    void aBadRowFailsTheWholeCopy() throws Exception {
        try (Connection c = DriverManager.getConnection(tusk.jdbcUrl("postgres")); Statement s = c.createStatement()) {
            s.execute("create table copy_bad (id int primary key, v text)");
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            SQLException e = assertThrows(SQLException.class,
                    () -> copy.copyIn("copy copy_bad from stdin", new StringReader("1\ta\n2\tb\nnot a number\tc\n")));
            assertEquals("22P02", e.getSQLState());
            assertTrue(e.getMessage().contains("COPY copy_bad, line 3"), e.getMessage());
            e = assertThrows(SQLException.class,
                    () -> copy.copyIn("copy copy_bad from stdin", new StringReader("1\ta\n1\tagain\n")));
            assertEquals("23505", e.getSQLState());
            try (ResultSet rs = s.executeQuery("select count(*) from copy_bad")) {
                rs.next();
                assertEquals(0, rs.getInt(1), "nothing of a failed COPY remains");
            }
        }
    }

    /** Tusk's COPY inserts rows in buffers of 128: an error deep in a buffer still names its row's line. */
    @Test
    void aBadRowAmongManyNamesItsLine() throws Exception {
        StringBuilder rows = new StringBuilder();
        for (int i = 1; i <= 1000; i++) {
            rows.append(i).append('\t').append("v").append(i).append('\n');
        }
        String duplicateAt300 = rows.toString().replace("\n300\tv300\n", "\n7\tv300\n");
        String badIntAt700 = rows.toString().replace("\n700\tv700\n", "\nseven\tv700\n");
        for (String url : List.of(pg.jdbcUrl("postgres"), tusk.jdbcUrl("postgres"))) {
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                s.execute("create table copy_many (id int primary key, v text)");
                CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
                assertEquals(1000, copy.copyIn("copy copy_many from stdin", new StringReader(rows.toString())), url);
                s.execute("truncate copy_many");
                SQLException e = assertThrows(SQLException.class,
                        () -> copy.copyIn("copy copy_many from stdin", new StringReader(duplicateAt300)));
                assertEquals("23505", e.getSQLState());
                assertTrue(e.getMessage().contains("COPY copy_many, line 300"), url + ": " + e.getMessage());
                e = assertThrows(SQLException.class, () -> copy.copyIn("copy copy_many from stdin", new StringReader(badIntAt700)));
                assertEquals("22P02", e.getSQLState());
                assertTrue(e.getMessage().contains("COPY copy_many, line 700"), url + ": " + e.getMessage());
                try (ResultSet rs = s.executeQuery("select count(*) from copy_many")) {
                    rs.next();
                    assertEquals(0, rs.getInt(1), "nothing of a failed COPY remains");
                }
                s.execute("drop table copy_many");
            }
        }
    }

    @Test
    void binaryCopyMatchesPostgresAndLoadsBack() throws Exception {
        String ddl = "create table copy_bin (id int primary key, v text, n numeric(8,3), d date, ts timestamp, b bytea, f float8)";
        String rows = "insert into copy_bin values (1, 'one', 1.5, '2024-02-29', '2024-02-29 13:45:06.5', '\\xdead', 0.25),"
                + " (2, null, null, null, null, null, null)";
        byte[][] outputs = new byte[2][];
        int i = 0;
        for (String url : List.of(pg.jdbcUrl("postgres"), tusk.jdbcUrl("postgres"))) {
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                s.execute(ddl);
                s.execute(rows);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                c.unwrap(PGConnection.class).getCopyAPI().copyOut("copy (select * from copy_bin order by id) to stdout"
                        + " with (format binary)", out);
                outputs[i++] = out.toByteArray();
            }
        }
        assertEquals(java.util.HexFormat.of().formatHex(outputs[0]), java.util.HexFormat.of().formatHex(outputs[1]),
                "binary COPY bytes");
        try (Connection c = DriverManager.getConnection(tusk.jdbcUrl("postgres")); Statement s = c.createStatement()) {
            s.execute("create table copy_bin2 (id int primary key, v text, n numeric(8,3), d date, ts timestamp, b bytea, f float8)");
            long n = c.unwrap(PGConnection.class).getCopyAPI().copyIn("copy copy_bin2 from stdin with (format binary)",
                    new java.io.ByteArrayInputStream(outputs[0]));
            assertEquals(2, n);
            try (ResultSet rs = s.executeQuery("select count(*) from copy_bin2 c join copy_bin b on b.id = c.id"
                    + " and b.v = c.v and b.n = c.n and b.d = c.d and b.ts = c.ts and b.b = c.b and b.f = c.f")) {
                rs.next();
                assertEquals(1, rs.getInt(1), "the non-null row came back equal, column by column");
            }
        }
    }

    @Test
    void serverSideFilesForSuperusers() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("tusk-copy", ".csv");
        try (Connection c = DriverManager.getConnection(tusk.jdbcUrl("postgres")); Statement s = c.createStatement()) {
            s.execute("create table copy_file (id int, v text)");
            s.execute("insert into copy_file values (1, 'a'), (2, 'b,c')");
            s.execute("copy copy_file to '" + file + "' with (format csv)");
            assertEquals("1,a\n2,\"b,c\"\n", java.nio.file.Files.readString(file));
            s.execute("copy copy_file from '" + file + "' with (format csv)");
            try (ResultSet rs = s.executeQuery("select count(*) from copy_file")) {
                rs.next();
                assertEquals(4, rs.getInt(1));
            }
            SQLException e = assertThrows(SQLException.class, () -> s.execute("copy copy_file from '/nonexistent/x.csv'"));
            assertEquals("58P01", e.getSQLState());
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }

    @Test
    void copyFailFromTheClientLeavesNothingBehind() throws Exception {
        try (Connection c = DriverManager.getConnection(tusk.jdbcUrl("postgres")); Statement s = c.createStatement()) {
            s.execute("create table copy_fail (id int)");
            org.postgresql.copy.CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn("copy copy_fail from stdin");
            byte[] rows = "1\n2\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            in.writeToCopy(rows, 0, rows.length);
            in.cancelCopy(); // CopyFail
            try (java.sql.ResultSet rs = s.executeQuery("select count(*) from copy_fail")) {
                rs.next();
                assertEquals(0, rs.getInt(1));
            }
        }
    }
}
