package dev.tusk.server.engine.h2;

import dev.tusk.protocol.SqlState;
import dev.tusk.server.catalog.Acl;
import dev.tusk.server.error.PgException;
import dev.tusk.server.sql.EngineStatement;
import dev.tusk.server.sql.Lexer;
import dev.tusk.server.sql.Token;
import dev.tusk.server.sql.TokenType;
import java.lang.reflect.Field;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.h2.command.CommandContainer;
import org.h2.command.Prepared;
import org.h2.engine.DbObject;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcPreparedStatement;
import org.h2.schema.Sequence;
import org.h2.table.Column;
import org.h2.table.Table;
import org.h2.table.TableView;

/**
 * The privileges a statement needs before it runs (cf. ExecCheckRTPerms): SELECT on every relation it
 * reads, INSERT/UPDATE/DELETE/TRUNCATE on what it changes (and SELECT there too when it reads the
 * target's columns or returns them), USAGE on the schemas of all of them, the sequence privileges
 * of nextval/currval/setval, and for a view, its owner's SELECT on what the view reads. Column
 * privileges stand in for a table's when they cover every column the statement names.
 *
 * <p>What a statement reads is what the engine resolved it to (H2's dependencies of the prepared
 * statement) among the relations the statement's own text names; what a view reads is the same for
 * the view's query. So an alias or a view's inner table is never checked against the wrong role, and a
 * relation the text names is always checked. Belongs to its session's thread.
 */
final class PrivilegeCheck {
    private static final Field COMMAND = field(JdbcPreparedStatement.class, "command");
    private static final Field PREPARED = field(CommandContainer.class, "prepared");

    /**
     * Moves whenever privileges may have changed anywhere (GRANT, REVOKE, DDL, role changes, and the
     * commit or rollback of a transaction that did any of those): a statement that passed its check
     * under one value need not be checked again until it moves.
     */
    private static final java.util.concurrent.atomic.AtomicLong EPOCH = new java.util.concurrent.atomic.AtomicLong();
    /** Statements that passed (the prepared statement, or the engine SQL run unprepared), for whom, under which epoch; bounded. */
    private final java.util.Map<Object, Passed> passed = new java.util.HashMap<>();

    private record Passed(String user, long epoch) {
    }

    private final ObjectPrivileges privileges;
    private final SessionLocal h2;

    static void invalidate() {
        EPOCH.incrementAndGet();
    }

    static long epoch() {
        return EPOCH.get();
    }

    /** The search path changed: the same text may name other relations. */
    void forgetPassed() {
        passed.clear();
    }

    PrivilegeCheck(ObjectPrivileges privileges, SessionLocal h2) {
        this.privileges = privileges;
        this.h2 = h2;
    }

