package dev.tusk.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.tusk.protocol.PgWriter;
import dev.tusk.protocol.message.PgMessage;
import dev.tusk.protocol.message.async.ErrorResponse;
import dev.tusk.protocol.message.extended.Bind;
import dev.tusk.protocol.message.extended.BindComplete;
import dev.tusk.protocol.message.extended.Close;
import dev.tusk.protocol.message.extended.CloseComplete;
import dev.tusk.protocol.message.extended.Describe;
import dev.tusk.protocol.message.extended.Execute;
import dev.tusk.protocol.message.extended.NoData;
import dev.tusk.protocol.message.extended.ParameterDescription;
import dev.tusk.protocol.message.extended.Parse;
import dev.tusk.protocol.message.extended.ParseComplete;
import dev.tusk.protocol.message.extended.PortalSuspended;
import dev.tusk.protocol.message.extended.Sync;
import dev.tusk.protocol.message.simple.CommandComplete;
import dev.tusk.protocol.message.simple.DataRow;
import dev.tusk.protocol.message.simple.ReadyForQuery;
import dev.tusk.protocol.message.simple.RowDescription;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The extended query protocol message by message, pipelined as clients send it. */
class ExtendedQueryTest {
    private static final short[] NONE = new short[0];
    private static TestInstallation tusk;

