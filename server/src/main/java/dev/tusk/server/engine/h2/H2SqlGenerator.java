package dev.tusk.server.engine.h2;

import dev.tusk.server.engine.SessionInfo;
import dev.tusk.server.sql.CommandKind;
import dev.tusk.server.sql.EngineStatement;
import dev.tusk.server.sql.Identifiers;
import dev.tusk.server.sql.Token;
import dev.tusk.server.sql.TokenType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Generates H2 SQL from a parsed statement's tokens (cf. the rewrite step between PostgreSQL's
 * analyzer and planner): PostgreSQL type names become H2's, string constants are re-quoted in
 * the standard form, session functions become their values, result columns get PostgreSQL's
 * labels, RETURNING becomes a data-change delta table, and constraints get PostgreSQL's names.
 * Everything here is driven by token types and positions, never by patterns over the text.
 */
final class H2SqlGenerator extends TokenEmitter {
    /** Where a select-list item ends at depth 0. */
    /** What the generator may ask of the database's schema. */
    interface Catalog {
        /** A table's columns in order, or an empty list if there is no such table. */
        List<Column> columns(String schema, String table);

        /** The columns of a table's constraint, or of its primary key when constraint is null. */
        List<String> keyColumns(String schema, String table, String constraint);

        /** The schema unqualified names are created in. */
        String currentSchema();

        /** DROP statements for the sequences a table's serial columns own (see SerialColumns). */
        List<String> ownedSequenceDrops(String schema, String table);
    }

    /** A table column: its name and H2 data type name. */
    record Column(String name, String h2Type) {
    }

    private Catalog catalog;
    /** CREATE TABLE: the sequences its serial columns need, created after it. */
    private final List<SqlBuilder> serialSequences = new ArrayList<>();

    H2SqlGenerator(List<Token> tokens, SessionInfo session) {
        super(tokens, session);
    }

    /** The H2 statements (usually one) that carry out st, each with its offset map. */
    static List<SqlBuilder> generate(EngineStatement st, SessionInfo session, Catalog catalog) {
        EngineAllowList.check(st);
        if (!session.superuser().getAsBoolean()) {
            SuperuserCatalogs.check(st.tokens());
        }
        List<Token> t = OperatorCalls.present(st.tokens()) ? OperatorCalls.rewrite(st.tokens()) : st.tokens();
        if (ExpandArrayCalls.present(t)) {
            t = ExpandArrayCalls.rewrite(t);
        }
        boolean query = st.kind() == CommandKind.SELECT || st.kind() == CommandKind.INSERT
                || st.kind() == CommandKind.UPDATE || st.kind() == CommandKind.DELETE;
        if (query && TableOidColumns.present(t)) {
            t = TableOidColumns.rewrite(t);
        }
        if (InformationSchemaViews.present(t)) {
            t = InformationSchemaViews.rewrite(t);
        }
        if (st.kind() == CommandKind.SELECT && JoinUsingColumns.present(t)) {
            t = JoinUsingColumns.rewrite(t, catalog);
        }
        if (query && UnnestCalls.present(t)) {
            t = UnnestCalls.rewrite(t);
        }
        if (query && ArraySubscripts.present(t)) {
            t = ArraySubscripts.rewrite(t);
        }
        if (st.kind() == CommandKind.TRUNCATE) {
            return truncate(t, session);
        }
        if ((st.kind() == CommandKind.INSERT || st.kind() == CommandKind.UPDATE || st.kind() == CommandKind.DELETE)
                && t.get(0).is(TokenType.IDENT) && !t.get(0).isWord("with")) {
            int returning = topLevelWord(t, 0, "returning");
            if (returning > 0) {
                return List.of(returning(st, t, returning, session, catalog));
            }
        }
        if (st.kind() == CommandKind.ALTER && "TABLE".equals(st.objectType())) {
            List<SqlBuilder> constraint = AddConstraint.generate(t, session);
            if (constraint != null) {
                return constraint;
            }
        }
        H2SqlGenerator g = new H2SqlGenerator(t, session);
        g.catalog = catalog;
        DropTargets drop = st.kind() == CommandKind.DROP && catalog != null ? DropTargets.of(st) : null;
        if (drop != null && drop.objectType().equals("TABLE")) {
            // a table's serial sequences go with it, as PostgreSQL's owned sequences do
            List<SqlBuilder> all = new ArrayList<>();
            g.range(0, t.size());
            all.add(g.out);
            for (DropTargets.Name n : drop.names()) {
                for (String sql : catalog.ownedSequenceDrops(n.schema() != null ? n.schema() : catalog.currentSchema(), n.name())) {
                    all.add(new SqlBuilder().emit(sql, t.get(0).start()));
                }
            }
            return all;
        }
        if (st.kind() == CommandKind.INSERT || st.kind() == CommandKind.UPDATE || st.kind() == CommandKind.DELETE) {
            new DmlShapes(t, session, g.out, catalog).dml(st.kind(), t.size());
        } else if (st.kind() == CommandKind.CREATE && "TABLE".equals(st.objectType())) {
            g.createTable();
            if (!g.serialSequences.isEmpty()) {
                List<SqlBuilder> all = new ArrayList<>(List.of(g.out));
                all.addAll(g.serialSequences);
                return all;
            }
        } else if (t.get(0).isWord("select")) {
            g.selectWithLabels(0, t.size());
        } else if (t.get(0).isWord("with") && st.kind() == CommandKind.SELECT && g.mainSelect() > 0) {
            int main = g.mainSelect();
            g.range(0, main);
            g.selectWithLabels(main, t.size());
        } else {
            g.range(0, t.size());
        }
        return List.of(g.out);
    }

