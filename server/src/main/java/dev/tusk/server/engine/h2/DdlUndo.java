package dev.tusk.server.engine.h2;

import dev.tusk.server.sql.CommandKind;
import dev.tusk.server.sql.EngineStatement;
import dev.tusk.server.sql.Identifiers;
import dev.tusk.server.sql.Token;
import dev.tusk.server.sql.TokenType;
import java.util.List;
import java.util.Set;

/**
 * The statement that undoes a DDL statement, for the DDL that H2 commits at once but PostgreSQL
 * keeps inside the transaction: creating a table, view, sequence, named index or schema, and adding
 * a column. Other DDL has no undo yet and is refused inside a transaction block.
 */
final class DdlUndo {
    private static final Set<String> UNDOABLE = Set.of("TABLE", "VIEW", "SEQUENCE", "INDEX", "SCHEMA");

    /** The undo of a CREATE, and the name to check for existence first (undo only what this created). */
    record Undo(String sql, String objectType, String schema, String name) {
    }

    /** One piece of DDL done in the open transaction: how to undo it, and what to run after commit (or null). */
    record Entry(String undo, String onCommit) {
    }

    /** Prefix of the names tables dropped in an open transaction wait under; catalogs hide them. */
    static final String HIDDEN_PREFIX = "tusk$dropped$";

    /** The name a table dropped in an open transaction waits under until commit. */
    static String hiddenName(int processId, int n) {
        return HIDDEN_PREFIX + processId + "$" + n + "$" + Long.toHexString(System.nanoTime());
    }

    private DdlUndo() {
    }

    static Undo of(EngineStatement st) {
        List<Token> t = st.tokens();
        if (st.kind() == CommandKind.CREATE && UNDOABLE.contains(st.objectType())) {
            int i = 1;
            while (i < t.size() && t.get(i).is(TokenType.IDENT)
                    && !t.get(i).value().equals(st.objectType().toLowerCase(java.util.Locale.ROOT))) {
                i++;
            }
            i++;
            if (i < t.size() && t.get(i).isWord("concurrently")) {
                i++;
            }
            if (i + 2 < t.size() && t.get(i).isWord("if") && t.get(i + 1).isWord("not") && t.get(i + 2).isWord("exists")) {
                i += 3;
            }
            if (i >= t.size() || !(t.get(i).is(TokenType.IDENT) || t.get(i).is(TokenType.QUOTED_IDENT))
                    || st.objectType().equals("INDEX") && t.get(i).isWord("on")) {
                return null;
            }
            String schema = null;
            String name = t.get(i).value();
            if (i + 2 < t.size() && t.get(i + 1).isPunct('.')) {
                schema = name;
                name = t.get(i + 2).value();
            }
            String prefix = schema != null ? Identifiers.quote(schema) + "." : "";
            String qualified = prefix + Identifiers.quote(name);
            StringBuilder drop = new StringBuilder("drop " + st.objectType().toLowerCase(java.util.Locale.ROOT)
                    + " if exists " + qualified
                    + (st.objectType().equals("INDEX") || st.objectType().equals("SEQUENCE") ? "" : " cascade"));
            if (st.objectType().equals("TABLE")) {
                for (String column : SerialColumns.declaredIn(t)) {
                    drop.append("; drop sequence if exists ").append(prefix)
                            .append(Identifiers.quote(SerialColumns.sequenceName(name, column)));
                }
            }
            return new Undo(drop.toString(), st.objectType(), schema, name);
        }
        if (st.kind() == CommandKind.ALTER && "TABLE".equals(st.objectType())) {
            // ALTER TABLE name ADD [COLUMN] col ...  (one action)
            int i = 2;
            if (i < t.size() && t.get(i).isWord("if")) {
                return null;
            }
            if (i < t.size() && t.get(i).isWord("only")) {
                i++;
            }
            String table = Identifiers.quote(t.get(i).value());
            i++;
            if (i + 1 < t.size() && t.get(i).isPunct('.')) {
                table = Identifiers.quote(t.get(i - 1).value()) + "." + Identifiers.quote(t.get(i + 1).value());
                i += 2;
            }
            if (i < t.size() && t.get(i).isWord("add")) {
                i++;
                if (i < t.size() && t.get(i).isWord("column")) {
                    i++;
                }
                if (i < t.size() && (t.get(i).is(TokenType.IDENT) || t.get(i).is(TokenType.QUOTED_IDENT))
                        && !Set.of("constraint", "primary", "unique", "foreign", "check", "if").contains(t.get(i).value())
                        && !H2SqlGenerator.hasTopLevelComma(t, i)) {
                    return new Undo("alter table " + table + " drop column " + Identifiers.quote(t.get(i).value()),
                            "COLUMN", null, null);
                }
            }
        }
        return null;
    }

