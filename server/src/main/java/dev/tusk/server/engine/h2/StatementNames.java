package dev.tusk.server.engine.h2;

import dev.tusk.server.catalog.Acl;
import dev.tusk.server.sql.Lexer;
import dev.tusk.server.sql.Token;
import dev.tusk.server.sql.TokenType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.h2.table.Column;
import org.h2.table.Table;

/**
 * What a statement's text names, for its privilege check (PrivilegeCheck): the relations it changes
 * and with what privilege, the columns a change names, the identifiers it uses, whether it locks
 * rows. Read from the tokens until the analyzer (issue #15) gives a syntax tree. Stateless.
 */
final class StatementNames {
    private StatementNames() {
    }

    /** A changed relation and the privilege the change needs, as the statement's text names it. */
    record Target(String schema, String name, int privilege) {
    }

    /** Whether the statement locks what it reads: FOR UPDATE, FOR NO KEY UPDATE, FOR SHARE, FOR KEY SHARE. */
    static boolean locks(List<Token> t) {
        for (int i = 0; i + 1 < t.size(); i++) {
            if (t.get(i).isWord("for")) {
                Token n = t.get(i + 1);
                if (n.isWord("update") || n.isWord("share") || n.isWord("no") || n.isWord("key") && i + 2 < t.size()
                        && t.get(i + 2).isWord("share")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** 'name', 'schema.name', '"Name"' as a regclass literal spells them. */
    static String[] sequenceName(String literal) {
        List<Token> t = Lexer.tokenize(literal);
        if (t.size() == 3 && t.get(1).isPunct('.')) {
            return new String[] {t.get(0).value(), t.get(2).value()};
        }
        return new String[] {null, t.isEmpty() ? literal : t.get(0).value()};
    }

    /** The relations the statement changes: INSERT INTO, UPDATE, DELETE FROM, MERGE INTO, TRUNCATE, ON CONFLICT DO UPDATE. */
    static List<Target> targets(List<Token> t) {
        List<Target> out = new ArrayList<>();
        Target inserted = null;
        for (int i = 0; i < t.size(); i++) {
            Token w = t.get(i);
            Token before = i > 0 ? t.get(i - 1) : null;
            if (w.isWord("insert") && i + 1 < t.size() && t.get(i + 1).isWord("into")) {
                inserted = name(t, i + 2, Acl.INSERT);
                add(out, inserted);
            } else if (w.isWord("update") && before != null && before.isWord("do") && inserted != null) {
                out.add(new Target(inserted.schema(), inserted.name(), Acl.UPDATE));
            } else if (w.isWord("update") && (before == null || !(before.isWord("for") || before.isWord("key")
                    || before.isWord("then") || before.isWord("on") || before.isWord("do")))) {
                add(out, name(t, i + 1, Acl.UPDATE));
            } else if (w.isWord("delete") && i + 1 < t.size() && t.get(i + 1).isWord("from")) {
                add(out, name(t, i + 2, Acl.DELETE));
            } else if (w.isWord("merge") && i + 1 < t.size() && t.get(i + 1).isWord("into")) {
                int privilege = 0;
                for (int j = i; j + 1 < t.size(); j++) {
                    if (t.get(j).isWord("then")) {
                        Token action = t.get(j + 1);
                        privilege |= action.isWord("insert") ? Acl.INSERT : action.isWord("update") ? Acl.UPDATE
                                : action.isWord("delete") ? Acl.DELETE : 0;
                    }
                }
                add(out, name(t, i + 2, privilege));
            } else if (w.isWord("truncate") && i == 0) {
                int j = i + 1;
                if (j < t.size() && t.get(j).isWord("table")) {
                    j++;
                }
                while (j < t.size()) {
                    Target n = name(t, j, Acl.TRUNCATE);
                    if (n == null) {
                        break;
                    }
                    out.add(n);
                    j += (t.get(j).isWord("only") ? 1 : 0) + (n.schema() != null ? 3 : 1);
                    if (j < t.size() && t.get(j).isOp("*")) {
                        j++;
                    }
                    if (j >= t.size() || !t.get(j).isPunct(',')) {
                        break;
                    }
                    j++;
                }
            }
        }
        return out;
    }

    static void add(List<Target> out, Target t) {
        if (t != null) {
            out.add(t);
        }
    }

    static Target name(List<Token> t, int i, int privilege) {
        if (i < t.size() && t.get(i).isWord("only")) {
            i++;
        }
        if (i >= t.size() || !isName(t.get(i))) {
            return null;
        }
        if (i + 2 < t.size() && t.get(i + 1).isPunct('.') && isName(t.get(i + 2))) {
            return new Target(t.get(i).value(), t.get(i + 2).value(), privilege);
        }
        return new Target(null, t.get(i).value(), privilege);
    }

    static boolean isName(Token t) {
        return t.is(TokenType.IDENT) || t.is(TokenType.QUOTED_IDENT);
    }

    /**
     * The columns a change names: INSERT's column list (all columns without one), UPDATE's SET
     * columns; other changes name none.
     */
    static Set<String> columnsFor(int privilege, Table table, List<Token> t) {
        Set<String> out = new LinkedHashSet<>();
        if (privilege == Acl.INSERT) {
            for (int i = 0; i + 1 < t.size(); i++) {
                if (t.get(i).isWord("into")) {
                    int j = i + 1;
                    while (j < t.size() && !t.get(j).isPunct('(') && !t.get(j).isWord("values") && !t.get(j).isWord("select")
                            && !t.get(j).isWord("default")) {
                        j++;
                    }
                    if (j < t.size() && t.get(j).isPunct('(') && j + 1 < t.size() && !t.get(j + 1).isWord("select")) {
                        for (j++; j < t.size() && !t.get(j).isPunct(')'); j++) {
                            if (isName(t.get(j))) {
                                out.add(t.get(j).value());
                            }
                        }
                        return out;
                    }
                    break;
                }
            }
            for (Column c : table.getColumns()) {
                out.add(c.getName());
            }
        } else if (privilege == Acl.UPDATE) {
            for (int i : setTargets(t)) {
                out.add(t.get(i).value());
            }
        }
        return out;
    }

    /** Where UPDATE's (and ON CONFLICT DO UPDATE's) SET clause names the columns it assigns: SET a = ..., (b, c) = .... */
    static Set<Integer> setTargets(List<Token> t) {
        Set<Integer> out = new HashSet<>();
        int depth = 0;
        boolean inSet = false;
        for (int i = 0; i + 1 < t.size(); i++) {
            Token w = t.get(i);
            if (inSet && depth == 0 && w.isPunct('(') && (t.get(i - 1).isWord("set") || t.get(i - 1).isPunct(','))) {
                for (int j = i + 1; j < t.size() && !t.get(j).isPunct(')'); j++) {
                    if (isName(t.get(j))) {
                        out.add(j);
                    }
                }
            }
            if (w.isPunct('(')) {
                depth++;
            } else if (w.isPunct(')')) {
                depth--;
            } else if (depth == 0 && w.isWord("set")) {
                inSet = true;
            } else if (depth == 0 && (w.isWord("where") || w.isWord("from") || w.isWord("returning"))) {
                inSet = false;
            } else if (inSet && depth == 0 && isName(w) && t.get(i + 1).isOp("=")) {
                out.add(i);
            }
        }
        return out;
    }

    /**
     * The columns of a changed table its statement reads (WHERE, the right of SET, RETURNING): the
     * table's columns the text names anywhere but as SET's targets, all of them for a *.
     */
    static Set<String> readOf(Table table, List<Token> t, Names names) {
        if (names.star()) {
            return names.columnsOf(table, t);
        }
        Set<Integer> assigned = setTargets(t);
        Set<String> columns = new HashSet<>();
        for (Column c : table.getColumns()) {
            columns.add(c.getName());
        }
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < t.size(); i++) {
            if (isName(t.get(i)) && !assigned.contains(i) && columns.contains(t.get(i).value())) {
                out.add(t.get(i).value());
            }
        }
        return out;
    }

    /** The names a statement's text uses: every identifier, and each qualified pair. */
    record Names(Set<String> plain, Set<String> qualified, boolean star) {
        static Names of(List<Token> tokens) {
            Set<String> plain = new HashSet<>();
            Set<String> qualified = new HashSet<>();
            boolean star = false;
            for (int i = 0; i < tokens.size(); i++) {
                Token t = tokens.get(i);
                if (isName(t)) {
                    plain.add(t.value());
                    if (i + 2 < tokens.size() && tokens.get(i + 1).isPunct('.') && isName(tokens.get(i + 2))) {
                        qualified.add(t.value() + "\u0000" + tokens.get(i + 2).value());
                    }
                } else if (t.isOp("*") && i > 0 && !tokens.get(i - 1).isPunct('(')
                        && (tokens.get(i - 1).isPunct(',') || tokens.get(i - 1).isPunct('.') || tokens.get(i - 1).isWord("select")
                        || tokens.get(i - 1).isWord("distinct") || tokens.get(i - 1).isWord("all")
                        || tokens.get(i - 1).isWord("returning"))) {
                    star = true;
                }
            }
            return new Names(plain, qualified, star);
        }

        boolean mentions(Table t) {
            return plain.contains(t.getName());
        }

        boolean qualified(Table t) {
            return qualified.contains(t.getSchema().getName() + "\u0000" + t.getName());
        }

        /** The table's columns the text names (all of them when it selects *), for column privileges. */
        Set<String> columnsOf(Table t, List<Token> tokens) {
            Set<String> out = new LinkedHashSet<>();
            for (Column c : t.getColumns()) {
                if (star || plain.contains(c.getName())) {
                    out.add(c.getName());
                }
            }
            return out;
        }
    }
}
