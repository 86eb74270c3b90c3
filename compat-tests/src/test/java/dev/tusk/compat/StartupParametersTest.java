package dev.tusk.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tusk.protocol.BackendMessage;
import dev.tusk.protocol.PgConnectionIO;
import dev.tusk.protocol.message.Messages;
import dev.tusk.protocol.message.PgMessage;
import dev.tusk.protocol.message.async.ErrorResponse;
import dev.tusk.protocol.message.simple.DataRow;
import dev.tusk.protocol.message.simple.Query;
import dev.tusk.protocol.message.simple.ReadyForQuery;
import dev.tusk.protocol.message.startup.StartupMessage;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Startup parameters grant nothing SQL would refuse: the same startup packets (raw, and through
 * pgjdbc) sent by an ordinary role to PostgreSQL 15 and to Tusk, with the same assertions: role
 * escalation and replication refused (FATAL 42501), options applied as SET would, unknown
 * parameters refused, custom ones set.
 */
class StartupParametersTest extends BothServers {

    @BeforeAll
    static void ordinaryRole() throws Exception {
        for (String url : new String[] {pg.jdbcUrl("postgres"), tusk.jdbcUrl("postgres")}) {
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                s.execute("create role alice login");
            }
        }
    }

    private static int port(String server) {
        return server.equals("pg") ? pg.port : tusk.port();
    }

    /** What a raw connection as alice with these extra parameters ends in: the error, or the answers to the query. */
    private record Outcome(ErrorResponse error, String value) {
    }

    private static Outcome connect(String server, Map<String, String> extra, String query) throws IOException {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("user", "alice");
        params.put("database", "postgres");
        params.putAll(extra);
        try (Socket socket = new Socket("127.0.0.1", port(server))) {
            PgConnectionIO io = new PgConnectionIO(new BufferedInputStream(socket.getInputStream()), socket.getOutputStream());
            new StartupMessage(StartupMessage.PROTOCOL_3_0, params).encode(io.writer());
            io.flush();
            ErrorResponse error = untilReady(io);
            if (error != null) {
                return new Outcome(error, null);
            }
            new Query(query).encode(io.writer());
            io.flush();
            StringBuilder values = new StringBuilder();
            ErrorResponse failed = null;
            while (true) {
                BackendMessage t = io.readBackend();
                PgMessage m = Messages.decodeBackend(t, io.body());
                if (m instanceof DataRow row) {
                    values.append(values.length() > 0 ? "|" : "").append(new String(row.values()[0], StandardCharsets.UTF_8));
                } else if (m instanceof ErrorResponse e) {
                    failed = e;
                } else if (m instanceof ReadyForQuery) {
                    return new Outcome(failed, values.toString());
                }
            }
        }
    }

    /** Reads the startup reply: null once ReadyForQuery came, or the error the server ended with. */
    private static ErrorResponse untilReady(PgConnectionIO io) throws IOException {
        while (true) {
            BackendMessage t = io.readBackend();
            assertNotNull(t, "the server closed the connection without a reply");
            PgMessage m = Messages.decodeBackend(t, io.body());
            if (m instanceof ErrorResponse e) {
                return e;
            }
            if (m instanceof ReadyForQuery) {
                return null;
            }
        }
    }

    private static void assertFatal(String sqlState, String message, Outcome o) {
        assertNotNull(o.error(), "connection should have been refused");
        assertEquals("FATAL", o.error().severity());
        assertEquals(sqlState, o.error().sqlState(), o.error().message());
        assertEquals(message, o.error().message());
    }

    @ParameterizedTest
    @ValueSource(strings = {"pg", "tusk"})
    void roleParameterCannotEscalate(String server) throws Exception {
        assertFatal("42501", "permission denied to set role \"postgres\"",
                connect(server, Map.of("role", "postgres"), "select current_user"));
        assertFatal("42501", "permission denied to set role \"postgres\"",
                connect(server, Map.of("options", "-c role=postgres"), "select current_user"));
        assertFatal("42501", "permission denied to set session authorization \"postgres\"",
                connect(server, Map.of("session_authorization", "postgres"), "select current_user"));
        assertEquals("alice", connect(server, Map.of("role", "none"), "select current_user").value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"pg", "tusk"})
    void replicationNeedsAReplicationRole(String server) throws Exception {
        for (String v : new String[] {"database", "true", "1"}) {
            assertFatal("42501", "must be superuser or replication role to start walsender",
                    connect(server, Map.of("replication", v), "select 1"));
        }
        assertFatal("22023", "invalid value for parameter \"replication\": \"maybe\"",
                connect(server, Map.of("replication", "maybe"), "select 1"));
        assertEquals("1", connect(server, Map.of("replication", "off"), "select 1").value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"pg", "tusk"})
    void optionsAreAppliedAsSetWould(String server) throws Exception {
        assertEquals("1234ms", connect(server, Map.of("options", "-c statement_timeout=1234"),
                "show statement_timeout").value());
        assertEquals("5s|a b", connect(server, Map.of("options", "--statement-timeout=5s -capplication_name=a\\ b"),
                "select current_setting('statement_timeout') union all select current_setting('application_name')").value());
        assertFatal("42501", "permission denied to set parameter \"log_statement\"",
                connect(server, Map.of("options", "-c log_statement=all"), "select 1"));
        assertFatal("55P02", "parameter \"port\" cannot be changed without restarting the server",
                connect(server, Map.of("options", "-c port=1"), "select 1"));
        assertFatal("22023", "parameter \"geqo\" requires a Boolean value",
                connect(server, Map.of("options", "-c geqo=maybe"), "select 1"));
        assertFatal("42601", "-c geqo requires a value", connect(server, Map.of("options", "-c geqo"), "select 1"));
        assertFatal("42601", "invalid command-line argument for server process: -x",
                connect(server, Map.of("options", "-x"), "select 1"));
        assertEquals("off", connect(server, Map.of("options", "-c geqo=of"), "show geqo").value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"pg", "tusk"})
    void unknownParametersAreRefusedAndCustomOnesSet(String server) throws Exception {
        assertFatal("42704", "unrecognized configuration parameter \"no_such_setting\"",
                connect(server, Map.of("no_such_setting", "1"), "select 1"));
        assertEquals("5", connect(server, Map.of("my.custom", "5"), "show my.custom").value());
        assertEquals("off", connect(server, Map.of("jit", "off"), "show jit").value());
        assertFatal("42501", "permission denied to set parameter \"log_connections\"",
                connect(server, Map.of("log_connections", "on"), "select 1"));
        Outcome afterStart = connect(server, Map.of(), "set log_connections = on");
        assertEquals("55P02", afterStart.error().sqlState());
        assertEquals("parameter \"log_connections\" cannot be set after connection start", afterStart.error().message());
    }

    @ParameterizedTest
    @ValueSource(strings = {"pg", "tusk"})
    void pgjdbcParametersArrive(String server) throws Exception {
        Properties p = new Properties();
        p.setProperty("user", "alice");
        p.setProperty("currentSchema", "alice_schema,public");
        p.setProperty("options", "-c statement_timeout=4321 -c DateStyle=ISO,\\ YMD");
        p.setProperty("assumeMinServerVersion", "9.4"); // its settings travel in the startup packet
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port(server)
                + "/postgres", p);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select current_setting('application_name'), current_setting('search_path'),"
                     + " current_setting('statement_timeout'), current_setting('DateStyle'), current_user")) {
            rs.next();
            assertEquals("alice_schema,public", rs.getString(2));
            assertEquals("4321ms", rs.getString(3));
            assertEquals("ISO, YMD", rs.getString(4));
            assertEquals("alice", rs.getString(5));
        }
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port(server)
                + "/postgres?user=alice&ApplicationName=startup-test");
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select current_setting('application_name')")) {
            rs.next();
            assertEquals("startup-test", rs.getString(1));
        }
        p.setProperty("options", "-c role=postgres");
        SQLException refused = assertThrows(SQLException.class,
                () -> DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port(server) + "/postgres", p));
        assertEquals("42501", refused.getSQLState());
        p.remove("options");
        p.setProperty("replication", "database");
        p.setProperty("preferQueryMode", "simple");
        SQLException replication = assertThrows(SQLException.class,
                () -> DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port(server) + "/postgres", p));
        assertEquals("42501", replication.getSQLState());
    }
}
