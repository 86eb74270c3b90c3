package dev.tusk.server.engine.h2;

import dev.tusk.server.sql.Token;
import dev.tusk.server.sql.TokenType;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of an INSERT (cf. InsertStmt in gram.y), as token indexes: target table and alias,
 * the column list, the source (VALUES or a query), and an ON CONFLICT clause with its target
 * columns and action.
 *
 * @param tableStart   first token of the table name; tableEnd one past its last
 * @param columns      the explicit column names, or null
 * @param sourceStart  the VALUES / SELECT / WITH / DEFAULT keyword
 * @param sourceEnd    one past the source (ON CONFLICT or the end)
 * @param conflictCols the ON CONFLICT (...) columns, or null; empty for a clause with no target
 * @param doNothing    ON CONFLICT DO NOTHING
 * @param setStart     for DO UPDATE: the first token after SET; setEnd one past the assignments
 * @param whereStart   for DO UPDATE ... WHERE: the first token of the condition, or -1
 */
record InsertShape(String schema, String table, String alias, int tableStart, int tableEnd, List<String> columns,
                   int sourceStart, int sourceEnd, List<String> conflictCols, String conflictConstraint, boolean doNothing,
                   int setStart, int setEnd, int whereStart, int end) {

    boolean hasConflictClause() {
        return conflictCols != null;
    }

    /** Parses tokens [0, end) of an INSERT; null if it is not of the shapes handled here. */
    static InsertShape parse(List<Token> t, int end) {
        int i = 1;
        if (i < end && t.get(i).isWord("into")) {
            i++;
        }
        int tableStart = i;
        if (i >= end || !name(t.get(i))) {
            return null;
        }
        String schema = null;
        String table = t.get(i).value();
        i++;
        if (i + 1 < end && t.get(i).isPunct('.')) {
            schema = table;
            table = t.get(i + 1).value();
            i += 2;
        }
        int tableEnd = i;
        String alias = null;
        if (i + 1 < end && t.get(i).isWord("as")) {
            alias = t.get(i + 1).value();
            i += 2;
        }
        List<String> columns = null;
        if (i < end && t.get(i).isPunct('(')) {
            int close = TokenEmitter.matching(t, i);
            columns = new ArrayList<>();
            for (int k = i + 1; k < close; k++) {
                if (name(t.get(k))) {
                    columns.add(t.get(k).value());
                }
            }
            i = close + 1;
        }
        if (i < end && t.get(i).isWord("overriding")) {
            i += 3; // OVERRIDING {SYSTEM | USER} VALUE
        }
        int sourceStart = i;
        int conflict = -1;
        int depth = 0;
        for (int k = i; k + 1 < end; k++) {
            if (t.get(k).isPunct('(')) {
                depth++;
            } else if (t.get(k).isPunct(')')) {
                depth--;
            } else if (depth == 0 && t.get(k).isWord("on") && t.get(k + 1).isWord("conflict")) {
                conflict = k;
                break;
            }
        }
        if (conflict < 0) {
            return new InsertShape(schema, table, alias, tableStart, tableEnd, columns, sourceStart, end, null, null,
                    false, -1, -1, -1, end);
        }
        int k = conflict + 2;
        List<String> conflictCols = new ArrayList<>();
        String constraint = null;
        if (k < end && t.get(k).isPunct('(')) {
            int close = TokenEmitter.matching(t, k);
            for (int c = k + 1; c < close; c++) {
                if (name(t.get(c)) && (t.get(c + 1).isPunct(',') || c + 1 == close)) {
                    conflictCols.add(t.get(c).value());
                }
            }
            k = close + 1;
        } else if (k + 2 < end && t.get(k).isWord("on") && t.get(k + 1).isWord("constraint")) {
            constraint = t.get(k + 2).value();
            k += 3;
        }
        if (k + 1 >= end || !t.get(k).isWord("do")) {
            return null;
        }
        if (t.get(k + 1).isWord("nothing")) {
            return new InsertShape(schema, table, alias, tableStart, tableEnd, columns, sourceStart, conflict,
                    conflictCols, constraint, true, -1, -1, -1, end);
        }
        if (!(t.get(k + 1).isWord("update") && k + 2 < end && t.get(k + 2).isWord("set"))) {
            return null;
        }
        int setStart = k + 3;
        int where = TokenEmitter.topLevelWord(t, setStart, end, "where");
        return new InsertShape(schema, table, alias, tableStart, tableEnd, columns, sourceStart, conflict, conflictCols,
                constraint, false, setStart, where >= 0 ? where : end, where >= 0 ? where + 1 : -1, end);
    }

    private static boolean name(Token t) {
        return t.is(TokenType.IDENT) || t.is(TokenType.QUOTED_IDENT);
    }
}
