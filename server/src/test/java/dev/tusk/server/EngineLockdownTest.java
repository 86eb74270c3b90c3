package dev.tusk.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tusk.protocol.message.PgMessage;
import dev.tusk.protocol.message.async.ErrorResponse;
import dev.tusk.protocol.message.extended.Bind;
import dev.tusk.protocol.message.extended.Execute;
import dev.tusk.protocol.message.extended.Parse;
import dev.tusk.protocol.message.extended.Sync;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * None of the engine's own functions and commands is reachable: the names are read from the engine
 * itself (its function registries and command types), so one a new engine version adds fails this
 * test until it is classified. Each is tried as an ordinary role and as the superuser, through the
 * simple and the extended protocol; each must end in the error PostgreSQL gives for an unknown
 * function or a syntax error, with no file read or written and the database still serving.
 */
class EngineLockdownTest {
    private static TestInstallation tusk;
    private static Path probe;

    /** The engine's command types that are PostgreSQL statements too (Tusk parses and maps them). */
    private static final Set<String> POSTGRES_COMMANDS = Set.of("UNKNOWN", "NO_OPERATION", "ALTER_INDEX_RENAME",
            "ALTER_SCHEMA_RENAME", "ALTER_TABLE_ADD_CONSTRAINT_CHECK", "ALTER_TABLE_ADD_CONSTRAINT_UNIQUE",
            "ALTER_TABLE_ADD_CONSTRAINT_REFERENTIAL", "ALTER_TABLE_ADD_CONSTRAINT_PRIMARY_KEY", "ALTER_TABLE_ADD_COLUMN",
            "ALTER_TABLE_ALTER_COLUMN_NOT_NULL", "ALTER_TABLE_ALTER_COLUMN_DROP_NOT_NULL", "ALTER_TABLE_ALTER_COLUMN_DEFAULT",
            "ALTER_TABLE_ALTER_COLUMN_CHANGE_TYPE", "ALTER_TABLE_DROP_COLUMN", "ALTER_TABLE_DROP_CONSTRAINT",
            "ALTER_TABLE_RENAME", "ALTER_TABLE_ALTER_COLUMN_RENAME", "ALTER_USER_RENAME", "ALTER_VIEW", "ANALYZE",
            "CREATE_INDEX", "CREATE_ROLE", "CREATE_SCHEMA", "CREATE_SEQUENCE", "CREATE_TABLE", "CREATE_USER",
            "CREATE_DOMAIN", "CREATE_VIEW", "DEALLOCATE", "DROP_INDEX", "DROP_ROLE", "DROP_SCHEMA", "DROP_SEQUENCE",
            "DROP_TABLE", "DROP_TRIGGER", "DROP_USER", "DROP_DOMAIN", "DROP_VIEW", "GRANT", "REVOKE", "PREPARE", "COMMENT",
            "TRUNCATE_TABLE", "ALTER_SEQUENCE", "CALL", "DELETE", "EXECUTE", "EXPLAIN", "INSERT", "MERGE", "SELECT", "UPDATE",
            "COMMIT", "ROLLBACK", "CHECKPOINT", "SAVEPOINT", "ROLLBACK_TO_SAVEPOINT", "BEGIN", "ALTER_TABLE_RENAME_CONSTRAINT",
            "EXPLAIN_ANALYZE", "ALTER_TABLE_ALTER_COLUMN_DROP_EXPRESSION", "ALTER_TABLE_ALTER_COLUMN_DROP_IDENTITY",
            "ALTER_DOMAIN_ADD_CONSTRAINT", "ALTER_DOMAIN_DROP_CONSTRAINT", "ALTER_DOMAIN_DEFAULT", "ALTER_DOMAIN_RENAME",
            "ALTER_DOMAIN_RENAME_CONSTRAINT", "CREATE_MATERIALIZED_VIEW", "REFRESH_MATERIALIZED_VIEW",
            "DROP_MATERIALIZED_VIEW", "ALTER_TYPE", "SET");

    /** The engine's own commands, each in the engine's syntax; PROBE is a file that must never appear. */
    private static final Map<String, List<String>> ENGINE_COMMANDS = new LinkedHashMap<>();