    // ---- statement shapes -------------------------------------------------------------------

    /** TRUNCATE [TABLE] [ONLY] a, b [RESTART|CONTINUE IDENTITY] [CASCADE|RESTRICT]: one H2 TRUNCATE per table. */
    /**
     * TRUNCATE inside a transaction block, as one DELETE per table: H2's TRUNCATE commits at once,
     * a DELETE rolls back with the block. (RESTART IDENTITY is not honoured there yet.)
     */
    static List<SqlBuilder> truncateAsDelete(EngineStatement st, SessionInfo session) {
        List<SqlBuilder> out = new ArrayList<>();
        for (SqlBuilder truncate : truncate(st.tokens(), session)) {
            String sql = truncate.toString();
            String table = sql.substring("truncate table ".length()).replace(" restart identity", "");
            out.add(new SqlBuilder().emit("delete from " + table, st.tokens().get(0).start()));
        }
        return out;
    }

    private static List<SqlBuilder> truncate(List<Token> t, SessionInfo session) {
        int i = 1;
        if (i < t.size() && t.get(i).isWord("table")) {
            i++;
        }
        if (i < t.size() && t.get(i).isWord("only")) {
            i++;
        }
        String identity = "";
        List<int[]> names = new ArrayList<>();
        int nameStart = i;
        for (; i <= t.size(); i++) {
            if (i == t.size() || t.get(i).isPunct(',') || t.get(i).isWord("restart") || t.get(i).isWord("continue")
                    || t.get(i).isWord("cascade") || t.get(i).isWord("restrict")) {
                if (i > nameStart) {
                    names.add(new int[] {nameStart, i});
                }
                nameStart = i + 1;
                if (i < t.size() && t.get(i).isWord("restart")) {
                    identity = " restart identity";
                }
                if (i < t.size() && !t.get(i).isPunct(',')) {
                    break;
                }
            }
        }
        List<SqlBuilder> out = new ArrayList<>();
        for (int[] n : names) {
            H2SqlGenerator g = new H2SqlGenerator(t, session);
            g.out.emit("truncate table", t.get(0).start());
            g.range(n[0], n[1]);
            if (!identity.isEmpty()) {
                g.out.emit(identity.trim(), t.get(0).start());
            }
            out.add(g.out);
        }
        return out;
    }

    /** INSERT/UPDATE/DELETE ... RETURNING list: SELECT list FROM {FINAL|OLD} TABLE (statement) AS target. */
    private static SqlBuilder returning(EngineStatement st, List<Token> t, int returning, SessionInfo session,
                                        Catalog catalog) {
        H2SqlGenerator g = new H2SqlGenerator(t, session);
        g.catalog = catalog;
        g.out.emit("select", t.get(returning).start());
        g.selectList(returning + 1, t.size());
        g.out.emit("from", t.get(returning).start());
        g.out.emit(st.kind() == CommandKind.DELETE ? "old table (" : "final table (", t.get(0).start());
        new DmlShapes(t, session, g.out, catalog).dml(st.kind(), returning);
        g.out.emit(")", t.get(returning).start());
        String target = targetTable(t);
        if (target != null) {
            g.out.emit(Identifiers.quote(target), t.get(0).start());
        }
        return g.out;
    }

