package dev.tusk.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What an ordinary role tries first to get at the server's machine through the engine under Tusk
 * (H2's Java aliases, file functions, scripts, linked tables, its own information_schema), through
 * pgjdbc in simple and extended mode against PostgreSQL 15 and Tusk: the same SQLSTATE from both,
 * no file written, no command run.
 */
class EngineAttackTest extends BothServers {
    private static Path probe;
    @org.junit.jupiter.api.io.TempDir
    static Path probeDir;

    @BeforeAll
    static void ordinaryRole() throws Exception {
        probe = probeDir.resolve("written");
        for (String url : new String[] {pg.jdbcUrl("postgres"), tusk.jdbcUrl("postgres")}) {
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                s.execute("create role mallory login");
                s.execute("create table victim (a int)");
                s.execute("grant all on victim to mallory");
                s.execute("grant create on schema public to mallory"); // DDL attacks get past PostgreSQL 15's 42501

            }
        }
    }

    private static Map<String, String> attacks() {
        String f = probe.toString();
        Map<String, String> a = new LinkedHashMap<>();
        a.put("java alias", "CREATE ALIAS run AS 'String run(String c) throws Exception { Runtime.getRuntime().exec(c); return c; }'");
        a.put("java alias by class", "create alias prop for 'java.lang.System.getProperty'");
        a.put("alias call", "select run('touch " + f + "')");
        a.put("file_read", "select file_read('/etc/passwd')");
        a.put("file_read quoted", "select \"FILE_READ\"('/etc/passwd')");
        a.put("file_read unicode escape", "select U&\"file\\005fread\"('/etc/passwd')");
        a.put("file_write", "select file_write('x', '" + f + "')");
        a.put("csvwrite call", "call csvwrite('" + f + "', 'select 1')");
        a.put("csvread", "select * from csvread('/etc/passwd')");
        a.put("in a default", "create table a1 (t text default file_read('/etc/passwd'))");
        a.put("in a check", "create table a2 (t text check (file_read(t) is not null))");
        a.put("in a view", "create view a3 as select file_read('/etc/passwd') as t");
        a.put("in copy", "copy (select file_read('/etc/passwd')) to stdout");
        a.put("script", "script to '" + f + "'");
        a.put("runscript", "runscript from '/etc/passwd'");
        a.put("linked table", "create linked table lt('org.h2.Driver', 'jdbc:h2:mem:x', '', '', 'x')");
        a.put("drop all", "drop all objects delete files");
        a.put("shutdown", "shutdown immediately");
        a.put("engine sessions", "select * from information_schema.sessions");
        a.put("engine settings", "select * from information_schema.settings");
        a.put("engine setting", "set exclusive 1");
        a.put("database path", "select database_path()");
        a.put("session abort", "select abort_session(1)");
        a.put("java object type", "create table a4 (o other)");
        a.put("referential integrity off", "alter table victim set referential_integrity false");
        return a;
    }

    private static String sqlState(String url, boolean extended, String sql) throws SQLException {
        String modeUrl = url.replace("?user=postgres", "?user=mallory") + (extended ? "&prepareThreshold=1" : "&preferQueryMode=simple");
        try (Connection c = DriverManager.getConnection(modeUrl)) {
            SQLException e = assertThrows(SQLException.class, () -> {
                if (extended) {
                    try (PreparedStatement ps = c.prepareStatement(sql)) {
                        ps.execute();
                    }
                } else {
                    try (Statement s = c.createStatement()) {
                        s.execute(sql);
                    }
                }
            }, sql);
            return e.getSQLState();
        }
    }

    @Test
    void everyAttackFailsAsOnPostgres() throws Exception {
        for (var attack : attacks().entrySet()) {
            for (boolean extended : new boolean[] {false, true}) {
                String onPg = sqlState(pg.jdbcUrl("postgres"), extended, attack.getValue());
                String onTusk = sqlState(tusk.jdbcUrl("postgres"), extended, attack.getValue());
                assertEquals(onPg, onTusk, attack.getKey() + (extended ? " (extended)" : "") + ": " + attack.getValue());
            }
        }
        assertFalse(Files.exists(probe), "a file was written");
        try (Connection c = DriverManager.getConnection(tusk.jdbcUrl("postgres")); Statement s = c.createStatement()) {
            s.execute("insert into victim values (1)"); // the database is still open and writable
        }
    }
}