    static {
        c("ALTER_TABLE_ALTER_COLUMN_SELECTIVITY", "alter table lock_t alter column a selectivity 5");
        c("ALTER_USER_ADMIN", "alter user mallory admin true");
        c("ALTER_USER_SET_PASSWORD", "alter user mallory set password 'x'");
        c("CREATE_AGGREGATE", "create aggregate agg for 'java.lang.String'");
        c("CREATE_CONSTANT", "create constant c value 1");
        c("CREATE_ALIAS", "create alias f for 'java.lang.System.getProperty'",
                "CREATE ALIAS f AS $$ String f() throws Exception { return \"x\"; } $$",
                "create /* x */ alias f as 'String f() { return null; }'", "create or replace alias f for 'java.lang.Math.abs'");
        c("CREATE_LINKED_TABLE", "create linked table lt('org.h2.Driver', 'jdbc:h2:mem:x', '', '', 'x')",
                "create force linked table lt('', 'jdbc:h2:mem:x', '', '', 'x')");
        c("CREATE_TRIGGER", "create trigger tr before insert on lock_t for each row call 'java.lang.Object'");
        c("CREATE_SYNONYM", "create synonym s for lock_t");
        c("DROP_AGGREGATE", "drop aggregate agg");
        c("DROP_CONSTANT", "drop constant c");
        c("DROP_ALL_OBJECTS", "drop all objects", "drop all objects delete files");
        c("DROP_ALIAS", "drop alias f");
        c("DROP_SYNONYM", "drop synonym s");
        c("ALTER_TABLE_SET_REFERENTIAL_INTEGRITY", "alter table lock_t set referential_integrity false");
        c("BACKUP", "backup to 'PROBE'");
        c("REPLACE", "replace into lock_t values (1)");
        c("RUNSCRIPT", "runscript from 'PROBE'");
        c("SCRIPT", "script to 'PROBE'", "script simple nodata");
        c("SET_AUTOCOMMIT_TRUE", "set autocommit true");
        c("SET_AUTOCOMMIT_FALSE", "set autocommit false");
        c("CHECKPOINT_SYNC", "checkpoint sync");
        c("PREPARE_COMMIT", "prepare commit tx1");
        c("COMMIT_TRANSACTION", "commit transaction tx1");
        c("ROLLBACK_TRANSACTION", "rollback transaction tx1");
        c("SHUTDOWN", "shutdown");
        c("SHUTDOWN_IMMEDIATELY", "shutdown immediately");
        c("SHUTDOWN_COMPACT", "shutdown compact");
        c("SHUTDOWN_DEFRAG", "shutdown defrag");
        c("ALTER_TABLE_ALTER_COLUMN_VISIBILITY", "alter table lock_t alter column a set invisible");
        c("ALTER_TABLE_ALTER_COLUMN_ON_UPDATE", "alter table lock_t alter column a set on update 1");
        c("EXECUTE_IMMEDIATELY", "execute immediate 'select 1'");
        c("ALTER_DOMAIN_ON_UPDATE", "alter domain lock_d set on update 1");
        c("HELP", "help select");
        c("ALTER_TABLE_ALTER_COLUMN_DEFAULT_ON_NULL", "alter table lock_t alter column a set default on null");
        // the engine's settings, and its clauses inside statements PostgreSQL has too
        c("SET", "set exclusive 1", "set allow_literals none", "set @x = 1", "set throttle 100", "set mode mysql");
        c("CREATE_TABLE", "create table eng_t (a int) engine \"org.h2.mvstore.db.MVTableEngine\"",
                "create cached table eng_t (a int)", "create memory table eng_t (a int)",
                "create table eng_t (a int) not persistent", "create table eng_t (a int) transactional");
        c("SELECT", "select * from information_schema.sessions", "select * from information_schema.settings",
                "select * from information_schema.users", "select * from information_schema.rights");
    }

    private static void c(String command, String... statements) {
        ENGINE_COMMANDS.computeIfAbsent(command, k -> new ArrayList<>()).addAll(List.of(statements));
    }