    @BeforeAll
    static void start() throws Exception {
        tusk = TestInstallation.start();
        try (WireClient c = tusk.connect()) {
            c.query("create table ext_t (id int primary key, name text)");
            PostgresMainTest.assertOk(c.query("insert into ext_t select g, 'n' || g from generate_series(1, 10) as g"));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        tusk.close();
    }

    private static List<PgMessage> send(WireClient c, dev.tusk.protocol.message.PgMessage... messages) throws Exception {
        PgWriter w = c.io.writer();
        for (var m : messages) {
            m.encode(w);
        }
        c.io.flush();
        return c.untilReady();
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void describeBeforeBindInfersParameterTypesFromTheirContext() throws Exception {
        try (WireClient c = tusk.connect()) {
            List<PgMessage> r = send(c, new Parse("s1", "select name from ext_t where id = $1", new int[0]),
                    new Describe(Describe.STATEMENT, "s1"), Sync.INSTANCE);
            assertInstanceOf(ParseComplete.class, r.get(0));
            assertArrayEquals(new int[] {23}, ((ParameterDescription) r.get(1)).typeOids(), "$1 compared with an int column");
            assertEquals("name", ((RowDescription) r.get(2)).fields().get(0).name());
            assertEquals(25, ((RowDescription) r.get(2)).fields().get(0).typeOid());
            assertInstanceOf(ReadyForQuery.class, r.get(3));
        }
    }

    @Test
    void bindExecuteWithTextAndBinaryParametersAndBinaryResults() throws Exception {
        try (WireClient c = tusk.connect()) {
            byte[] three = ByteBuffer.allocate(4).putInt(3).array();
            List<PgMessage> r = send(c, new Parse("", "select id, name from ext_t where id = $1 or name = $2", new int[] {23, 25}),
                    new Bind("", "", new short[] {1, 0}, new byte[][] {three, text("n5")}, new short[] {1, 0}),
                    new Describe(Describe.PORTAL, ""), new Execute("", 0), Sync.INSTANCE);
            assertInstanceOf(ParseComplete.class, r.get(0));
            assertInstanceOf(BindComplete.class, r.get(1));
            RowDescription rd = (RowDescription) r.get(2);
            assertEquals(1, rd.fields().get(0).format());
            assertEquals(0, rd.fields().get(1).format());
            DataRow row = (DataRow) r.get(3);
            assertArrayEquals(three, row.values()[0], "binary int4");
            assertEquals("n3", new String(row.values()[1], StandardCharsets.UTF_8));
            assertEquals(new CommandComplete("SELECT 2"), r.get(5));
        }
    }

    @Test
    void rowLimitSuspendsThePortalAndTheNextExecuteResumes() throws Exception {
        try (WireClient c = tusk.connect()) {
            send(c, new dev.tusk.protocol.message.simple.Query("begin"));
            List<PgMessage> r = send(c, new Parse("", "select id from ext_t where id <= 10 order by id", new int[0]),
                    new Bind("cur", "", NONE, new byte[0][], NONE), new Execute("cur", 4), new Execute("cur", 4),
                    new Execute("cur", 4), Sync.INSTANCE);
            long rows = r.stream().filter(m -> m instanceof DataRow).count();
            assertEquals(10, rows);
            assertEquals(2, r.stream().filter(m -> m instanceof PortalSuspended).count());
            assertEquals(new CommandComplete("SELECT 2"), r.get(r.size() - 2), "the last Execute returned the last 2 rows");
            send(c, new dev.tusk.protocol.message.simple.Query("commit"));
        }
    }

    @Test
    void afterAnErrorMessagesAreSkippedUntilSync() throws Exception {
        try (WireClient c = tusk.connect()) {
            List<PgMessage> r = send(c, new Parse("", "select * from no_such_table", new int[0]),
                    new Bind("", "", NONE, new byte[0][], NONE), new Execute("", 0), Sync.INSTANCE);
            assertEquals("42P01", ((ErrorResponse) r.get(0)).sqlState());
            assertEquals(2, r.size(), "Bind and Execute were skipped: the error, then ReadyForQuery");
            assertEquals(new ReadyForQuery(ReadyForQuery.IDLE), r.get(1));
            r = send(c, new Parse("", "select 1", new int[0]), new Bind("", "", NONE, new byte[0][], NONE),
                    new Execute("", 0), Sync.INSTANCE);
            assertEquals(new CommandComplete("SELECT 1"), r.get(3), "the connection is usable after Sync");
        }
    }

    @Test
    void badBindsGetPostgresErrors() throws Exception {
        try (WireClient c = tusk.connect()) {
            List<PgMessage> r = send(c, new Parse("two", "select $1::int + $2::int", new int[0]),
                    new Bind("", "two", NONE, new byte[][] {text("1")}, NONE), Sync.INSTANCE);
            ErrorResponse e = (ErrorResponse) r.get(1);
            assertEquals("08P01", e.sqlState());
            assertEquals("bind message supplies 1 parameters, but prepared statement \"two\" requires 2", e.message());
            r = send(c, new Bind("", "nope", NONE, new byte[0][], NONE), Sync.INSTANCE);
            assertEquals("26000", ((ErrorResponse) r.get(0)).sqlState());
            r = send(c, new Execute("nope", 0), Sync.INSTANCE);
            assertEquals("34000", ((ErrorResponse) r.get(0)).sqlState());
            r = send(c, new Bind("", "two", new short[] {7}, new byte[][] {text("1"), text("2")}, NONE), Sync.INSTANCE);
            assertEquals("unsupported format code: 7", ((ErrorResponse) r.get(0)).message());
            // eight bytes for a binary int4: the statement's error, and the session goes on (PostgreSQL's 22P03)
            r = send(c, new Bind("", "two", new short[] {1}, new byte[][] {new byte[8], new byte[8]}, NONE), Sync.INSTANCE);
            assertEquals("22P03", ((ErrorResponse) r.get(0)).sqlState());
            assertEquals("incorrect binary data format in bind parameter 1", ((ErrorResponse) r.get(0)).message());
            r = send(c, new Parse("two", "select 1", new int[0]), Sync.INSTANCE);
            assertEquals("42P05", ((ErrorResponse) r.get(0)).sqlState());
            r = send(c, new Close(Close.STATEMENT, "two"), new Close(Close.STATEMENT, "two"), Sync.INSTANCE);
            assertInstanceOf(CloseComplete.class, r.get(0));
            assertInstanceOf(CloseComplete.class, r.get(1), "closing what does not exist is not an error");
        }
    }

    @Test
    void utilityStatementsAndDmlThroughTheExtendedProtocol() throws Exception {
        try (WireClient c = tusk.connect()) {
            List<PgMessage> r = send(c, new Parse("", "insert into ext_t values ($1, $2)", new int[0]),
                    new Bind("", "", NONE, new byte[][] {text("100"), text("x")}, NONE), new Describe(Describe.PORTAL, ""),
                    new Execute("", 0), Sync.INSTANCE);
            assertInstanceOf(NoData.class, r.get(2));
            assertEquals(new CommandComplete("INSERT 0 1"), r.get(3));
            r = send(c, new Parse("", "show application_name", new int[0]), new Bind("", "", NONE, new byte[0][], NONE),
                    new Describe(Describe.PORTAL, ""), new Execute("", 0), Sync.INSTANCE);
            assertEquals("application_name", ((RowDescription) r.get(2)).fields().get(0).name());
            assertEquals(new CommandComplete("SHOW"), r.get(4));
        }
    }

    @Test
    void aStatementWhoseTableChangedShapeFailsAsInPostgres() throws Exception {
        try (WireClient c = tusk.connect()) {
            c.query("create table shape_change_t (a int)");
            c.query("insert into shape_change_t values (1)");
            List<PgMessage> r = send(c, new Parse("sel", "select * from shape_change_t", new int[0]),
                    new Bind("", "sel", NONE, new byte[0][], NONE), new Execute("", 0), Sync.INSTANCE);
            assertEquals(new CommandComplete("SELECT 1"), r.get(3));
            c.query("alter table shape_change_t add column b text");
            r = send(c, new Bind("", "sel", NONE, new byte[0][], NONE), new Execute("", 0), Sync.INSTANCE);
            ErrorResponse e = (ErrorResponse) r.get(1);
            assertEquals("0A000", e.sqlState());
            assertEquals("cached plan must not change result type", e.message());
            r = send(c, new Parse("sel2", "select * from shape_change_t", new int[0]),
                    new Bind("", "sel2", NONE, new byte[0][], NONE), new Execute("", 0), Sync.INSTANCE);
            assertEquals(2, ((DataRow) r.get(2)).values().length, "a new statement sees the new shape");
        }
    }
}
