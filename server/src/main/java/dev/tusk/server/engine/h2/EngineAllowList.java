package dev.tusk.server.engine.h2;

import dev.tusk.protocol.SqlState;
import dev.tusk.server.error.PgException;
import dev.tusk.server.sql.CommandKind;
import dev.tusk.server.sql.EngineStatement;
import dev.tusk.server.sql.Token;
import dev.tusk.server.sql.TokenType;
import dev.tusk.server.sql.Tokens;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What of a statement may reach the engine. H2 has functions, table functions and clauses of its
 * own that read and write the server's files, run Java and reach other sessions; PostgreSQL's
 * analyzer answers 42883 for a function it does not know before anything runs (cf. parse_func.c
 * ParseFuncOrColumn), so Tusk does the same before any of a statement's SQL is generated:
 * <ul>
 *   <li>a call ({@code name(}, quoted or not, qualified or not) may name only a PostgreSQL 15
 *       function (pg15-functions.txt, captured from the real server) or a PostgreSQL keyword
 *       (which the grammar reads as a construct: {@code IN (}, {@code VALUES (}, type modifiers);
 *       a name followed by {@code (} where PostgreSQL's grammar has a relation, alias, column or CTE
 *       name is not a call, and the engine does not read it as one either;</li>
 *   <li>CALL names a procedure, and Tusk has none: 42883 for every CALL;</li>
 *   <li>{@code information_schema.x} may name only PostgreSQL 15's information_schema relations and domains;</li>
 *   <li>ALTER TABLE and CREATE TABLE clauses that only the engine has (its table engines by Java
 *       class, switching referential integrity off, selectivity, visibility) are syntax errors.</li>
 * </ul>
 * An allow-list by construction: a function, table function or clause added by a new engine
 * version is refused until it is on PostgreSQL's list. Stateless and thread-safe.
 */
final class EngineAllowList {
    private static final Set<String> FUNCTIONS = names("pg15-functions.txt");
    private static final Set<String> INFORMATION_SCHEMA = names("pg15-information-schema.txt");
    private static final Set<String> KEYWORDS = firstColumn("pg15-keywords.tsv", 0);
    /** PostgreSQL 15's type names: {@code int4('1')} and {@code regrole('x')} are casts (cf. func_get_detail). */
    private static final Set<String> TYPES = firstColumn("pg15-types.tsv", 1);
    /**
     * The first words of the engine's type names that PostgreSQL has no type of (its JAVA_OBJECT deserializes,
     * the rest are other dialects'): in a type position they are 42704, as an unknown type is in PostgreSQL.
     * EngineLockdownTest reads the engine's own type registry and fails on any name missing here.
     */
    private static final Set<String> ENGINE_ONLY_TYPES = Set.of("binary", "blob", "clob", "decfloat", "enum", "geometry", "image",
            "java_object", "long", "longblob", "longnvarchar", "longtext", "longvarbinary", "longvarchar", "mediumblob",
            "mediumint", "mediumtext", "nclob", "ntext", "nvarchar", "nvarchar2", "object", "other", "raw", "signed",
            "tinyblob", "tinyint", "tinytext", "varbinary", "varchar2", "varchar_casesensitive", "varchar_ignorecase");
    /** Words before {@code name(} that make it a relation, type or alias name rather than a call. */
    private static final Set<String> NAME_BEFORE = Set.of("into", "table", "references", "view", "exists", "as", "type");
    /** PostgreSQL's ALTER TABLE ... ALTER [COLUMN] c actions (cf. gram.y alter_column_default and siblings). */
    private static final Set<String> ALTER_COLUMN_ACTIONS = Set.of("type", "set", "drop", "add", "reset", "restart",
            "options", "using");
    /** What may follow ALTER COLUMN c SET. */
    private static final Set<String> ALTER_COLUMN_SET = Set.of("data", "default", "not", "statistics", "storage",
            "compression", "generated", "increment", "start", "restart", "maxvalue", "minvalue", "no", "cycle",
            "cache", "owned", "sequence");
    /** What may follow ALTER TABLE t SET. */
    private static final Set<String> ALTER_TABLE_SET = Set.of("schema", "tablespace", "logged", "unlogged",
            "without", "access", "with");
    /** What may follow a CREATE TABLE's column list (cf. gram.y OptInherit, OptPartitionSpec, OptWith ...). */
    private static final Set<String> AFTER_COLUMNS = Set.of("inherits", "partition", "using", "with", "without", "on",
            "tablespace", "as", "server");

    private EngineAllowList() {
    }

    /** Throws PostgreSQL's error for the first thing in st that PostgreSQL would not accept as a name. */
    static void check(EngineStatement st) {
        List<Token> t = st.tokens();
        if (st.kind() == CommandKind.CALL) {
            int name = 1;
            while (name + 2 < t.size() && t.get(name + 1).isPunct('.')) {
                name += 2;
            }
            throw undefined("procedure", t, 1, name);
        }
        for (int i = 0; i < t.size(); i++) {
            Token x = t.get(i);
            if (!(x.is(TokenType.IDENT) || x.is(TokenType.QUOTED_IDENT))) {
                continue;
            }
            if (x.is(TokenType.IDENT) && i > 0 && ENGINE_ONLY_TYPES.contains(x.value()) && isTypePosition(st, t, i)) {
                throw new PgException(SqlState.UNDEFINED_OBJECT, "type \"" + x.value() + "\" does not exist")
                        .position(x.start() + 1);
            }
            if (i + 1 == t.size()) {
                break;
            }
            Token next = t.get(i + 1);
            if (next.isPunct('(') && !allowed(t, i)) {
                throw undefined("function", t, qualifiedStart(t, i), i);
            }
            if (x.value().toLowerCase(Locale.ROOT).equals("information_schema") && next.isPunct('.') && i + 2 < t.size()
                    && !(i + 3 < t.size() && t.get(i + 3).isPunct('(')) // its functions (_pg_expandarray) are calls
                    && !INFORMATION_SCHEMA.contains(t.get(i + 2).value().toLowerCase(Locale.ROOT))) {
                throw new PgException(SqlState.UNDEFINED_TABLE, "relation \"information_schema."
                        + t.get(i + 2).value() + "\" does not exist").position(x.start() + 1);
            }
        }
        if (st.kind() == CommandKind.ALTER && "TABLE".equals(st.objectType())) {
            alterTable(t);
        } else if (st.kind() == CommandKind.ALTER && "DOMAIN".equals(st.objectType())) {
            alterDomain(t);
        } else if (st.kind() == CommandKind.CREATE && "TABLE".equals(st.objectType())) {
            createTable(t);
        }
    }

    /** Whether the name at i, followed by '(', may go to the engine. */
    private static boolean allowed(List<Token> t, int i) {
        String name = t.get(i).value().toLowerCase(Locale.ROOT);
        if (FUNCTIONS.contains(name) || TYPES.contains(name) || (t.get(i).is(TokenType.IDENT) && KEYWORDS.contains(name))) {
            return true;
        }
        int start = qualifiedStart(t, i);
        if (start == 0) {
            return false;
        }
        Token before = t.get(start - 1);
        if (before.is(TokenType.QUOTED_IDENT) || before.isPunct(')')) {
            return true; // an alias's column list: (VALUES ...) v(a), FROM f() "x"(a)
        }
        if (before.is(TokenType.IDENT) && NAME_BEFORE.contains(before.value())) {
            return true;
        }
        if (before.isWord("on") || before.isWord("using") || before.isWord("only")) {
            // CREATE INDEX ... ON [ONLY] t (a) / USING btree (a); EXCLUDE USING gist (a WITH &&)
            return isCreateIndex(t) || (before.isWord("using") && start >= 2 && t.get(start - 2).isWord("exclude"));
        }
        if (before.isWord("by") && start >= 2 && t.get(start - 2).isWord("partition") && t.get(0).isWord("create")
                && Tokens.depthBetween(t, 0, start) == 0) {
            return true; // CREATE TABLE ... PARTITION BY LIST (a) / HASH (a); a window's PARTITION BY is in brackets
        }
        // WITH x(a) AS (...), y(b) AS (...): a CTE's column list
        int close = Tokens.matching(t, i + 1);
        return close + 2 < t.size() && t.get(close + 1).isWord("as")
                && (t.get(close + 2).isPunct('(') || t.get(close + 2).isWord("not") || t.get(close + 2).isWord("materialized"));
    }

    /**
     * Whether the word at i stands where PostgreSQL's grammar has a type name: after {@code ::}, after
     * CAST(... AS, after TYPE (ALTER COLUMN c TYPE t), after AS in CREATE DOMAIN, or after a column's name
     * in a CREATE TABLE / CREATE TYPE column list or ALTER TABLE ADD [COLUMN].
     */
    private static boolean isTypePosition(EngineStatement st, List<Token> t, int i) {
        Token before = t.get(i - 1);
        if (before.text().equals("::") || before.isWord("type")) {
            return true;
        }
        if (before.isWord("as")) {
            int depth = 0;
            for (int j = i - 2; j >= 0; j--) {
                if (t.get(j).isPunct(')')) {
                    depth++;
                } else if (t.get(j).isPunct('(') && depth-- == 0) {
                    return j > 0 && t.get(j - 1).isWord("cast");
                }
            }
            return st.kind() == CommandKind.CREATE && "DOMAIN".equals(st.objectType());
        }
        if (i >= 2 && (before.is(TokenType.IDENT) || before.is(TokenType.QUOTED_IDENT))) {
            Token previous = t.get(i - 2);
            boolean ddl = st.kind() == CommandKind.CREATE || st.kind() == CommandKind.ALTER;
            return ddl && (previous.isPunct('(') || previous.isPunct(',') || previous.isWord("add") || previous.isWord("column"));
        }
        return false;
    }

    private static boolean isCreateIndex(List<Token> t) {
        return t.get(0).isWord("create") && Tokens.topLevelWord(t, 1, Math.min(t.size(), 4), "index") > 0;
    }

    /** The first token of the dotted name ending at i. */
    private static int qualifiedStart(List<Token> t, int i) {
        while (i >= 2 && t.get(i - 1).isPunct('.')
                && (t.get(i - 2).is(TokenType.IDENT) || t.get(i - 2).is(TokenType.QUOTED_IDENT))) {
            i -= 2;
        }
        return i;
    }

    /** PostgreSQL's "function f(integer, unknown) does not exist", the argument types as far as the tokens tell. */
    private static PgException undefined(String what, List<Token> t, int from, int name) {
        StringBuilder sql = new StringBuilder();
        for (int i = from; i <= name; i++) {
            Token x = t.get(i);
            String v = x.value();
            sql.append(x.is(TokenType.QUOTED_IDENT) && !v.matches("[a-z_][a-z0-9_$]*") ? '"' + v.replace("\"", "\"\"") + '"' : v);
        }
        sql.append('(');
        if (name + 1 < t.size() && t.get(name + 1).isPunct('(')) {
            int close = Tokens.matching(t, name + 1);
            List<String> types = new ArrayList<>();
            int argStart = name + 2;
            int depth = 0;
            for (int i = name + 2; i <= close; i++) {
                Token x = t.get(i);
                if (i == close || (depth == 0 && x.isPunct(','))) {
                    if (i > argStart) {
                        types.add(argumentType(t, argStart, i));
                    }
                    argStart = i + 1;
                } else if (x.isPunct('(') || x.isPunct('[')) {
                    depth++;
                } else if (x.isPunct(')') || x.isPunct(']')) {
                    depth--;
                }
            }
            sql.append(String.join(", ", types));
        }
        sql.append(')');
        return new PgException(SqlState.UNDEFINED_FUNCTION, what + " " + sql + " does not exist")
                .hint("No " + what + " matches the given name and argument types. You might need to add explicit type casts.")
                .position(t.get(from).start() + 1);
    }

    private static String argumentType(List<Token> t, int from, int to) {
        int cast = -1;
        int depth = 0;
        for (int i = from; i < to; i++) {
            Token x = t.get(i);
            if (x.isPunct('(') || x.isPunct('[')) {
                depth++;
            } else if (x.isPunct(')') || x.isPunct(']')) {
                depth--;
            } else if (depth == 0 && x.text().equals("::")) {
                cast = i;
            }
        }
        if (cast > 0) {
            return PgTypeLabels.sqlName(PgTypeLabels.label(t, cast + 1, to));
        }
        if (to - from != 1) {
            return "unknown";
        }
        Token x = t.get(from);
        if (x.is(TokenType.NUMBER)) {
            String n = x.text();
            if (n.contains(".") || n.contains("e") || n.contains("E")) {
                return "numeric";
            }
            try {
                long v = Long.parseLong(n);
                return v == (int) v ? "integer" : "bigint";
            } catch (NumberFormatException e) {
                return "numeric";
            }
        }
        if (x.isWord("true") || x.isWord("false")) {
            return "boolean";
        }
        return "unknown";
    }

    /** ALTER TABLE: the engine's own actions (SET REFERENTIAL_INTEGRITY, SELECTIVITY, visibility, ON UPDATE) are refused. */
    private static void alterTable(List<Token> t) {
        int depth = 0;
        for (int i = 2; i + 1 < t.size(); i++) {
            Token x = t.get(i);
            if (x.isPunct('(')) {
                depth++;
            } else if (x.isPunct(')')) {
                depth--;
            }
            if (depth != 0) {
                continue;
            }
            if (x.isWord("alter") && !t.get(i + 1).isWord("constraint")) {
                int action = t.get(i + 1).isWord("column") ? i + 3 : i + 2;
                if (action < t.size() && !ALTER_COLUMN_ACTIONS.contains(t.get(action).value())) {
                    throw syntaxError(t.get(action));
                }
                if (action + 1 < t.size() && t.get(action).isWord("set") && !t.get(action + 1).isPunct('(')
                        && !ALTER_COLUMN_SET.contains(t.get(action + 1).value())) {
                    throw syntaxError(t.get(action + 1));
                }
                if (action + 2 < t.size() && t.get(action).isWord("set") && t.get(action + 1).isWord("default")
                        && t.get(action + 2).isWord("on")) {
                    throw syntaxError(t.get(action + 2)); // the engine's DEFAULT ON NULL
                }
            } else if (x.isWord("set") && (t.get(i - 1).isPunct(',') || endsTableName(t, i - 1))
                    && !t.get(i + 1).isPunct('(') && !ALTER_TABLE_SET.contains(t.get(i + 1).value())) {
                throw syntaxError(t.get(i + 1));
            }
        }
    }

    /** ALTER DOMAIN d SET/DROP: only PostgreSQL's DEFAULT, NOT NULL, SCHEMA and CONSTRAINT (the engine's ON UPDATE is refused). */
    private static void alterDomain(List<Token> t) {
        int action = 3; // ALTER DOMAIN name: the action follows the (possibly qualified) name
        while (action + 1 < t.size() && t.get(action).isPunct('.')) {
            action += 2;
        }
        if (action + 1 >= t.size()) {
            return;
        }
        Token verb = t.get(action);
        Token what = t.get(action + 1);
        if ((verb.isWord("set") && !(what.isWord("default") || what.isWord("not") || what.isWord("schema")))
                || (verb.isWord("drop") && !(what.isWord("default") || what.isWord("not") || what.isWord("constraint")))) {
            throw syntaxError(what);
        }
        if (verb.isWord("set") && what.isWord("default") && action + 2 < t.size() && t.get(action + 2).isWord("on")) {
            throw syntaxError(t.get(action + 2));
        }
    }

    /** Whether index i ends the table name of ALTER TABLE [IF EXISTS] [ONLY] name. */
    private static boolean endsTableName(List<Token> t, int i) {
        int start = qualifiedStart(t, i);
        return start >= 2 && (t.get(start - 1).isWord("table") || t.get(start - 1).isWord("exists")
                || t.get(start - 1).isWord("only"));
    }

    /** CREATE TABLE: after the column list only PostgreSQL's clauses (the engine's ENGINE "class" is refused). */
    private static void createTable(List<Token> t) {
        int open = Tokens.topLevelWord(t, 0, t.size(), "table");
        while (open >= 0 && open < t.size() && !t.get(open).isPunct('(')) {
            if (t.get(open).isWord("as") || t.get(open).isWord("of") || t.get(open).isWord("partition")) {
                return;
            }
            open++;
        }
        if (open < 0 || open >= t.size()) {
            return;
        }
        int close = Tokens.matching(t, open);
        if (close + 1 < t.size() && !AFTER_COLUMNS.contains(t.get(close + 1).value())) {
            throw syntaxError(t.get(close + 1));
        }
    }

    private static PgException syntaxError(Token at) {
        return new PgException(SqlState.SYNTAX_ERROR, "syntax error at or near \"" + at.text() + "\"").position(at.start() + 1);
    }

    private static Set<String> names(String resource) {
        Set<String> names = new HashSet<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                EngineAllowList.class.getResourceAsStream(resource), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (!line.isEmpty() && !line.startsWith("#")) {
                    names.add(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(names);
    }

    private static Set<String> firstColumn(String resource, int column) {
        Set<String> words = new HashSet<>();
        for (String line : names(resource)) {
            words.add(line.split("\t", -1)[column]);
        }
        return Set.copyOf(words);
    }
}