    @BeforeAll
    static void start() throws Exception {
        tusk = TestInstallation.start();
        probe = tusk.dir.resolve("probe.out");
        try (WireClient su = tusk.connect()) {
            for (String sql : new String[] {"create role mallory login", "create table lock_t (a int)",
                "create domain lock_d as int", "grant all on lock_t to mallory"}) {
                assertFalse(su.query(sql).stream().anyMatch(m -> m instanceof ErrorResponse), sql);
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        tusk.close();
    }

    /** The engine's function names, from its own registries (built-in and PostgreSQL-mode functions). */
    private static Set<String> engineFunctions() throws Exception {
        Set<String> names = new TreeSet<>();
        for (String cls : new String[] {"org.h2.expression.function.BuiltinFunctions", "org.h2.mode.FunctionsPostgreSQL"}) {
            Field f = Class.forName(cls).getDeclaredField("FUNCTIONS");
            f.setAccessible(true);
            Object registry = f.get(null);
            Collection<?> keys = registry instanceof Map<?, ?> m ? m.keySet() : (Collection<?>) registry;
            keys.forEach(k -> names.add(k.toString().toLowerCase(Locale.ROOT)));
        }
        assertTrue(names.contains("file_read") && names.contains("csvwrite") && names.size() > 150, names.toString());
        // table functions the engine's parser knows by name
        names.addAll(List.of("system_range", "csvread", "link_schema", "table_distinct"));
        return names;
    }

    /** PostgreSQL 15's function, keyword (COALESCE, GREATEST ... are grammar, not pg_proc) and type names. */
    private static Set<String> postgresNames() throws Exception {
        Set<String> names = new HashSet<>();
        // (uuid('x') and int4('1') are casts: type names count as well)
        for (String file : new String[] {"pg15-functions.txt", "pg15-keywords.tsv", "pg15-types.tsv"}) {
            int column = file.equals("pg15-types.tsv") ? 1 : 0;
            try (BufferedReader in = new BufferedReader(new InputStreamReader(EngineLockdownTest.class.getResourceAsStream(
                    "/dev/tusk/server/engine/h2/" + file), StandardCharsets.UTF_8))) {
                in.lines().filter(l -> !l.startsWith("#")).forEach(l -> names.add(l.split("\t")[column]));
            }
        }
        return names;
    }

    /** The error each way of sending sql gets, as the given role; fails if any succeeds. */
    private static List<ErrorResponse> refused(String user, String sql) throws Exception {
        List<ErrorResponse> errors = new ArrayList<>();
        try (WireClient c = WireClient.tcp(tusk.port(), user, "postgres")) {
            errors.add(error(sql, c.query(sql)));
            new Parse("", sql, new int[0]).encode(c.io.writer());
            new Bind("", "", new short[0], new byte[0][], new short[0]).encode(c.io.writer());
            new Execute("", 0).encode(c.io.writer());
            Sync.INSTANCE.encode(c.io.writer());
            c.io.flush();
            errors.add(error(sql + " (extended)", c.untilReady()));
            List<PgMessage> after = c.query("select 1");
            assertFalse(after.stream().anyMatch(m -> m instanceof ErrorResponse), "the session broke after " + sql);
        }
        assertFalse(Files.exists(probe), "a file was written by " + sql);
        return errors;
    }

    private static ErrorResponse error(String sql, List<PgMessage> answer) {
        for (PgMessage m : answer) {
            if (m instanceof ErrorResponse e) {
                return e;
            }
        }
        return fail("reached the engine: " + sql);
    }

    @Test
    void noEngineFunctionIsReachable() throws Exception {
        Set<String> postgres = postgresNames();
        int tried = 0;
        for (String f : engineFunctions()) {
            if (postgres.contains(f)) {
                continue; // the engine's function of a PostgreSQL name (lower, abs, ...)
            }
            for (String sql : new String[] {"select " + f + "('x')", "select * from " + f + "('x')",
                "select \"" + f.toUpperCase(Locale.ROOT) + "\"('x')", "select pg_catalog." + f + "()"}) {
                for (ErrorResponse e : refused("mallory", sql)) {
                    assertEquals("42883", e.sqlState(), sql + ": " + e.message());
                }
            }
            tried++;
        }
        assertTrue(tried > 60, "engine-only functions tried: " + tried);
    }

    @Test
    void fileAndCommandFunctionsAreRefusedWhereverTheyHide() throws Exception {
        String[] hiding = {
            "select file_read('/etc/hostname')", "SELECT FILE_READ('/etc/hostname')", "select \"FILE_READ\"('/etc/hostname')",
            "select /* a comment */ file_read /* between */ ('/etc/hostname')", "select U&\"file\\005fread\"('/etc/hostname')",
            "select public.file_read('/etc/hostname')", "select file_write('x', 'PROBE')",
            "select * from csvread('/etc/passwd')", "call csvwrite('PROBE', 'select 1')",
            "select csvwrite('PROBE', 'select 1')", "select $$x$$, file_write('x', 'PROBE')",
            "create view lock_v as select file_read('/etc/hostname') as f",
            "create table lock_d1 (a text default file_read('/etc/hostname'))",
            "create table lock_c1 (a text check (file_read(a) is not null))",
            "copy (select file_read('/etc/hostname')) to stdout",
            "with x as (select 1) select file_read('/etc/hostname') from x",
            "explain select file_read('/etc/hostname')", "select (select file_read('/etc/hostname'))",
            "insert into lock_t select length(file_read('/etc/hostname'))", "select link_schema('x', '', 'jdbc:h2:mem:', '', '', 'x')",
            "select abort_session(1)", "select database_path()", "select * from system_range(1, 2)",
        };
        for (String role : new String[] {"mallory", "tusk"}) {
            for (String sql : hiding) {
                for (ErrorResponse e : refused(role, sql.replace("PROBE", probe.toString()))) {
                    assertTrue(Set.of("42883", "42601").contains(e.sqlState()), role + ": " + sql + ": " + e.sqlState() + " " + e.message());
                }
            }
        }
    }

    @Test
    void noEngineTypeIsReachable() throws Exception {
        Set<String> postgres = postgresNames();
        Field registry = Class.forName("org.h2.value.DataType").getDeclaredField("TYPES_BY_NAME");
        registry.setAccessible(true);
        Set<String> engineOnly = new TreeSet<>();
        for (Object name : ((Map<?, ?>) registry.get(null)).keySet()) {
            String first = name.toString().toLowerCase(Locale.ROOT).split(" ")[0];
            if (!postgres.contains(first)) {
                engineOnly.add(first);
            }
        }
        assertTrue(engineOnly.contains("java_object") && engineOnly.contains("other"), engineOnly.toString());
        for (String type : engineOnly) {
            for (String sql : new String[] {"create table type_t (a " + type + ")", "select cast(null as " + type + ")",
                "select 'x'::" + type, "alter table lock_t add column b " + type, "alter table lock_t alter column a type " + type,
                "create domain type_d as " + type}) {
                for (ErrorResponse e : refused("mallory", sql)) {
                    assertTrue(Set.of("42704", "42601").contains(e.sqlState()), sql + ": " + e.sqlState() + " " + e.message());
                }
            }
        }
    }

    @Test
    void noEngineCommandIsReachable() throws Exception {
        Set<String> classified = new HashSet<>(POSTGRES_COMMANDS);
        classified.addAll(ENGINE_COMMANDS.keySet());
        for (Field f : Class.forName("org.h2.command.CommandInterface").getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == int.class) {
                assertTrue(classified.contains(f.getName()), "an engine command nobody classified: " + f.getName());
            }
        }
        Set<String> postgresAnswers = Set.of("42601", "42883", "42P01", "42704", "0A000", "55P02", "22023");
        for (String role : new String[] {"mallory", "tusk"}) {
            for (var command : ENGINE_COMMANDS.entrySet()) {
                for (String sql : command.getValue()) {
                    for (ErrorResponse e : refused(role, sql.replace("PROBE", probe.toString()))) {
                        assertTrue(postgresAnswers.contains(e.sqlState()),
                                role + ", " + command.getKey() + ": " + sql + ": " + e.sqlState() + " " + e.message());
                    }
                }
            }
        }
        try (WireClient c = tusk.connect()) {
            List<PgMessage> r = c.query("select count(*) from lock_t");
            assertNotNull(r);
            assertFalse(r.stream().anyMatch(m -> m instanceof ErrorResponse), "the database no longer answers");
        }
    }
}
