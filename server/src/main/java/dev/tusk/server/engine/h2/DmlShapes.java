package dev.tusk.server.engine.h2;

import dev.tusk.server.engine.SessionInfo;
import dev.tusk.server.sql.CommandKind;
import dev.tusk.server.sql.Identifiers;
import dev.tusk.server.sql.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * The data-changing statements whose PostgreSQL forms H2 lacks or reads differently: INSERT with
 * fewer values than columns or constants typed by their column, INSERT ... ON CONFLICT (as MERGE),
 * UPDATE ... FROM (as MERGE) and DELETE ... USING (as DELETE ... WHERE EXISTS). Emits into the
 * caller's SqlBuilder, so a RETURNING wrapper can surround it.
 */
final class DmlShapes extends TokenEmitter {
    private final H2SqlGenerator.Catalog catalog;

    DmlShapes(List<Token> tokens, SessionInfo session, SqlBuilder out, H2SqlGenerator.Catalog catalog) {
        super(tokens, session, out);
        this.catalog = catalog;
    }

    /**
     * INSERT: bare string constants read by their column's type, missing trailing columns named
     * (PostgreSQL fills them with defaults, H2 wants every column of the table), and ON CONFLICT
     * carried out as a MERGE.
     */
    private void insert(int from, int to) {
        InsertShape shape = catalog == null ? null : InsertShape.parse(tokens, to);
        List<H2SqlGenerator.Column> tableColumns = shape == null ? List.of() : catalog.columns(shape.schema(), shape.table());
        if (shape == null || tableColumns.isEmpty()) {
            range(from, to);
            return;
        }
        boolean values = tokens.get(shape.sourceStart()).isWord("values");
        List<H2SqlGenerator.Column> target = targetColumns(shape, tableColumns, values);
        if (shape.hasConflictClause()) {
            upsert(shape, target);
            return;
        }
        if (shape.columns() == null && target.size() < tableColumns.size()) {
            range(from, shape.sourceStart());
            out.emit(columnList(target, ""), tokens.get(shape.sourceStart()).start());
        } else {
            range(from, shape.sourceStart());
        }
        source(shape, target, values);
    }

    private void source(InsertShape shape, List<H2SqlGenerator.Column> target, boolean values) {
        if (values) {
            range(shape.sourceStart(), shape.sourceStart() + 1);
            valuesRows(shape.sourceStart() + 1, shape.sourceEnd(), target);
        } else {
            range(shape.sourceStart(), shape.sourceEnd());
        }
    }

    /** The columns the source's values go to, in order: the explicit list, or the table's first ones. */
    private List<H2SqlGenerator.Column> targetColumns(InsertShape shape, List<H2SqlGenerator.Column> tableColumns, boolean values) {
        if (shape.columns() != null) {
            List<H2SqlGenerator.Column> out = new ArrayList<>();
            for (String name : shape.columns()) {
                out.add(tableColumns.stream().filter(c -> c.name().equals(name)).findFirst().orElse(new H2SqlGenerator.Column(name, "")));
            }
            return out;
        }
        int width = values ? widestRow(shape.sourceStart() + 1, shape.sourceEnd()) : tableColumns.size();
        return tableColumns.subList(0, Math.min(Math.max(width, 1), tableColumns.size()));
    }

    private int widestRow(int from, int to) {
        int widest = 0;
        for (int j = from; j < to && tokens.get(j).isPunct('('); ) {
            int close = matching(j);
            int n = 1;
            for (int k = j + 1; k < close; k++) {
                if (tokens.get(k).isPunct(',') && depthBetween(j + 1, k) == 0) {
                    n++;
                }
            }
            widest = Math.max(widest, n);
            j = close + 1;
            if (j < to && tokens.get(j).isPunct(',')) {
                j++;
            }
        }
        return widest;
    }

