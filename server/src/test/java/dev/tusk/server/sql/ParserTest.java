package dev.tusk.server.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Statement splitting and the roots the parser recognises. */
class ParserTest {
    @Test
    void splitsAtTopLevelSemicolonsOnly() {
        List<Statement> s = Parser.parse("select ';'; ; insert into t values (1);");
        assertEquals(2, s.size());
        assertEquals("select ';'", s.get(0).text());
        assertEquals(CommandKind.INSERT, ((EngineStatement) s.get(1)).kind());
    }

    @Test
    void commandKindsGiveTheTags() {
        assertEquals("CREATE TABLE", ((EngineStatement) Parser.parse("create temp table t (a int)").get(0)).tag(0));
        assertEquals("CREATE INDEX", ((EngineStatement) Parser.parse("create unique index i on t (a)").get(0)).tag(0));
        assertEquals("SELECT 3", ((EngineStatement) Parser.parse("create table t2 as select 1").get(0)).tag(3));
        assertEquals("INSERT 0 2", ((EngineStatement) Parser.parse("with x as (select 1) insert into t select * from x")
                .get(0)).tag(2));
        assertEquals("DROP MATERIALIZED VIEW", ((EngineStatement) Parser.parse("drop materialized view v").get(0)).tag(0));
    }

    @Test
    void transactionAndSettings() {
        Statement.Transaction t = (Statement.Transaction) Parser.parse("ROLLBACK TO SAVEPOINT sp1").get(0);
        assertEquals(Statement.TransactionKind.ROLLBACK_TO, t.kind());
        assertEquals("sp1", t.savepoint());
        Statement.SetVariable set = (Statement.SetVariable) Parser.parse("set search_path to a, \"B\"").get(0);
        assertEquals(List.of("a", "B"), set.values());
        assertEquals("timezone", ((Statement.SetVariable) Parser.parse("set time zone 'UTC'").get(0)).name());
        assertNull(((Statement.SetVariable) Parser.parse("set statement_timeout = default").get(0)).values());
        assertEquals("transaction_isolation", ((Statement.ShowVariable) Parser.parse("show transaction isolation level")
                .get(0)).name());
    }

    @Test
    void copyOptionsInBothSyntaxes() {
        Statement.Copy c = (Statement.Copy) Parser.parse("copy s.t (a, b) from stdin with (format csv, header, force_not_null (a, b))")
                .get(0);
        assertEquals("s.t", c.table());
        assertEquals(List.of("a", "b"), c.columns());
        assertEquals(Map.of("format", "csv", "header", "true", "force_not_null", "a,b"), c.options());
        Statement.Copy legacy = (Statement.Copy) Parser.parse("copy t to stdout with csv header delimiter as '|'").get(0);
        assertEquals(Map.of("format", "csv", "header", "true", "delimiter", "|"), legacy.options());
        assertInstanceOf(EngineStatement.class, ((Statement.Copy) Parser.parse("copy (select 1) to stdout").get(0)).query());
    }

    @Test
    void syntaxErrorsNameTheTokenAndItsOffset() {
        SqlSyntaxException e = assertThrows(SqlSyntaxException.class, () -> Parser.parse("selec 1"));
        assertEquals("syntax error at or near \"selec\"", e.getMessage());
        assertEquals(0, e.offset());
        e = assertThrows(SqlSyntaxException.class, () -> Parser.parse("commit work now"));
        assertEquals("syntax error at or near \"now\"", e.getMessage());
    }

    @Test
    void roleStatements() {
        Statement.RoleCommand create = (Statement.RoleCommand) Parser.parse("create user alice with password 'pw' superuser").get(0);
        assertEquals(Statement.RoleAction.CREATE, create.action());
        assertEquals(Map.of("login", "true", "password", "pw", "superuser", "true"), create.attributes());
        Statement.RoleCommand role = (Statement.RoleCommand) Parser.parse("CREATE ROLE readers NOLOGIN").get(0);
        assertEquals("false", role.attributes().get("login"));
        Statement.RoleCommand grant = (Statement.RoleCommand) Parser.parse("grant pg_read_server_files, readers to alice, bob").get(0);
        assertEquals(List.of("pg_read_server_files", "readers"), grant.names());
        assertEquals(List.of("alice", "bob"), grant.members());
        Statement.GrantPrivileges privileges = (Statement.GrantPrivileges) Parser.parse(
                "grant select, insert (a, b) on s.t, u to public, alice with grant option").get(0);
        assertEquals(List.of(new Statement.Privilege("select", List.of()), new Statement.Privilege("insert", List.of("a", "b"))),
                privileges.privileges());
        assertEquals(List.of(new Statement.ObjectName("s", "t"), new Statement.ObjectName(null, "u")), privileges.objects());
        assertEquals(List.of("public", "alice"), privileges.grantees());
        assertEquals(true, privileges.grantOption());
        Statement.GrantPrivileges revoke = (Statement.GrantPrivileges) Parser.parse(
                "revoke grant option for all privileges on all tables in schema s from bob cascade").get(0);
        assertEquals(List.of(), revoke.privileges());
        assertEquals(List.of("s"), revoke.inSchemas());
        assertEquals(true, revoke.grantOption() && revoke.cascade());
        Statement.AlterDefaultPrivileges defaults = (Statement.AlterDefaultPrivileges) Parser.parse(
                "alter default privileges for role a in schema s grant select on tables to b").get(0);
        assertEquals(List.of("a"), defaults.roles());
        assertEquals("TABLE", defaults.action().objectType());
        Statement.RoleCommand drop = (Statement.RoleCommand) Parser.parse("drop role if exists a, b").get(0);
        assertEquals(List.of("a", "b"), drop.names());
        assertEquals(true, drop.ifExists());
        assertThrows(RuntimeException.class, () -> Parser.parse("create role x frobnicate"));
    }
}
