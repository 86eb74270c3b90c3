package dev.tusk.server.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits a query string into statements and parses each one's root (cf. gram.y's stmtmulti and
 * the utility-statement rules): transaction control, settings and database commands fully, since
 * Tusk carries them out itself; other statements as far as their command kind and object type,
 * leaving the rest of the tree to the engine's SQL generator.
 */
public final class Parser {
    private static final Set<String> CREATE_MODIFIERS = Set.of("or", "replace", "temp", "temporary", "local",
            "global", "unlogged", "unique", "recursive", "trusted", "procedural", "default", "constraint");
    /** Objects whose CREATE the engine cannot carry out: functions are H2's Java aliases, not SQL. */
    private static final Set<String> UNSUPPORTED_OBJECTS = Set.of("FUNCTION", "PROCEDURE", "TRIGGER", "LANGUAGE",
            "EVENT TRIGGER", "AGGREGATE", "OPERATOR");
    /** The objects whose CREATE/ALTER/DROP the engine carries out. */
    private static final Set<String> ENGINE_OBJECTS = Set.of("TABLE", "VIEW", "INDEX", "SEQUENCE", "SCHEMA", "TYPE",
            "DOMAIN", "MATERIALIZED VIEW");
    /**
     * The other objects of PostgreSQL's grammar (cf. gram.y's CreateStmt family): Tusk has none yet, so their
     * DDL is 0A000; a word on neither list is a syntax error, as in PostgreSQL (the engine's own objects too).
     */
    private static final Set<String> OTHER_OBJECTS = Set.of("AGGREGATE", "CAST", "COLLATION", "CONVERSION",
            "EVENT TRIGGER", "FOREIGN DATA WRAPPER", "FOREIGN TABLE", "FUNCTION", "LANGUAGE", "OPERATOR",
            "OPERATOR CLASS", "OPERATOR FAMILY", "POLICY", "PROCEDURE", "PUBLICATION", "ROUTINE", "RULE", "SERVER",
            "STATISTICS", "SUBSCRIPTION", "TABLESPACE", "TEXT SEARCH", "TRANSFORM", "TRIGGER", "USER MAPPING",
            "ACCESS METHOD", "DEFAULT", "SYSTEM", "LARGE", "OWNED", "DATABASE", "EXTENSION");
    private static final Set<String> TWO_WORD_OBJECTS = Set.of("materialized", "foreign", "event", "text",
            "access", "operator", "user");

    private final String sql;
    final List<Token> tokens;
    private int from;
    int pos;
    int end;

    private Parser(String sql, List<Token> tokens) {
        this.sql = sql;
        this.tokens = tokens;
    }