    /** The alias or last name of the table an INSERT INTO / UPDATE / DELETE FROM writes to. */
    static String targetTable(List<Token> t) {
        int i = 1;
        if (i < t.size() && (t.get(i).isWord("into") || t.get(i).isWord("from"))) {
            i++;
        }
        if (i < t.size() && t.get(i).isWord("only")) {
            i++;
        }
        String name = null;
        while (i < t.size() && (t.get(i).is(TokenType.IDENT) || t.get(i).is(TokenType.QUOTED_IDENT))) {
            name = t.get(i).value();
            if (i + 1 < t.size() && t.get(i + 1).isPunct('.')) {
                i += 2;
            } else {
                i++;
                break;
            }
        }
        if (i < t.size() && t.get(i).isWord("as")) {
            i++;
        }
        if (i < t.size() && (t.get(i).is(TokenType.QUOTED_IDENT)
                || t.get(i).is(TokenType.IDENT) && !Set.of("values", "select", "set", "default", "where", "using",
                "overriding", "returning").contains(t.get(i).value()))) {
            return t.get(i).value();
        }
        return name;
    }

    /**
     * CREATE TABLE: type names of column definitions in H2's spelling, and unnamed constraints given
     * PostgreSQL's names (table_pkey, table_col_key, table_col_fkey, table_col_check) so that errors
     * and catalogs name them as PostgreSQL would.
     */
    private void createTable() {
        int open = -1;
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).isPunct('(')) {
                open = i;
                break;
            }
            if (tokens.get(i).isWord("as")) {
                break;
            }
        }
        if (open < 0) {
            range(0, tokens.size());
            return;
        }
        String table = tokens.get(open - 1).value();
        String schema = open >= 3 && tokens.get(open - 2).isPunct('.') ? tokens.get(open - 3).value() : null;
        this.tableSchema = schema;
        int close = matching(open);
        tableColumns = columnNames(open + 1, close);
        range(0, open + 1);
        int start = open + 1;
        boolean first = true;
        for (int i = start; i <= close; i++) {
            if (i == close || tokens.get(i).isPunct(',') && depthBetween(start, i) == 0) {
                if (!first) {
                    out.emit(",", tokens.get(start - 1).start());
                }
                tableElement(table, start, i);
                first = false;
                start = i + 1;
            }
        }
        int end = close + 1;
        if (end + 1 < tokens.size() && tokens.get(end).isWord("with") && tokens.get(end + 1).isPunct('(')) {
            // WITH (fillfactor=...): storage parameters, which mean nothing to the engine
            range(close, end);
            range(matching(end + 1) + 1, tokens.size());
            return;
        }
        range(close, tokens.size());
    }

    /** The schema written before the table's name in CREATE TABLE, or null. */
    private String tableSchema;
    /** CREATE TABLE: its column names, and the constraint names given so far (PostgreSQL numbers repeats). */
    private Set<String> tableColumns = Set.of();
    private final Set<String> constraintNames = new java.util.HashSet<>();

    /** The names of the column definitions among the elements between from and to. */
    private Set<String> columnNames(int from, int to) {
        Set<String> names = new java.util.HashSet<>();
        int start = from;
        for (int i = from; i <= to; i++) {
            if (i == to || tokens.get(i).isPunct(',') && depthBetween(from, i) == 0) {
                Token head = tokens.get(start);
                if ((head.is(TokenType.IDENT) || head.is(TokenType.QUOTED_IDENT)) && !Set.of("constraint", "like",
                        "exclude", "primary", "unique", "foreign", "check").contains(head.value())) {
                    names.add(head.value());
                }
                start = i + 1;
            }
        }
        return names;
    }

    /**
     * A check constraint's name (cf. ChooseConstraintName): by the one column its expression uses,
     * else by the table alone, numbered when taken.
     */
    private String checkName(String table, int from, int to) {
        Set<String> used = new java.util.LinkedHashSet<>();
        for (int i = from; i < to; i++) {
            Token x = tokens.get(i);
            if ((x.is(TokenType.IDENT) || x.is(TokenType.QUOTED_IDENT)) && tableColumns.contains(x.value())
                    && !(i + 1 < to && tokens.get(i + 1).isPunct('('))) {
                used.add(x.value());
            }
        }
        String base = used.size() == 1 ? table + "_" + used.iterator().next() + "_check" : table + "_check";
        String name = base;
        for (int n = 1; !constraintNames.add(name); n++) {
            name = base + n;
        }
        return name;
    }

    private void tableElement(String table, int from, int to) {
        Token head = tokens.get(from);
        if (head.is(TokenType.IDENT) && Set.of("constraint", "like", "exclude").contains(head.value())) {
            range(from, to);
            return;
        }
        if (head.isWord("primary") || head.isWord("unique") || head.isWord("foreign") || head.isWord("check")) {
            String name = head.isWord("check") ? checkName(table, from, to) : constraintName(table, head.value(), columnsOf(from, to));
            out.emit("constraint " + Identifiers.quote(name), head.start());
            range(from, to);
            return;
        }
        // column definition: name type [constraints...]
        String column = head.value();
        range(from, from + 1);
        String serialType = from + 1 < to ? SerialColumns.columnType(tokens.get(from + 1).value()) : null;
        int i;
        if (serialType != null && catalog != null) {
            String schema = tableSchema != null ? tableSchema : catalog.currentSchema();
            String sequence = SerialColumns.sequenceName(table, column);
            out.emit(SerialColumns.columnDefinition(serialType, schema, sequence), tokens.get(from + 1).start());
            serialSequences.add(new SqlBuilder().emit(SerialColumns.createSequence(serialType, schema, sequence),
                    tokens.get(from + 1).start()));
            i = from + 2;
        } else {
            i = typeName(from + 1, to);
        }
        while (i < to) {
            Token t = tokens.get(i);
            if (t.isWord("constraint")) {
                range(i, Math.min(i + 2, to));
                i += 2;
                continue;
            }
            String kind = t.isWord("primary") ? "primary" : t.isWord("unique") ? "unique"
                    : t.isWord("references") ? "foreign" : t.isWord("check") ? "check" : null;
            boolean named = i > from + 1 && tokens.get(i - 2).isWord("constraint");
            if (kind != null && !named) {
                int end = i + 1 < to && tokens.get(i + 1).isPunct('(') ? matching(i + 1) + 1 : i + 1;
                String name = kind.equals("check") ? checkName(table, i, end) : constraintName(table, kind, List.of(column));
                out.emit("constraint " + Identifiers.quote(name), t.start());
            }
            int next = i + 1;
            if (next < to && tokens.get(next).isPunct('(')) {
                next = matching(next) + 1;
            }
            range(i, next);
            i = next;
        }
    }

    /** PostgreSQL's default constraint names (cf. ChooseConstraintName). */
    static String constraintName(String table, String kind, List<String> columns) {
        String cols = columns.isEmpty() ? "" : "_" + String.join("_", columns);
        switch (kind) {
            case "primary": return table + "_pkey";
            case "unique": return table + cols + "_key";
            case "foreign": return table + cols + "_fkey";
            default: return table + (columns.isEmpty() ? "" : "_" + columns.get(0)) + "_check";
        }
    }

    /** The column names in the first parenthesised list of a table constraint. */
    List<String> columnsOf(int from, int to) {
        List<String> cols = new ArrayList<>();
        for (int i = from; i < to; i++) {
            if (tokens.get(i).isPunct('(')) {
                int close = matching(i);
                for (int j = i + 1; j < close; j++) {
                    Token c = tokens.get(j);
                    if ((c.is(TokenType.IDENT) || c.is(TokenType.QUOTED_IDENT))
                            && (j + 1 == close || tokens.get(j + 1).isPunct(',') || tokens.get(j + 1).is(TokenType.OPERATOR))) {
                        cols.add(c.value());
                        if (tokens.get(from).isWord("check")) {
                            break;
                        }
                    }
                }
                break;
            }
        }
        return cols;
    }

    /** The index of the main SELECT after a WITH clause's queries, or -1. */
    private int mainSelect() {
        int depth = 0;
        for (int i = 1; i < tokens.size(); i++) {
            Token x = tokens.get(i);
            if (x.isPunct('(')) {
                depth++;
            } else if (x.isPunct(')')) {
                depth--;
            } else if (depth == 0 && x.isWord("select") && tokens.get(i - 1).isPunct(')')) {
                return i;
            }
        }
        return -1;
    }

}