    private static String columnList(List<H2SqlGenerator.Column> columns, String qualifier) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < columns.size(); i++) {
            sb.append(i > 0 ? ", " : "").append(qualifier).append(Identifiers.quote(columns.get(i).name()));
        }
        return sb.append(')').toString();
    }

    /**
     * INSERT ... ON CONFLICT as MERGE INTO t USING (source) AS excluded(cols) ON keys WHEN MATCHED
     * THEN UPDATE ... WHEN NOT MATCHED THEN INSERT: {@code excluded} is the name PostgreSQL gives the
     * proposed row, so the DO UPDATE clause carries over unchanged. Without a conflict target the
     * primary key stands for "any unique constraint".
     */
    private void upsert(InsertShape shape, List<H2SqlGenerator.Column> target) {
        List<String> keys = !shape.conflictCols().isEmpty() ? shape.conflictCols()
                : catalog.keyColumns(shape.schema(), shape.table(), shape.conflictConstraint());
        if (keys.isEmpty()) {
            range(0, shape.end());
            return;
        }
        int start = tokens.get(0).start();
        out.emit("merge into", start);
        range(shape.tableStart(), shape.tableEnd());
        String targetName = shape.alias() != null ? shape.alias() : shape.table();
        if (shape.alias() != null) {
            out.emit("as " + Identifiers.quote(shape.alias()), start);
        }
        out.emit("using (", tokens.get(shape.sourceStart()).start());
        source(shape, target, tokens.get(shape.sourceStart()).isWord("values"));
        out.emit(") as excluded" + columnList(target, ""), tokens.get(shape.sourceEnd()).start());
        StringBuilder on = new StringBuilder("on ");
        for (int i = 0; i < keys.size(); i++) {
            String k = Identifiers.quote(keys.get(i));
            on.append(i > 0 ? " and " : "").append(Identifiers.quote(targetName)).append('.').append(k)
                    .append(" = excluded.").append(k);
        }
        out.emit(on.toString(), tokens.get(shape.sourceEnd()).start());
        if (!shape.doNothing()) {
            out.emit("when matched", tokens.get(shape.setStart() - 1).start());
            if (shape.whereStart() >= 0) {
                out.emit("and (", tokens.get(shape.whereStart()).start());
                range(shape.whereStart(), shape.end());
                out.emit(")", tokens.get(shape.end() - 1).end());
            }
            out.emit("then update set", tokens.get(shape.setStart() - 1).start());
            range(shape.setStart(), shape.setEnd());
        }
        out.emit("when not matched then insert " + columnList(target, "") + " values "
                + columnList(target, "excluded."), tokens.get(shape.sourceEnd()).start());
    }

    /**
     * UPDATE t SET ... FROM item WHERE cond, which H2 lacks, as MERGE INTO t USING item ON (cond)
     * WHEN MATCHED THEN UPDATE SET ...; only a single FROM item (with its alias) is rewritten.
     */
    private boolean updateFrom(int to) {
        int set = topLevelWord(tokens, 0, to, "set");
        int from = topLevelWord(tokens, 0, to, "from");
        if (set < 0 || from < set) {
            return false;
        }
        int where = topLevelWord(tokens, from, to, "where");
        int itemEnd = where >= 0 ? where : to;
        for (int k = from + 1; k < itemEnd; k++) {
            if (tokens.get(k).isPunct(',') && depthBetween(from + 1, k) == 0 || tokens.get(k).isWord("join")) {
                return false;
            }
        }
        out.emit("merge into", tokens.get(0).start());
        range(1, set);
        out.emit("using", tokens.get(from).start());
        range(from + 1, itemEnd);
        out.emit("on (", tokens.get(from).start());
        if (where >= 0) {
            range(where + 1, to);
        } else {
            out.emit("true", tokens.get(from).start());
        }
        out.emit(") when matched then update set", tokens.get(set).start());
        range(set + 1, from);
        return true;
    }

    /** DELETE FROM t USING list WHERE cond, which H2 lacks, as DELETE FROM t WHERE EXISTS (SELECT 1 FROM list WHERE cond). */
    private boolean deleteUsing(int to) {
        int using = topLevelWord(tokens, 0, to, "using");
        if (using < 0) {
            return false;
        }
        int where = topLevelWord(tokens, using, to, "where");
        range(0, using);
        out.emit("where exists (select 1 from", tokens.get(using).start());
        range(using + 1, where >= 0 ? where : to);
        if (where >= 0) {
            range(where, to);
        }
        out.emit(")", tokens.get(to - 1).end());
        return true;
    }

    /** The data-changing statement [0, to), in whichever shape it needs. */
    void dml(CommandKind kind, int to) {
        if (kind == CommandKind.INSERT && tokens.get(0).isWord("insert")) {
            insert(0, to);
        } else if (kind == CommandKind.UPDATE && tokens.get(0).isWord("update") && updateFrom(to)) {
            return;
        } else if (kind == CommandKind.DELETE && tokens.get(0).isWord("delete") && deleteUsing(to)) {
            return;
        } else {
            range(0, to);
        }
    }
}