    /** Parses every statement of a (possibly multi-statement) query string; empty statements are dropped. */
    public static List<Statement> parse(String sql) {
        List<Token> tokens = Lexer.tokenize(sql);
        Parser p = new Parser(sql, tokens);
        List<Statement> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= tokens.size(); i++) {
            if (i == tokens.size() || tokens.get(i).isPunct(';')) {
                if (i > start) {
                    out.add(p.statement(start, i));
                }
                start = i + 1;
            }
        }
        return out;
    }

    private Statement statement(int from, int to) {
        this.from = from;
        pos = from;
        end = to;
        String text = sql.substring(tokens.get(from).start(), tokens.get(to - 1).end());
        Token first = tokens.get(from);
        if (first.is(TokenType.PUNCT) && first.text().equals("(")) {
            return engine(text, CommandKind.SELECT, null);
        }
        if (!first.is(TokenType.IDENT)) {
            throw syntaxError(first);
        }
        String word = first.value();
        pos++;
        switch (word) {
            case "select": case "values": case "table": return engine(text, CommandKind.SELECT, null);
            case "with": return engine(text, mainVerbAfterWith(), null);
            case "insert": return engine(text, CommandKind.INSERT, null);
            case "update": return engine(text, CommandKind.UPDATE, null);
            case "delete": return engine(text, CommandKind.DELETE, null);
            case "merge": return engine(text, CommandKind.MERGE, null);
            case "create": return create(text);
            case "alter": {
                if (peekWord("default") && pos + 1 < end && tokens.get(pos + 1).isWord("privileges")) {
                    pos += 2;
                    return PrivilegeParser.defaults(this, text);
                }
                int objectAt = pos;
                String object = objectType();
                if (object.equals("ROLE") || object.equals("GROUP")) {
                    return RoleParser.attributes(this, text, Statement.RoleAction.ALTER, false);
                }
                if (object.equals("DATABASE") && end - pos == 4 && tokens.get(pos + 1).isWord("owner")
                        && tokens.get(pos + 2).isWord("to")) {
                    String database = nameToken().value();
                    pos += 2;
                    return new Statement.AlterDatabaseOwner(text, database, name());
                }
                pos = objectAt;
                return ddl(text, CommandKind.ALTER, objectType(), objectAt);
            }
            case "drop": return drop(text);
            case "reassign": {
                // REASSIGN OWNED BY role [, ...] TO role
                expectWord("owned");
                expectWord("by");
                List<String> owners = RoleParser.names(this);
                expectWord("to");
                String newOwner = name();
                expectEnd();
                return new Statement.RoleCommand(text, Statement.RoleAction.REASSIGN_OWNED, owners, java.util.Map.of(),
                        List.of(newOwner), false);
            }
            case "truncate": return engine(text, CommandKind.TRUNCATE, null);
            case "comment": return engine(text, CommandKind.COMMENT, null);
            case "grant":
                return containsTopLevelWord("on") ? PrivilegeParser.grant(this, text, true, false) : RoleParser.grant(this, text, true);
            case "revoke":
                return containsTopLevelWord("on") ? PrivilegeParser.grant(this, text, false, false) : RoleParser.grant(this, text, false);
            case "explain": return engine(text, CommandKind.EXPLAIN, null);
            case "call": return engine(text, CommandKind.CALL, null);
            case "lock": return engine(text, CommandKind.LOCK, null);
            case "begin": return begin(text, "BEGIN");
            case "start": expectWord("transaction"); return begin(text, "START TRANSACTION");
            case "commit": case "end": return commit(text);
            case "rollback": case "abort": return rollback(text);
            case "savepoint":
                return new Statement.Transaction(text, Statement.TransactionKind.SAVEPOINT, name(), "SAVEPOINT");
            case "release":
                optionalWord("savepoint");
                return new Statement.Transaction(text, Statement.TransactionKind.RELEASE, name(), "RELEASE");
            case "set": return set(text);
            case "show": return show(text);
            case "reset":
                if (peekWord("session") && pos + 1 < end && tokens.get(pos + 1).isWord("authorization")) {
                    pos += 2;
                    expectEnd();
                    return new Statement.ResetVariable(text, "session_authorization");
                }
                return new Statement.ResetVariable(text, variableName());
            case "discard": return new Statement.Discard(text, word().toUpperCase(Locale.ROOT));
            case "vacuum": return new Statement.NoOp(text, "VACUUM");
            case "analyze": case "analyse": return new Statement.NoOp(text, "ANALYZE");
            case "checkpoint": expectEnd(); return new Statement.NoOp(text, "CHECKPOINT");
            case "listen": return new Statement.Listen(text, nameAndEnd(), true);
            case "unlisten":
                if (pos < end && tokens.get(pos).isOp("*")) {
                    pos++;
                    expectEnd();
                    return new Statement.Listen(text, null, false);
                }
                return new Statement.Listen(text, nameAndEnd(), false);
            case "notify": {
                String channel = name();
                String payload = "";
                if (pos < end && tokens.get(pos).isPunct(',')) {
                    pos++;
                    if (pos >= end || !tokens.get(pos).is(TokenType.STRING)) {
                        throw syntaxError(pos < end ? tokens.get(pos) : null);
                    }
                    payload = tokens.get(pos++).value();
                }
                expectEnd();
                return new Statement.Notify(text, channel, payload);
            }
            case "copy": return copy(text);
            case "prepare": case "execute": case "deallocate":
                return new Statement.Unsupported(text, "SQL-level PREPARE/EXECUTE");
            case "do": return new Statement.Unsupported(text, "DO");
            case "declare": case "fetch": case "move": case "close": return new Statement.Unsupported(text, "cursors");
            default: throw syntaxError(first);
        }
    }

    private EngineStatement engine(String text, CommandKind kind, String objectType) {
        int terminator = end < tokens.size() ? tokens.get(end).start() : -1;
        return new EngineStatement(text, List.copyOf(tokens.subList(from, end)), kind, objectType, terminator);
    }

    private Statement create(String text) {
        while (pos < end && tokens.get(pos).is(TokenType.IDENT) && CREATE_MODIFIERS.contains(tokens.get(pos).value())) {
            pos++;
        }
        int objectAt = pos;
        String object = objectType();
        if (object.equals("DATABASE")) {
            Token name = nameToken();
            String owner = null;
            for (int i = pos; i + 1 < end; i++) {
                if (tokens.get(i).isWord("owner")) {
                    int at = tokens.get(i + 1).is(TokenType.OPERATOR) && tokens.get(i + 1).text().equals("=") ? i + 2 : i + 1;
                    if (at < end && (tokens.get(at).is(TokenType.IDENT) || tokens.get(at).is(TokenType.QUOTED_IDENT))) {
                        owner = tokens.get(at).value();
                    }
                }
            }
            return new Statement.CreateDatabase(text, name.value(), name.start(), owner);
        }
        if (object.equals("ROLE") || object.equals("GROUP")) {
            // CREATE USER is CREATE ROLE ... LOGIN
            return RoleParser.attributes(this, text, Statement.RoleAction.CREATE, tokens.get(objectAt).isWord("user"));
        }
        if (object.equals("TABLE") && containsTopLevelWord("as")) {
            return engine(text, CommandKind.CREATE_TABLE_AS, object);
        }
        if (object.equals("EXTENSION")) {
            boolean ifNotExists = optionalWord("if");
            if (ifNotExists) {
                expectWord("not");
                expectWord("exists");
            }
            return new Statement.Extension(text, true, ifNotExists, List.of(nameToken().value()));
        }
        if (UNSUPPORTED_OBJECTS.contains(object)) {
            return new Statement.Unsupported(text, "CREATE " + object);
        }
        return ddl(text, CommandKind.CREATE, object, objectAt);
    }

    private Statement drop(String text) {
        if (optionalWord("owned")) {
            // DROP OWNED BY role [, ...] [CASCADE | RESTRICT]
            expectWord("by");
            List<String> roles = RoleParser.names(this);
            boolean cascade = optionalWord("cascade");
            if (!cascade) {
                optionalWord("restrict");
            }
            expectEnd();
            return new Statement.RoleCommand(text, Statement.RoleAction.DROP_OWNED, roles,
                    cascade ? java.util.Map.of("cascade", "true") : java.util.Map.of(), List.of(), false);
        }
        int save = pos;
        String object = objectType();
        if (object.equals("EXTENSION")) {
            boolean ifExists = optionalWord("if");
            if (ifExists) {
                expectWord("exists");
            }
            List<String> names = new ArrayList<>();
            names.add(nameToken().value());
            while (pos < end && tokens.get(pos).isPunct(',')) {
                pos++;
                names.add(nameToken().value());
            }
            return new Statement.Extension(text, false, ifExists, names);
        }
        if (object.equals("DATABASE")) {
            boolean ifExists = optionalWord("if");
            if (ifExists) {
                expectWord("exists");
            }
            Token name = nameToken();
            return new Statement.DropDatabase(text, name.value(), ifExists, name.start());
        }
        if (object.equals("ROLE") || object.equals("GROUP")) {
            boolean ifExists = optionalWord("if");
            if (ifExists) {
                expectWord("exists");
            }
            return new Statement.RoleCommand(text, Statement.RoleAction.DROP, RoleParser.names(this), java.util.Map.of(), List.of(),
                    ifExists);
        }
        pos = save;
        return ddl(text, CommandKind.DROP, objectType(), save);
    }

    /** DDL of an object the engine keeps, or PostgreSQL's answer for the rest. */
    private Statement ddl(String text, CommandKind kind, String object, int objectAt) {
        if (ENGINE_OBJECTS.contains(object)) {
            return engine(text, kind, object);
        }
        if (OTHER_OBJECTS.contains(object)) {
            return new Statement.Unsupported(text, kind.name() + " " + object);
        }
        throw syntaxError(tokens.get(objectAt));
    }


    /** The object keyword(s) after CREATE/ALTER/DROP, upper-cased as PostgreSQL's tags spell them. */
    private String objectType() {
        String w = word();
        if (TWO_WORD_OBJECTS.contains(w) && pos < end && tokens.get(pos).is(TokenType.IDENT)) {
            String second = tokens.get(pos).value();
            if (w.equals("user") && !second.equals("mapping")) {
                return "ROLE";
            }
            pos++;
            if (w.equals("foreign") && second.equals("data")) {
                pos++; // wrapper
                return "FOREIGN DATA WRAPPER";
            }
            return (w + " " + second).toUpperCase(Locale.ROOT);
        }
        if (w.equals("user") || w.equals("group")) {
            return "ROLE";
        }
        return w.toUpperCase(Locale.ROOT);
    }

    /** After WITH [RECURSIVE] name [(cols)] AS [NOT] [MATERIALIZED] (...), ...: the main statement's verb. */
    private CommandKind mainVerbAfterWith() {
        int depth = 0;
        for (int i = pos; i < end; i++) {
            Token t = tokens.get(i);
            if (t.isPunct('(')) {
                depth++;
            } else if (t.isPunct(')')) {
                depth--;
            } else if (depth == 0 && t.is(TokenType.IDENT) && i > pos && tokens.get(i - 1).isPunct(')')) {
                switch (t.value()) {
                    case "insert": return CommandKind.INSERT;
                    case "update": return CommandKind.UPDATE;
                    case "delete": return CommandKind.DELETE;
                    case "merge": return CommandKind.MERGE;
                    default: return CommandKind.SELECT;
                }
            }
        }
        return CommandKind.SELECT;
    }

    private boolean containsTopLevelWord(String w) {
        return Tokens.topLevelWord(tokens, pos, end, w) >= 0;
    }

    /** COPY, in PostgreSQL's current option syntax and the pre-9.0 one (WITH CSV HEADER, DELIMITER 'x'). */
    private Statement copy(String text) {
        String table = null;
        EngineStatement query = null;
        List<String> columns = new ArrayList<>();
        if (pos < end && tokens.get(pos).isPunct('(')) {
            int close = closing(pos);
            Parser inner = new Parser(sql, tokens);
            Statement st = inner.statement(pos + 1, close);
            if (!(st instanceof EngineStatement es)) {
                throw syntaxError(tokens.get(pos + 1));
            }
            query = es;
            pos = close + 1;
        } else {
            StringBuilder name = new StringBuilder(name());
            while (pos + 1 < end && tokens.get(pos).isPunct('.')) {
                pos++;
                name.append('.').append(name());
            }
            table = name.toString();
            if (pos < end && tokens.get(pos).isPunct('(')) {
                int close = closing(pos);
                for (int i = pos + 1; i < close; i++) {
                    if (!tokens.get(i).isPunct(',')) {
                        columns.add(tokens.get(i).value());
                    }
                }
                pos = close + 1;
            }
        }
        boolean from;
        if (optionalWord("from")) {
            from = true;
        } else {
            expectWord("to");
            from = false;
        }
        String file = null;
        if (!optionalWord(from ? "stdin" : "stdout")) {
            if (pos < end && tokens.get(pos).is(TokenType.STRING)) {
                file = tokens.get(pos++).value();
            } else {
                throw syntaxError(pos < end ? tokens.get(pos) : null);
            }
        }
        java.util.Map<String, String> options = new java.util.LinkedHashMap<>();
        optionalWord("with");
        if (pos < end && tokens.get(pos).isPunct('(')) {
            int close = closing(pos);
            for (int i = pos + 1; i < close; i++) {
                String name = tokens.get(i).value().toLowerCase(java.util.Locale.ROOT);
                String value = "true";
                if (i + 1 < close && tokens.get(i + 1).isPunct('(')) {
                    // a column list, e.g. FORCE_QUOTE (a, b): kept as comma-separated names
                    int listEnd = closing(i + 1);
                    StringBuilder names = new StringBuilder();
                    for (int k = i + 2; k < listEnd; k++) {
                        if (!tokens.get(k).isPunct(',')) {
                            names.append(names.length() > 0 ? "," : "").append(tokens.get(k).value());
                        }
                    }
                    value = names.toString();
                    i = listEnd;
                } else if (i + 1 < close && !tokens.get(i + 1).isPunct(',')) {
                    value = tokens.get(++i).value();
                }
                options.put(name, value);
                if (i + 1 < close && tokens.get(i + 1).isPunct(',')) {
                    i++;
                }
            }
            pos = close + 1;
        } else {
            while (pos < end) { // legacy: CSV, HEADER, BINARY, DELIMITER [AS] 'x', NULL [AS] 'x', QUOTE [AS] 'x' ...
                String w = word();
                switch (w) {
                    case "csv": case "binary": options.put("format", w); break;
                    case "header": options.put("header", "true"); break;
                    default:
                        optionalWord("as");
                        if (pos >= end) {
                            throw syntaxError(null);
                        }
                        options.put(w, tokens.get(pos++).value());
                }
            }
        }
        expectEnd();
        return new Statement.Copy(text, table, columns, query, from, file, options);
    }

    private String nameAndEnd() {
        String n = name();
        expectEnd();
        return n;
    }

    private int closing(int open) {
        int close = Tokens.matching(tokens, open);
        if (close >= end || !tokens.get(close).isPunct(')')) {
            throw syntaxError(null);
        }
        return close;
    }

    private Statement begin(String text, String tag) {
        optionalWord("work");
        optionalWord("transaction");
        return new Statement.Transaction(text, Statement.TransactionKind.BEGIN, null, tag, TransactionModes.parse(this, ""));
    }

    private Statement commit(String text) {
        if (optionalWord("prepared")) {
            return new Statement.Unsupported(text, "two-phase commit");
        }
        optionalWord("work");
        optionalWord("transaction");
        if (optionalWord("and")) {
            return new Statement.Unsupported(text, "COMMIT AND CHAIN");
        }
        expectEnd();
        return new Statement.Transaction(text, Statement.TransactionKind.COMMIT, null, "COMMIT");
    }

    private Statement rollback(String text) {
        if (optionalWord("prepared")) {
            return new Statement.Unsupported(text, "two-phase commit");
        }
        optionalWord("work");
        optionalWord("transaction");
        if (optionalWord("to")) {
            optionalWord("savepoint");
            return new Statement.Transaction(text, Statement.TransactionKind.ROLLBACK_TO, name(), "ROLLBACK");
        }
        if (optionalWord("and")) {
            return new Statement.Unsupported(text, "ROLLBACK AND CHAIN");
        }
        expectEnd();
        return new Statement.Transaction(text, Statement.TransactionKind.ROLLBACK, null, "ROLLBACK");
    }

    private Statement set(String text) {
        boolean local = optionalWord("local");
        if (!local) {
            optionalWord("session");
        }
        if (optionalWord("transaction")) {
            return new Statement.SetTransaction(text, TransactionModes.parse(this, ""));
        }
        if (optionalWord("characteristics")) {
            expectWord("as");
            expectWord("transaction");
            return new Statement.SetTransaction(text, TransactionModes.parse(this, "default_"));
        }
        if (optionalWord("time")) {
            expectWord("zone");
            return new Statement.SetVariable(text, "timezone", values(), local);
        }
        if (optionalWord("names")) {
            return new Statement.SetVariable(text, "client_encoding", values(), local);
        }
        if (optionalWord("schema")) {
            return new Statement.SetVariable(text, "search_path", values(), local);
        }
        if (optionalWord("role")) {
            return new Statement.SetVariable(text, "role", values(), local);
        }
        if (peekWord("session") || peekWord("authorization")) {
            optionalWord("session");
            expectWord("authorization");
            return new Statement.SetVariable(text, "session_authorization", values(), local);
        }
        String name = variableName();
        if (pos < end && (tokens.get(pos).isWord("to") || tokens.get(pos).isOp("="))) {
            pos++;
        } else {
            throw syntaxError(pos < end ? tokens.get(pos) : null);
        }
        return new Statement.SetVariable(text, name, values(), local);
    }

    /** The value list of SET: null for DEFAULT, otherwise each value flattened to its text. */
    private List<String> values() {
        if (pos < end && tokens.get(pos).isWord("default") && pos + 1 == end) {
            return null;
        }
        if (pos < end && tokens.get(pos).isWord("local") && pos + 1 == end) {
            return null; // SET TIME ZONE LOCAL
        }
        List<String> values = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (; pos < end; pos++) {
            Token t = tokens.get(pos);
            if (t.isPunct(',')) {
                values.add(current.toString());
                current.setLength(0);
            } else if (t.is(TokenType.OPERATOR) && (t.text().equals("-") || t.text().equals("+"))) {
                current.append(t.text().equals("-") ? "-" : "");
            } else if (t.is(TokenType.IDENT) || t.is(TokenType.QUOTED_IDENT) || t.is(TokenType.STRING)
                    || t.is(TokenType.NUMBER)) {
                current.append(t.value());
            } else if (t.isWord("interval")) {
                continue;
            } else {
                throw syntaxError(t);
            }
        }
        if (current.length() == 0 && values.isEmpty()) {
            throw syntaxError(null);
        }
        values.add(current.toString());
        return values;
    }

    private Statement show(String text) {
        if (optionalWord("time")) {
            expectWord("zone");
            return new Statement.ShowVariable(text, "timezone");
        }
        if (optionalWord("transaction")) {
            expectWord("isolation");
            expectWord("level");
            return new Statement.ShowVariable(text, "transaction_isolation");
        }
        if (optionalWord("session")) {
            expectWord("authorization");
            return new Statement.ShowVariable(text, "session_authorization");
        }
        String name = variableName();
        expectEnd();
        return new Statement.ShowVariable(text, name);
    }

    /** A setting name, possibly qualified (custom.option); lower-cased as PostgreSQL does. */
    private String variableName() {
        StringBuilder sb = new StringBuilder(name());
        while (pos + 1 < end && tokens.get(pos).isPunct('.')) {
            pos++;
            sb.append('.').append(name());
        }
        return sb.toString();
    }

    String word() {
        if (pos >= end || !tokens.get(pos).is(TokenType.IDENT)) {
            throw syntaxError(pos < end ? tokens.get(pos) : null);
        }
        return tokens.get(pos++).value();
    }

    String name() {
        return nameToken().value();
    }

    private Token nameToken() {
        if (pos >= end || !(tokens.get(pos).is(TokenType.IDENT) || tokens.get(pos).is(TokenType.QUOTED_IDENT))) {
            throw syntaxError(pos < end ? tokens.get(pos) : null);
        }
        return tokens.get(pos++);
    }

    boolean peekWord(String w) {
        return pos < end && tokens.get(pos).isWord(w);
    }

    boolean optionalWord(String w) {
        if (peekWord(w)) {
            pos++;
            return true;
        }
        return false;
    }

    void expectWord(String w) {
        if (!optionalWord(w)) {
            throw syntaxError(pos < end ? tokens.get(pos) : null);
        }
    }

    private void expectEnd() {
        if (pos < end) {
            throw syntaxError(tokens.get(pos));
        }
    }

    /** PostgreSQL's message: at or near the offending token, or "at end of input". */
    SqlSyntaxException syntaxError(Token t) {
        if (t == null) {
            int at = pos < tokens.size() ? tokens.get(pos).start() : sql.length();
            if (pos < tokens.size() && tokens.get(pos).isPunct(';')) {
                return new SqlSyntaxException("syntax error at or near \";\"", at);
            }
            return new SqlSyntaxException("syntax error at end of input", at);
        }
        return new SqlSyntaxException("syntax error at or near \"" + t.text() + "\"", t.start());
    }
}
