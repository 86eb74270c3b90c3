package dev.tusk.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tusk.protocol.message.PgMessage;
import dev.tusk.protocol.message.async.ErrorResponse;
import dev.tusk.protocol.message.async.NoticeResponse;
import dev.tusk.protocol.message.simple.CommandComplete;
import dev.tusk.protocol.message.simple.DataRow;
import dev.tusk.protocol.message.simple.EmptyQueryResponse;
import dev.tusk.protocol.message.simple.ReadyForQuery;
import dev.tusk.protocol.message.simple.RowDescription;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The message loop and simple query protocol, message by message, as PostgreSQL 15 answers them. */
class PostgresMainTest {
    private static TestInstallation tusk;

    @BeforeAll
    static void start() throws Exception {
        tusk = TestInstallation.start("max_message_size = 100000");
    }

    @AfterAll
    static void stop() throws Exception {
        tusk.close();
    }

    @Test
    void selectAnswersRowDescriptionDataRowsTagAndReady() throws Exception {
        try (WireClient c = tusk.connect()) {
            List<PgMessage> r = c.query("select 1 as a, 'x' as b, true as c, null::int as d");
            RowDescription rd = (RowDescription) r.get(0);
            assertEquals(List.of("a", "b", "c", "d"), rd.fields().stream().map(RowDescription.Field::name).toList());
            assertEquals(23, rd.fields().get(0).typeOid());
            assertEquals(16, rd.fields().get(2).typeOid());
            DataRow row = (DataRow) r.get(1);
            assertEquals("1", text(row, 0));
            assertEquals("t", text(row, 2));
            assertNull(row.values()[3]);
            assertEquals(new CommandComplete("SELECT 1"), r.get(2));
            assertEquals(new ReadyForQuery(ReadyForQuery.IDLE), r.get(3));
        }
    }

    @Test
    void commandTagsAreExactlyPostgres() throws Exception {
        try (WireClient c = tusk.connect()) {
            assertEquals("CREATE TABLE", tag(c.query("create table tags_t (id int primary key, v text)")));
            assertEquals("INSERT 0 3", tag(c.query("insert into tags_t values (1,'a'),(2,'b'),(3,'c')")));
            assertEquals("UPDATE 2", tag(c.query("update tags_t set v = 'z' where id > 1")));
            assertEquals("DELETE 1", tag(c.query("delete from tags_t where id = 1")));
            assertEquals("SELECT 2", tag(c.query("select * from tags_t")));
            assertEquals("TRUNCATE TABLE", tag(c.query("truncate tags_t")));
            assertEquals("DROP TABLE", tag(c.query("drop table tags_t")));
        }
    }

    @Test
    void emptyQueryGetsEmptyQueryResponse() throws Exception {
        try (WireClient c = tusk.connect()) {
            List<PgMessage> r = c.query("  ;  ");
            assertInstanceOf(EmptyQueryResponse.class, r.get(0));
            assertInstanceOf(ReadyForQuery.class, r.get(1));
        }
    }

    @Test
    void multiStatementQueryIsOneImplicitTransaction() throws Exception {
        try (WireClient c = tusk.connect()) {
            c.query("create table implicit_t (id int)");
            List<PgMessage> r = c.query("insert into implicit_t values (1); select 1/0; insert into implicit_t values (2)");
            assertEquals("INSERT 0 1", ((CommandComplete) r.get(0)).tag());
            assertEquals("22012", ((ErrorResponse) r.get(1)).sqlState());
            assertEquals(new ReadyForQuery(ReadyForQuery.IDLE), r.get(2));
            List<PgMessage> count = c.query("select count(*) from implicit_t");
            assertEquals("0", text((DataRow) count.get(1), 0), "the error rolled back the whole query string");
        }
    }

    @Test
    void transactionStatusAndFailedBlock() throws Exception {
        try (WireClient c = tusk.connect()) {
            assertEquals(ReadyForQuery.IN_TRANSACTION, ready(c.query("begin")));
            List<PgMessage> r = c.query("select nosuchcolumn");
            assertEquals(ReadyForQuery.FAILED, ready(r));
            r = c.query("select 1");
            ErrorResponse e = (ErrorResponse) r.get(0);
            assertEquals("25P02", e.sqlState());
            assertEquals("current transaction is aborted, commands ignored until end of transaction block", e.message());
            assertEquals("ROLLBACK", tag(c.query("commit")));
            assertEquals(ReadyForQuery.IDLE, ready(c.query("select 1")));
        }
    }