    private static Field field(Class<?> c, String name) {
        try {
            Field f = c.getDeclaredField(name);
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The engine's parsed form of a prepared statement. */
    private static Prepared prepared(PreparedStatement ps) {
        try {
            Object command = COMMAND.get(ps.unwrap(JdbcPreparedStatement.class));
            return (Prepared) PREPARED.get(command);
        } catch (ReflectiveOperationException | SQLException | ClassCastException e) {
            // fail closed: a statement whose reads cannot be known does not run for a non-superuser
            throw new PgException(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied: cannot check this statement's privileges");
        }
    }

    /**
     * Fails with 42501 unless the current user may run st, whose engine form is ps; key names the
     * statement for the cache of checks passed (ps itself when it is kept prepared, else its SQL).
     */
    void check(EngineStatement st, PreparedStatement ps, Object key) {
        String user = currentUser();
        long epoch = EPOCH.get();
        Passed before = passed.get(key);
        if (before != null && before.epoch() == epoch && before.user().equals(user)) {
            return;
        }
        checkNow(st, ps, user);
        if (passed.size() >= 512) {
            passed.clear();
        }
        passed.put(key, new Passed(user, epoch));
    }

    private void checkNow(EngineStatement st, PreparedStatement ps, String user) {
        statementTokens = st.tokens();
        Prepared p = prepared(ps);
        HashSet<DbObject> deps = new IdentitySet();
        p.collectDependencies(deps);
        expandQueries(deps);
        List<Token> tokens = st.tokens();
        StatementNames.Names names = StatementNames.Names.of(tokens);
        boolean returning = tokens.stream().anyMatch(t -> t.isWord("returning"));
        Set<Table> targets = new HashSet<>();
        try {
            for (StatementNames.Target t : StatementNames.targets(tokens)) {
                Object found = Relations.find(h2, t.schema(), t.name());
                if (!(found instanceof Table table)) {
                    continue; // the engine reports what does not exist
                }
                targets.add(table);
                if (isCatalog(table.getSchema().getName())) {
                    throw denied("table", table.getName()); // the catalogs change only through DDL
                }
                Set<String> columns = StatementNames.columnsFor(t.privilege(), table, tokens);
                require(user, table, t.privilege(), columns, t.schema() != null);
                if (t.privilege() == Acl.INSERT) {
                    insertDefaults(user, table, columns);
                }
                if (returning || deps.contains(table)) {
                    require(user, table, Acl.SELECT, StatementNames.readOf(table, tokens, names), t.schema() != null);
                }
            }
            boolean locking = StatementNames.locks(tokens);
            java.util.Map<Table, Set<String>> read = columnsRead(p, deps);
            for (DbObject d : deps) {
                if (d instanceof Table table && !targets.contains(table) && names.mentions(table)) {
                    Set<String> columns = read != null ? read.getOrDefault(table, Set.of()) : names.columnsOf(table, tokens);
                    require(user, table, Acl.SELECT, columns, names.qualified(table));
                    if (locking && !(table instanceof TableView)) {
                        // FOR UPDATE / SHARE locks rows as an update would (cf. ACL_SELECT_FOR_UPDATE)
                        require(user, table, Acl.UPDATE, Set.of(), names.qualified(table));
                    }
                }
            }
            sequences(user, tokens);
        } catch (SQLException e) {
            throw H2Errors.map(e);
        }
    }

    /** TRUNCATE runs as the engine's DDL (or as DELETE in a block): the TRUNCATE privilege on each table it names. */
    void checkTruncate(EngineStatement st) {
        statementTokens = st.tokens();
        try {
            for (StatementNames.Target t : StatementNames.targets(st.tokens())) {
                if (Relations.find(h2, t.schema(), t.name()) instanceof Table table) {
                    require(currentUser(), table, Acl.TRUNCATE, Set.of(), t.schema() != null);
                }
            }
        } catch (SQLException e) {
            throw H2Errors.map(e);
        }
    }

    /**
     * What DDL needs beyond ownership: CREATE on the schema a new relation goes to, CREATE on the
     * database for a new schema, TEMPORARY on it for a temporary table, REFERENCES on the table a
     * foreign key points at.
     */
    void checkDdl(EngineStatement st, boolean temporary) {
        statementTokens = st.tokens();
        String user = currentUser();
        try {
            if (st.kind() == dev.tusk.server.sql.CommandKind.CREATE) {
                if ("SCHEMA".equals(st.objectType())) {
                    if (!privileges.hasOnDatabase(user, Acl.CREATE)) {
                        throw denied("database", privileges.database());
                    }
                } else if (temporary) {
                    if (!privileges.hasOnDatabase(user, Acl.TEMPORARY)) {
                        throw new PgException(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied to create temporary tables in database \""
                                + privileges.database() + "\"");
                    }
                } else if (Set.of("TABLE", "VIEW", "SEQUENCE").contains(st.objectType())) {
                    DdlUndo.Undo u = DdlUndo.of(st);
                    String schema = u != null && u.schema() != null ? u.schema() : h2.getCurrentSchemaName();
                    ObjectPrivileges.Entry e = privileges.find("", schema);
                    if (e != null && !privileges.has(user, e, Acl.CREATE)) {
                        throw at(denied("schema", schema), st.tokens(), u != null ? u.name() : null);
                    }
                }
            }
            List<Token> t = st.tokens();
            for (int i = 0; i + 1 < t.size(); i++) {
                if (t.get(i).isWord("references")) {
                    StatementNames.Target n = StatementNames.name(t, i + 1, Acl.REFERENCES);
                    if (n != null && Relations.find(h2, n.schema(), n.name()) instanceof Table table) {
                        require(user, table, Acl.REFERENCES, Set.of(), n.schema() != null);
                    }
                }
            }
        } catch (SQLException e) {
            throw H2Errors.map(e);
        }
    }

    private String currentUser() {
        return privileges.currentUser();
    }

    private void require(String role, Table table, int needs, Set<String> columns, boolean qualified) throws SQLException {
        String schema = table.getSchema().getName();
        if (isCatalog(schema)) {
            return;
        }
        requireSchemaUsage(role, schema, table.getName(), qualified);
        ObjectPrivileges.Entry e = privileges.find(schema, table.getName());
        if (e != null && !privileges.hasColumns(role, e, columns, needs)) {
            throw denied(e.kind() == Acl.Kind.VIEW ? "view" : "table", table.getName());
        }
        if (table instanceof TableView view && (needs & Acl.SELECT) != 0) {
            viewReads(view, new HashSet<>());
        }
    }

    /** The view's owner needs SELECT on what the view's query reads (and so on down nested views). */
    private void viewReads(TableView view, Set<TableView> seen) throws SQLException {
        if (!seen.add(view) || view.getQuery() == null) {
            return;
        }
        ObjectOwners.Owned owner = ObjectOwners.find(privileges.connection(), view.getSchema().getName(), view.getName());
        if (owner == null) {
            return; // created before Tusk kept owners: open, as the view itself is
        }
        HashSet<DbObject> deps = new IdentitySet();
        view.getQuery().collectDependencies(deps);
        expandQueries(deps);
        List<Token> tokens = Lexer.tokenize(view.getQuerySQL());
        StatementNames.Names names = StatementNames.Names.of(tokens);
        for (DbObject d : deps) {
            if (d instanceof Table t && t != view && names.mentions(t) && !isCatalog(t.getSchema().getName())) {
                List<Token> outer = statementTokens;
                statementTokens = List.of(); // an error inside a view has no place in the statement
                requireSchemaUsage(owner.owner(), t.getSchema().getName(), t.getName(), true);
                statementTokens = outer;
                ObjectPrivileges.Entry e = privileges.find(t.getSchema().getName(), t.getName());
                if (e != null && !privileges.hasColumns(owner.owner(), e, names.columnsOf(t, tokens), Acl.SELECT)) {
                    throw denied(e.kind() == Acl.Kind.VIEW ? "view" : "table", t.getName());
                }
                if (t instanceof TableView inner) {
                    viewReads(inner, seen);
                }
            }
        }
    }

    /**
     * H2's set of dependencies by identity: H2 (2.4) compares its objects by id, and every CTE and
     * derived table has id 0, so in a plain HashSet all but the first of them (and what they read)
     * would vanish from a statement's dependencies.
     */
    private static final class IdentitySet extends HashSet<DbObject> {
        private final Set<DbObject> items = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

        @Override
        public boolean add(DbObject o) {
            return items.add(o);
        }

        @Override
        public boolean contains(Object o) {
            return items.contains(o);
        }

        @Override
        public boolean remove(Object o) {
            return items.remove(o);
        }

        @Override
        public java.util.Iterator<DbObject> iterator() {
            return items.iterator();
        }

        @Override
        public int size() {
            return items.size();
        }

        @Override
        public boolean isEmpty() {
            return items.isEmpty();
        }

        @Override
        public void clear() {
            items.clear();
        }
    }

    /**
     * The columns a query reads, by table, as the engine resolved them (wildcards expanded, NATURAL
     * and USING joins, CTEs and derived tables included); null when the statement is no query, whose
     * columns are then read from its text.
     */
    private static java.util.Map<Table, Set<String>> columnsRead(Prepared p, HashSet<DbObject> deps) {
        if (!(p instanceof org.h2.command.query.Query q)) {
            return null;
        }
        HashSet<Column> columns = new HashSet<>();
        try {
            q.isEverything(org.h2.expression.ExpressionVisitor.getColumnsVisitor(columns, null));
            for (DbObject d : deps) {
                if (d instanceof org.h2.table.QueryExpressionTable e && !(e instanceof TableView) && e.getQuery() != null) {
                    e.getQuery().isEverything(org.h2.expression.ExpressionVisitor.getColumnsVisitor(columns, null));
                }
            }
        } catch (org.h2.message.DbException e) {
            return null;
        }
        java.util.Map<Table, Set<String>> out = new java.util.IdentityHashMap<>();
        for (Column c : columns) {
            out.computeIfAbsent(c.getTable(), t -> new java.util.LinkedHashSet<>()).add(c.getName());
        }
        return out;
    }

    /**
     * Adds what CTEs and derived tables read: H2 lists their tables but not the views among them, and
     * a view read there is read by the statement as much as one in its FROM.
     */
    private static void expandQueries(HashSet<DbObject> deps) {
        java.util.ArrayDeque<DbObject> todo = new java.util.ArrayDeque<>(deps);
        while (!todo.isEmpty()) {
            if (todo.pop() instanceof org.h2.table.QueryExpressionTable q && !(q instanceof TableView) && q.getQuery() != null) {
                HashSet<DbObject> inner = new IdentitySet();
                q.getQuery().collectDependencies(inner);
                for (DbObject d : inner) {
                    if (deps.add(d)) {
                        todo.add(d);
                    }
                }
            }
        }
    }

    private void requireSchemaUsage(String role, String schema, String relation, boolean qualified) throws SQLException {
        ObjectPrivileges.Entry s = privileges.find("", schema);
        if (s != null && !privileges.has(role, s, Acl.USAGE)) {
            if (!qualified) {
                // PostgreSQL's search path skips a schema one may not use: the name is then unknown
                throw at(new PgException(SqlState.UNDEFINED_TABLE, "relation \"" + relation + "\" does not exist"), statementTokens,
                        relation);
            }
            throw at(denied("schema", schema), statementTokens, schema);
        }
    }

    /** The tokens of the statement being checked (not of a view's query): where errors point. */
    private List<Token> statementTokens = List.of();

    /** The error at the first token naming name, as PostgreSQL's parser positions a relation's errors. */
    private static PgException at(PgException e, List<Token> tokens, String name) {
        if (name != null) {
            for (Token t : tokens) {
                if ((t.is(TokenType.IDENT) || t.is(TokenType.QUOTED_IDENT)) && t.value().equals(name)) {
                    return e.position(t.start() + 1);
                }
            }
        }
        return e;
    }

    static boolean isCatalog(String schema) {
        return schema.equals("pg_catalog") || schema.equals("information_schema") || schema.equals("INFORMATION_SCHEMA");
    }

    static PgException denied(String noun, String name) {
        return new PgException(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied for " + noun + " " + name);
    }

    /** nextval needs USAGE or UPDATE, currval and lastval SELECT or USAGE, setval UPDATE (cf. sequence.c). */
    private void sequences(String role, List<Token> tokens) throws SQLException {
        for (int i = 0; i + 2 < tokens.size(); i++) {
            Token f = tokens.get(i);
            if ((f.isWord("nextval") || f.isWord("currval") || f.isWord("setval")) && tokens.get(i + 1).isPunct('(')
                    && tokens.get(i + 2).is(TokenType.STRING)) {
                sequence(role, f.value(), tokens.get(i + 2).value());
            }
        }
    }

    private void sequence(String role, String function, String literal) throws SQLException {
        String[] name = StatementNames.sequenceName(literal);
        if (!(Relations.find(h2, name[0], name[1]) instanceof Sequence q) || isCatalog(q.getSchema().getName())) {
            return;
        }
        requireSchemaUsage(role, q.getSchema().getName(), q.getName(), name[0] != null);
        ObjectPrivileges.Entry e = privileges.find(q.getSchema().getName(), q.getName());
        boolean ok = function.equals("setval") ? privileges.has(role, e, Acl.UPDATE)
                : function.equals("nextval") ? privileges.has(role, e, Acl.USAGE) || privileges.has(role, e, Acl.UPDATE)
                : privileges.has(role, e, Acl.SELECT) || privileges.has(role, e, Acl.USAGE);
        if (!ok) {
            throw denied("sequence", q.getName());
        }
    }

    private static final java.util.regex.Pattern NEXTVAL_DEFAULT =
            java.util.regex.Pattern.compile("(?i)\\s*NEXTVAL\\s*\\(\\s*'((?:[^']|'')*)'.*");

    /**
     * An INSERT runs the defaults of the columns it leaves out: a serial column's nextval needs the
     * inserting role's USAGE on the sequence, as in PostgreSQL.
     */
    private void insertDefaults(String role, Table table, Set<String> named) throws SQLException {
        for (Column c : table.getColumns()) {
            String d = c.getDefaultSQL();
            if (d == null || named.contains(c.getName())) {
                continue;
            }
            java.util.regex.Matcher m = NEXTVAL_DEFAULT.matcher(d);
            if (m.matches()) {
                sequence(role, "nextval", m.group(1).replace("''", "'"));
            }
        }
    }


}