    /** A table (or view) a statement works on; schema null for the search path's first. */
    record Target(String schema, String name, String column) {
    }

    /**
     * The table an ALTER TABLE, COMMENT ON TABLE/VIEW/COLUMN or CREATE INDEX changes, or null: such
     * DDL on a table created earlier in the same transaction needs no undo of its own, since
     * dropping the table undoes it.
     */
    static Target target(EngineStatement st) {
        List<Token> t = st.tokens();
        int i;
        if (st.kind() == CommandKind.ALTER && "TABLE".equals(st.objectType())) {
            i = skipWords(t, 2, "if", "exists", "only");
        } else if (st.kind() == CommandKind.CREATE && "INDEX".equals(st.objectType())) {
            i = 1;
            while (i < t.size() && !t.get(i).isWord("on")) {
                i++;
            }
            i = skipWords(t, i + 1, "only");
        } else if (st.kind() == CommandKind.COMMENT && t.size() > 3
                && (t.get(2).isWord("table") || t.get(2).isWord("view") || t.get(2).isWord("column"))) {
            return commentTarget(t);
        } else {
            return null;
        }
        List<String> name = qualifiedName(t, i);
        return switch (name.size()) {
            case 1 -> new Target(null, name.get(0), null);
            case 2 -> new Target(name.get(0), name.get(1), null);
            default -> null;
        };
    }

    /** COMMENT ON TABLE [s.]t / COLUMN [s.]t.c: what it comments on. */
    private static Target commentTarget(List<Token> t) {
        List<String> name = qualifiedName(t, 3);
        if (t.get(2).isWord("column")) {
            return switch (name.size()) {
                case 2 -> new Target(null, name.get(0), name.get(1));
                case 3 -> new Target(name.get(0), name.get(1), name.get(2));
                default -> null;
            };
        }
        return switch (name.size()) {
            case 1 -> new Target(null, name.get(0), null);
            case 2 -> new Target(name.get(0), name.get(1), null);
            default -> null;
        };
    }

    /**
     * The undo of COMMENT ON TABLE/VIEW/COLUMN: the same statement with the comment it replaces
     * (previous: null for none).
     */
    static String commentUndo(EngineStatement st, Target target, String previous) {
        List<Token> t = st.tokens();
        String on = target.column() != null ? "column" : t.get(2).value();
        String qualified = (target.schema() != null ? Identifiers.quote(target.schema()) + "." : "")
                + Identifiers.quote(target.name()) + (target.column() != null ? "." + Identifiers.quote(target.column()) : "");
        return "comment on " + on + " " + qualified + " is " + (previous == null ? "null" : Identifiers.literal(previous));
    }

    private static int skipWords(List<Token> t, int i, String... words) {
        while (i < t.size() && Set.of(words).contains(t.get(i).value()) && t.get(i).is(TokenType.IDENT)) {
            i++;
        }
        return i;
    }

    /** The dotted name starting at i: its parts, empty if there is none. */
    private static List<String> qualifiedName(List<Token> t, int i) {
        List<String> parts = new java.util.ArrayList<>();
        while (i < t.size() && (t.get(i).is(TokenType.IDENT) || t.get(i).is(TokenType.QUOTED_IDENT))) {
            parts.add(t.get(i).value());
            if (i + 1 < t.size() && t.get(i + 1).isPunct('.')) {
                i += 2;
            } else {
                break;
            }
        }
        return parts;
    }
}