    @Test
    void errorsCarrySqlstateAndPosition() throws Exception {
        try (WireClient c = tusk.connect()) {
            ErrorResponse e = (ErrorResponse) c.query("select * from nowhere").get(0);
            assertEquals("42P01", e.sqlState());
            assertEquals("relation \"nowhere\" does not exist", e.message());
            assertEquals("15", e.fields().get('P'));
            e = (ErrorResponse) c.query("selec 1").get(0);
            assertEquals("42601", e.sqlState());
            assertEquals("1", e.fields().get('P'));
            c.query("create table dup_t (id int primary key)");
            c.query("insert into dup_t values (1)");
            e = (ErrorResponse) c.query("insert into dup_t values (1)").get(0);
            assertEquals("23505", e.sqlState());
            assertEquals("duplicate key value violates unique constraint \"dup_t_pkey\"", e.message());
            assertEquals("Key (id)=(1) already exists.", e.fields().get('D'));
        }
    }

    @Test
    void dropIfExistsOfMissingTableIsANotice() throws Exception {
        try (WireClient c = tusk.connect()) {
            List<PgMessage> r = c.query("drop table if exists not_here");
            NoticeResponse n = (NoticeResponse) r.get(0);
            assertEquals("table \"not_here\" does not exist, skipping", n.message());
            assertEquals("DROP TABLE", tag(r));
        }
    }

    @Test
    void ddlInsideABlockRollsBack() throws Exception {
        try (WireClient c = tusk.connect()) {
            c.query("begin");
            c.query("create table rolled_back_t (a int)");
            c.query("insert into rolled_back_t values (1)");
            c.query("rollback");
            ErrorResponse e = (ErrorResponse) c.query("select * from rolled_back_t").get(0);
            assertEquals("42P01", e.sqlState());
        }
    }

    @Test
    void ddlAfterDataChangesInABlockKeepsThemUncommittedAndRollsBackWithThem() throws Exception {
        try (WireClient c = tusk.connect()) {
            c.query("create table kept_t (a int)");
            c.query("begin");
            c.query("insert into kept_t values (1)");
            assertEquals("CREATE TABLE", tag(c.query("create table other_t (a int)")));
            assertEquals("INSERT 0 1", tag(c.query("insert into other_t values (2)")));
            try (WireClient other = tusk.connect()) {
                assertEquals("0", text((DataRow) other.query("select count(*) from kept_t").get(1), 0),
                        "the insert before the DDL is still uncommitted");
            }
            c.query("rollback");
            assertEquals("0", text((DataRow) c.query("select count(*) from kept_t").get(1), 0));
            assertEquals("42P01", ((ErrorResponse) c.query("select * from other_t").get(0)).sqlState());
        }
    }

    @Test
    void dropTableInABlockRollsBackAndCommits() throws Exception {
        try (WireClient c = tusk.connect()) {
            c.query("create table dropped_t (a int primary key)");
            c.query("insert into dropped_t values (1), (2)");
            c.query("begin");
            assertEquals("DROP TABLE", tag(c.query("drop table dropped_t")));
            assertEquals("42P01", ((ErrorResponse) c.query("select * from dropped_t").get(0)).sqlState());
            c.query("rollback");
            assertEquals("2", text((DataRow) c.query("select count(*) from dropped_t").get(1), 0), "rows are back");

            c.query("begin");
            c.query("drop table dropped_t");
            c.query("create table dropped_t (b text)");
            c.query("insert into dropped_t values ('new')");
            c.query("commit");
            assertEquals("new", text((DataRow) c.query("select b from dropped_t").get(1), 0));
            assertEquals("0", text((DataRow) c.query(
                    "select count(*) from information_schema.tables where table_name like 'tusk$dropped$%'").get(1), 0),
                    "the dropped table is gone for good after commit");
        }
    }

    @Test
    void ddlThatCannotBeUndoneIsRefusedInABlockNotCommitted() throws Exception {
        try (WireClient c = tusk.connect()) {
            c.query("create table shape_t (a int, b int)");
            c.query("begin");
            ErrorResponse e = (ErrorResponse) c.query("alter table shape_t drop column b").get(0);
            assertEquals("25001", e.sqlState());
            c.query("rollback");
            assertEquals("SELECT 0", tag(c.query("select b from shape_t")), "the column is still there");
        }
    }

    @Test
    void dropOfAReferencedTableIsRefusedAsInPostgres() throws Exception {
        try (WireClient c = tusk.connect()) {
            c.query("create table parent_t (id int primary key)");
            c.query("create table child_t (pid int references parent_t(id))");
            c.query("begin");
            ErrorResponse e = (ErrorResponse) c.query("drop table parent_t").get(0);
            assertEquals("2BP01", e.sqlState());
            assertEquals("cannot drop table parent_t because other objects depend on it", e.message());
            c.query("rollback");
        }
    }

    @Test
    void ddlOnATableChangedInTheSameBlockIsRefusedNotCommitted() throws Exception {
        try (WireClient c = tusk.connect()) {
            c.query("create table changed_t (a int)");
            c.query("begin");
            c.query("insert into changed_t values (1)");
            ErrorResponse e = (ErrorResponse) c.query("alter table changed_t add column b int").get(0);
            assertEquals("0A000", e.sqlState());
            assertEquals(ReadyForQuery.FAILED, ready(c.query("select 1")));
            c.query("rollback");
            assertEquals("0", text((DataRow) c.query("select count(*) from changed_t").get(1), 0));
        }
    }

    @Test
    void setReportsParameterStatusAndShowReadsIt() throws Exception {
        try (WireClient c = tusk.connect()) {
            List<PgMessage> r = c.query("set application_name = 'tests'");
            assertEquals(new dev.tusk.protocol.message.async.ParameterStatus("application_name", "tests"), r.get(0));
            r = c.query("show application_name");
            assertEquals("tests", text((DataRow) r.get(1), 0));
            ErrorResponse e = (ErrorResponse) c.query("show no_such_setting").get(0);
            assertEquals("42704", e.sqlState());
        }
    }

    @Test
    void statementTimeoutCancelsALongStatement() throws Exception {
        try (WireClient c = tusk.connect()) {
            assertEquals("SET", tag(c.query("set statement_timeout = '200ms'")));
            ErrorResponse e = (ErrorResponse) c.query("select max(random()) from generate_series(1, 2000000000)").get(0);
            assertEquals("57014", e.sqlState());
            assertEquals("canceling statement due to statement timeout", e.message());
            assertEquals("RESET", tag(c.query("reset statement_timeout")));
            assertEquals("SELECT 1", tag(c.query("select 1")));
        }
    }

    @Test
    void unknownMessageTypeIsFatal() throws Exception {
        try (WireClient c = tusk.connect()) {
            c.rawOut.write(new byte[] {'Y', 0, 0, 0, 4});
            c.rawOut.flush();
            ErrorResponse e = (ErrorResponse) c.read();
            assertEquals("FATAL", e.severity());
            assertEquals("08P01", e.sqlState());
            assertNull(c.read());
        }
        try (WireClient other = tusk.connect()) {
            assertEquals("SELECT 1", tag(other.query("select 1")), "the postmaster and other sessions go on");
        }
    }

    @Test
    void messageOverTheConfiguredMaximumIsRefusedBeforeItsBodyIsRead() throws Exception {
        try (WireClient c = tusk.connect()) {
            // claims 1 GiB and sends nothing more: refused on the length alone
            c.rawOut.write(new byte[] {'Q', 0x3f, (byte) 0xff, (byte) 0xff, (byte) 0xff});
            c.rawOut.flush();
            ErrorResponse e = (ErrorResponse) c.read();
            assertEquals("08P01", e.sqlState());
            assertEquals("invalid message length", e.message());
        }
    }

    @Test
    void truncatedBodyIsAProtocolViolation() throws Exception {
        try (WireClient c = tusk.connect()) {
            // a Query whose string is not NUL-terminated
            c.rawOut.write(new byte[] {'Q', 0, 0, 0, 6, 'a', 'b'});
            c.rawOut.flush();
            ErrorResponse e = (ErrorResponse) c.read();
            assertEquals("08P01", e.sqlState());
        }
    }

    static String text(DataRow row, int i) {
        return new String(row.values()[i], StandardCharsets.UTF_8);
    }

    static String tag(List<PgMessage> r) {
        for (PgMessage m : r) {
            if (m instanceof CommandComplete cc) {
                return cc.tag();
            }
            if (m instanceof ErrorResponse e) {
                return "ERROR " + e.sqlState() + " " + e.message();
            }
        }
        return null;
    }

    static byte ready(List<PgMessage> r) {
        return ((ReadyForQuery) r.get(r.size() - 1)).status();
    }

    static void assertOk(List<PgMessage> r) {
        assertTrue(r.stream().noneMatch(m -> m instanceof ErrorResponse), r.toString());
    }
}
