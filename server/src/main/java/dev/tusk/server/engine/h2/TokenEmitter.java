package dev.tusk.server.engine.h2;

import dev.tusk.protocol.types.PgTypes;
import dev.tusk.server.engine.SessionInfo;
import dev.tusk.server.sql.Identifiers;
import dev.tusk.server.sql.Token;
import dev.tusk.server.sql.TokenType;
import java.util.List;
import java.util.Set;

/**
 * Emits a statement's tokens as H2 SQL, one token (or small construct) at a time: string constants
 * re-quoted in the standard form or read by the type they are cast to, {@code $n} as {@code ?n},
 * type names in H2's spelling, typed constants, CAST(... AS type), and the functions that answer
 * from the session. {@link H2SqlGenerator} builds the statement shapes on top of this.
 */
abstract class TokenEmitter {
    /** PostgreSQL functions whose names the engine's own built-ins take (an alias cannot replace those). */
    private static final Set<String> SHADOWED_BUILTINS = Set.of("quote_ident");
    static final Set<String> SELECT_LIST_END = Set.of("from", "where", "group", "having", "window",
            "order", "limit", "offset", "fetch", "for", "union", "intersect", "except", "into");

    final List<Token> tokens;
    final SessionInfo session;
    final SqlBuilder out;

    TokenEmitter(List<Token> tokens, SessionInfo session) {
        this(tokens, session, new SqlBuilder());
    }

    /** An emitter adding to SQL another emitter has begun. */
    TokenEmitter(List<Token> tokens, SessionInfo session, SqlBuilder out) {
        this.tokens = tokens;
        this.session = session;
        this.out = out;
    }

    // ---- token emission ---------------------------------------------------------------------

    /** Emits tokens [from,to) with the per-token rewrites. */
    final void range(int from, int to) {
        int i = from;
        while (i < to) {
            i = token(i, to);
        }
    }

    /** Emits the token at i (and any it consumes); returns the next index. */
    private int token(int i, int to) {
        Token t = tokens.get(i);
        switch (t.type()) {
            case STRING: {
                if (i + 2 < to && tokens.get(i + 1).text().equals("::")) {
                    int end = castConstant(i, i + 2, to);
                    if (end > 0) {
                        return end;
                    }
                }
                if (i > 0 && (tokens.get(i - 1).isOp("=") || tokens.get(i - 1).isOp("<>")) && t.value().startsWith("{")) {
                    // compared with an array: PostgreSQL reads '{...}' as an array of the other side's type
                    String array = PgLiterals.arrayLiteral(t.value(), t.value().matches("\\{[0-9,\\s-]*}") ? "integer" : "varchar");
                    if (array != null) {
                        out.emit(array, t.start());
                        return i + 1;
                    }
                }
                out.emit(Identifiers.literal(t.value()), t.start());
                return i + 1;
            }
            case BIT_STRING:
                out.emit(t.text(), t.start());
                return i + 1;
            case PARAM:
                if (i + 2 < to && tokens.get(i + 1).text().equals("::")
                        && tokens.get(i + 2).isWord("jsonb")
                        && PgTypeLabels.typeNameEnd(tokens, i + 2, to) == i + 3) {
                    // $1::jsonb parses the text as a document; H2's plain cast would make a JSON string
                    // ($1::json is Tusk's json domain: the text as written, checked)
                    out.emit("(?" + t.value() + " format json)", t.start());
                    return i + 3;
                }
                out.emit("?" + t.value(), t.start());
                return i + 1;
            case PUNCT:
                if (t.isPunct('(') && i + 3 < to && tokens.get(i + 1).is(TokenType.STRING) && tokens.get(i + 2).isPunct(')')
                        && tokens.get(i + 3).text().equals("::")) {
                    // ('text')::type, as pgjdbc's simple mode writes parameters: the same as 'text'::type
                    int end = castConstant(i + 1, i + 4, to);
                    if (end > 0) {
                        return end;
                    }
                }
                out.emit(t.text(), t.start());
                if (t.text().equals("::")) {
                    return typeName(i + 1, to);
                }
                return i + 1;
            case IDENT:
                return word(i, to);
            default:
                out.emit(t.text(), t.start());
                return i + 1;
        }
    }

    /**
     * The string constant at index constant cast to the type starting at index type: emitted as the
     * H2 literal PostgreSQL's reading calls for, returning the index after the type; -1 when H2
     * reads the cast as PostgreSQL does (nothing is emitted then).
     */
    private int castConstant(int constant, int type, int to) {
        int end = PgTypeLabels.typeNameEnd(tokens, type, to);
        boolean array = end > type && tokens.get(end - 1).isPunct(']');
        String label = PgTypeLabels.label(tokens, type, end);
        String literal = label.equals("numeric") && end == type + 1 ? TypedLiterals.numeric(tokens.get(constant).value())
                : PgLiterals.cast(tokens.get(constant).value(), label, array);
        if (literal == null) {
            return -1;
        }
        out.emit(literal, tokens.get(constant).start());
        return end;
    }

    private int word(int i, int to) {
        Token t = tokens.get(i);
        if (t.isWord("select") && i > 0 && tokens.get(i - 1).isPunct('(')) {
            // a subquery's columns are named as PostgreSQL names them too: SELECT * FROM (SELECT count(*) ...)
            int close = matching(i - 1);
            selectWithLabels(i, Math.min(close, to));
            return Math.min(close, to);
        }
        if (t.isWord("pg_catalog") && i + 3 < to && tokens.get(i + 1).isPunct('.') && tokens.get(i + 2).is(TokenType.IDENT)
                && tokens.get(i + 3).isPunct('(')) {
            // pg_catalog.f(...) is f(...): pg_catalog heads the search path, and H2 would take the
            // qualified name for its own PostgreSQL-mode function, or for a built-in it has in no schema
            return i + 2;
        }
        boolean qualified = i > 0 && tokens.get(i - 1).isPunct('.') && !(i >= 2 && tokens.get(i - 2).isWord("pg_catalog"));
        boolean call = i + 1 < to && tokens.get(i + 1).isPunct('(');
        if (!qualified) {
            String value = sessionValue(t.value(), call && i + 2 < to && tokens.get(i + 2).isPunct(')'));
            if (value != null) {
                out.emit(value, t.start());
                return call ? i + 3 : i + 1;
            }
            if (t.value().equals("cast") && call) {
                return castCall(i, to);
            }
            if (t.value().equals("for") && i + 1 < to && (tokens.get(i + 1).isWord("share")
                    || tokens.get(i + 1).isWord("no") || tokens.get(i + 1).isWord("key"))) {
                // FOR SHARE / NO KEY UPDATE / KEY SHARE: H2 has only FOR UPDATE, which locks at least as much
                int j = i + 1;
                while (j < to && (tokens.get(j).isWord("share") || tokens.get(j).isWord("no") || tokens.get(j).isWord("key")
                        || tokens.get(j).isWord("update"))) {
                    j++;
                }
                out.emit("for update", t.start());
                return j;
            }
            int before = i >= 3 && tokens.get(i - 1).isPunct('.') && tokens.get(i - 2).isWord("pg_catalog") ? i - 3 : i - 1;
            if (t.value().equals("pg_partition_ancestors") && call && before >= 0 && (tokens.get(before).isWord("from")
                    || tokens.get(before).isWord("join") || tokens.get(before).isPunct(','))) {
                return partitionAncestorsInFrom(i, to);
            }
            if (t.value().equals("pg_listening_channels") && call && before >= 0 && (tokens.get(before).isWord("from")
                    || tokens.get(before).isWord("join") || tokens.get(before).isPunct(','))) {
                return listeningChannelsInFrom(i, to);
            }
            if (t.value().equals("pg_partition_ancestors") && call) {
                // Without partitioning a relation's only ancestor is itself: the set-returning call
                // becomes its argument, which H2 can use where the set is (IN (SELECT ...)).
                int close = matching(i + 1);
                range(i + 1, close + 1);
                return close + 1;
            }
            if (call && SHADOWED_BUILTINS.contains(t.value())) {
                // the engine's function of this name behaves differently; Tusk's is tusk_<name>
                out.emit("tusk_" + t.value(), t.start());
                return i + 1;
            }
            if (t.value().equals("array_length") && call) {
                return arrayLength(i);
            }
            if (t.value().equals("generate_series") && call && before >= 0 && (tokens.get(before).isWord("from")
                    || tokens.get(before).isWord("join") || tokens.get(before).isPunct(','))) {
                return generateSeriesInFrom(i, to);
            }
            if (i + 1 < to && tokens.get(i + 1).is(TokenType.STRING) && !call) {
                String literal = TypedLiterals.h2(t.value(), tokens.get(i + 1).value());
                if (literal != null) {
                    out.emit(literal, t.start());
                    return i + 2;
                }
            }
        }
        out.emit(t.text(), t.start());
        return i + 1;
    }

    /**
     * VALUES (...), (...) with each bare string constant read by its column's type, as PostgreSQL
     * resolves an untyped literal by its target (a bytea, json or array column).
     */
    final void valuesRows(int from, int to, List<H2SqlGenerator.Column> columns) {
        int j = from;
        while (j < to && tokens.get(j).isPunct('(')) {
            int close = matching(j);
            out.emit("(", tokens.get(j).start());
            int itemStart = j + 1;
            int column = 0;
            for (int k = j + 1; k <= close; k++) {
                if (k == close || tokens.get(k).isPunct(',') && depthBetween(j + 1, k) == 0) {
                    if (column > 0) {
                        out.emit(",", tokens.get(itemStart - 1).start());
                    }
                    // a bare constant, or one in parentheses as pgjdbc's simple mode sends it
                    int constant = k == itemStart + 1 ? itemStart
                            : k == itemStart + 3 && tokens.get(itemStart).isPunct('(') && tokens.get(k - 1).isPunct(')')
                            ? itemStart + 1 : -1;
                    String literal = constant >= 0 && tokens.get(constant).is(TokenType.STRING) && column < columns.size()
                            ? PgLiterals.forColumn(tokens.get(constant).value(), columns.get(column).h2Type()) : null;
                    if (literal != null) {
                        out.emit(literal, tokens.get(itemStart).start());
                    } else {
                        range(itemStart, k);
                    }
                    column++;
                    itemStart = k + 1;
                }
            }
            out.emit(")", tokens.get(close).start());
            j = close + 1;
            if (j < to && tokens.get(j).isPunct(',')) {
                out.emit(",", tokens.get(j).start());
                j++;
            }
        }
        range(j, to);
    }

    /**
     * pg_partition_ancestors(rel) [WITH ORDINALITY] AS a(relid, depth) in FROM. Tusk has no
     * partitions, and H2 cannot evaluate a FROM item that refers to another one; psql's parent-trigger
     * lookup, the one catalog query written this way, reaches it only for partition triggers. So it
     * becomes an empty relation with the same columns: no ancestor other than the relation itself,
     * which that query excludes anyway.
     */
    private int partitionAncestorsInFrom(int i, int to) {
        int j = matching(i + 1) + 1;
        if (j + 1 < to && tokens.get(j).isWord("with") && tokens.get(j + 1).isWord("ordinality")) {
            j += 2;
        }
        if (j < to && tokens.get(j).isWord("as")) {
            j++;
        }
        String alias = j < to && tokens.get(j).is(TokenType.IDENT) ? tokens.get(j).value() : "pg_partition_ancestors";
        List<String> columns = new java.util.ArrayList<>();
        if (j < to && tokens.get(j).is(TokenType.IDENT)) {
            j++;
            if (j < to && tokens.get(j).isPunct('(')) {
                int close = matching(j);
                for (int k = j + 1; k < close; k++) {
                    if (tokens.get(k).is(TokenType.IDENT)) {
                        columns.add(tokens.get(k).value());
                    }
                }
                j = close + 1;
            }
        }
        if (columns.isEmpty()) {
            columns.add("relid");
        }
        StringBuilder sb = new StringBuilder("(select ");
        for (int c = 0; c < columns.size(); c++) {
            sb.append(c > 0 ? ", " : "").append("cast(null as integer) as ").append(Identifiers.quote(columns.get(c)));
        }
        out.emit(sb.append(" where false) as ").append(Identifiers.quote(alias)).toString(), tokens.get(i).start());
        return j;
    }

    /** pg_listening_channels() in FROM: the session's channels, as a derived table with the same name. */
    private int listeningChannelsInFrom(int i, int to) {
        int j = matching(i + 1) + 1;
        java.util.List<String> channels = session.listeningChannels().get();
        StringBuilder sb = new StringBuilder("(");
        if (channels.isEmpty()) {
            sb.append("select cast(null as varchar) where false");
        } else {
            sb.append("values ");
            for (int c = 0; c < channels.size(); c++) {
                sb.append(c > 0 ? ", " : "").append('(').append(Identifiers.literal(channels.get(c))).append(')');
            }
        }
        out.emit(sb.append(')').toString(), tokens.get(i).start());
        boolean as = j < to && tokens.get(j).isWord("as");
        int aliasAt = as ? j + 1 : j;
        boolean alias = aliasAt < to && tokens.get(aliasAt).is(TokenType.IDENT)
                && !ColumnLabels.NOT_ALIAS_WORDS.contains(tokens.get(aliasAt).value());
        String name = alias ? tokens.get(aliasAt).value() : "pg_listening_channels";
        out.emit("as " + Identifiers.quote(name) + "(" + Identifiers.quote(name) + ")", tokens.get(j - 1).end());
        return alias ? aliasAt + 1 : j;
    }

    /** array_length(a, 1): H2 has no dimension argument; one-dimensional arrays are all Tusk has so far. */
    private int arrayLength(int i) {
        int close = matching(i + 1);
        int comma = -1;
        for (int k = i + 2; k < close; k++) {
            if (tokens.get(k).isPunct(',') && depthBetween(i + 2, k) == 0) {
                comma = k;
                break;
            }
        }
        if (comma < 0 || comma + 2 != close || !tokens.get(comma + 1).text().equals("1")) {
            out.emit(tokens.get(i).text(), tokens.get(i).start());
            return i + 1;
        }
        // PostgreSQL's array_length of an empty array is NULL, not 0.
        out.emit("nullif(cardinality(", tokens.get(i).start());
        range(i + 2, comma);
        out.emit("), 0)", tokens.get(close).start());
        return close + 1;
    }

    /**
     * generate_series(...) in FROM: PostgreSQL names its column after the alias (or the function);
     * H2 names it X, so the column is named explicitly: {@code AS bid} becomes {@code AS bid(bid)}.
     */
    private int generateSeriesInFrom(int i, int to) {
        int close = matching(i + 1);
        out.emit(tokens.get(i).text(), tokens.get(i).start());
        range(i + 1, close + 1);
        int j = close + 1;
        boolean as = j < to && tokens.get(j).isWord("as");
        int aliasAt = as ? j + 1 : j;
        Token alias = aliasAt < to && (tokens.get(aliasAt).is(TokenType.IDENT) && !ColumnLabels.NOT_ALIAS_WORDS.contains(
                tokens.get(aliasAt).value()) || tokens.get(aliasAt).is(TokenType.QUOTED_IDENT)) ? tokens.get(aliasAt) : null;
        if (alias != null && aliasAt + 1 < to && tokens.get(aliasAt + 1).isPunct('(')) {
            return j; // an explicit column list: nothing to add
        }
        String name = alias != null ? alias.value() : "generate_series";
        out.emit("as " + Identifiers.quote(name) + "(" + Identifiers.quote(name) + ")", tokens.get(close).end());
        return alias != null ? aliasAt + 1 : j;
    }

    /** CAST(expr AS type): the type in H2's spelling. */
    private int castCall(int i, int to) {
        int close = matching(i + 1);
        int as = topLevelWord(tokens, i + 2, close, "as");
        out.emit("cast", tokens.get(i).start()).emit("(", tokens.get(i + 1).start());
        if (as < 0) {
            range(i + 2, close + 1);
            return close + 1;
        }
        range(i + 2, as);
        out.emit("as", tokens.get(as).start());
        int after = typeName(as + 1, close);
        range(after, close + 1);
        return close + 1;
    }

    /** The function or keyword's value when it answers from the session, or null. */
    private String sessionValue(String word, boolean emptyCall) {
        switch (word) {
            case "session_user":
                return emptyCall ? null : Identifiers.literal(session.sessionUser().get());
            case "current_user": case "user": case "current_role":
                return emptyCall ? null : Identifiers.literal(session.currentUser().get());
            case "current_catalog":
                return emptyCall ? null : Identifiers.literal(session.database());
            case "current_database":
                return emptyCall ? Identifiers.literal(session.database()) : null;
            case "pg_backend_pid":
                return emptyCall ? Integer.toString(session.processId()) : null;
            case "version":
                return emptyCall ? Identifiers.literal(session.serverVersion()) : null;
            case "current_schema":
                return emptyCall ? "current_schema" : null;
            default:
                return null;
        }
    }

    /** SELECT with PostgreSQL's labels on the first select list. */
    final void selectWithLabels(int from, int to) {
        int i = from + 1;
        out.emit(tokens.get(from).text(), tokens.get(from).start());
        if (i < to && (tokens.get(i).isWord("distinct") || tokens.get(i).isWord("all"))) {
            range(i, i + 1);
            i++;
            if (i < to && tokens.get(i).isWord("on") && i + 1 < to && tokens.get(i + 1).isPunct('(')) {
                int close = matching(i + 1);
                range(i, close + 1);
                i = close + 1;
            }
        }
        int end = i;
        while (end < to && !(tokens.get(end).is(TokenType.IDENT) && SELECT_LIST_END.contains(tokens.get(end).value())
                && !(tokens.get(end).isWord("from") && tokens.get(end - 1).isWord("distinct"))
                && depthBetween(i, end) == 0)) {
            end++;
        }
        selectList(i, end);
        range(end, to);
    }

    /** A select list (or RETURNING list), each item followed by AS "label" where PostgreSQL labels it. */
    final void selectList(int from, int to) {
        // The first select list begun at the top is the statement's result: its casts to json, name
        // and oid are recorded, as H2's result types cannot tell those from jsonb, varchar and int.
        boolean result = !resultListSeen && selectListDepth == 0;
        resultListSeen = true;
        selectListDepth++;
        int column = 0;
        int start = from;
        for (int i = from; i <= to; i++) {
            if (i == to || tokens.get(i).isPunct(',') && depthBetween(from, i) == 0) {
                if (start > from) {
                    out.emit(",", tokens.get(start - 1).start());
                }
                if (i > start) {
                    range(start, i);
                    String label = ColumnLabels.label(tokens, start, i);
                    if (label != null) {
                        out.emit("as " + Identifiers.quote(label), tokens.get(i - 1).end());
                    }
                    if (result) {
                        int cast = ColumnLabels.castType(tokens, start, i);
                        if (cast == PgTypes.JSON || cast == PgTypes.NAME || cast == PgTypes.OID) {
                            out.castType(column, cast);
                        }
                    }
                    column++;
                }
                start = i + 1;
            }
        }
        selectListDepth--;
    }

    private boolean resultListSeen;
    private int selectListDepth;

    /** A type name starting at i (with modifiers and [] suffixes); emits H2's spelling, returns the next index. */
    final int typeName(int i, int to) {
        if (i >= to) {
            return i;
        }
        if (tokens.get(i).isWord("pg_catalog") && i + 2 < to && tokens.get(i + 1).isPunct('.')) {
            i += 2; // ::pg_catalog.text is ::text
        }
        int end = PgTypeLabels.typeNameEnd(tokens, i, to);
        int arrayStart = end;
        for (int j = i; j < end; j++) {
            if (tokens.get(j).isPunct('[')) {
                arrayStart = j;
                break;
            }
        }
        Token first = tokens.get(i);
        String mapped = arrayStart == i + 1 ? TypeNames.h2Name(first.value()) : null;
        if (first.is(TokenType.IDENT) && mapped != null) {
            out.emit(mapped, first.start());
        } else if (first.isWord("time") && i + 1 < arrayStart && (tokens.get(i + 1).isWord("with") || tokens.get(i + 1).isWord("without"))) {
            // time with[out] time zone: PostgreSQL keeps microseconds, H2 whole seconds unless told
            out.emit("time(6)", first.start());
            for (int j = i + 1; j < arrayStart; j++) {
                out.emit(tokens.get(j).text(), tokens.get(j).start());
            }
        } else {
            for (int j = i; j < arrayStart; j++) {
                out.emit(tokens.get(j).text(), tokens.get(j).start());
            }
        }
        if (arrayStart < end) {
            out.emit("array", tokens.get(arrayStart).start()); // int[] and int[3] are H2's "integer array"
        }
        return end;
    }

    // ---- helpers ----------------------------------------------------------------------------

    final int matching(int open) {
        return matching(tokens, open);
    }
    static int matching(List<Token> t, int open) {
        return dev.tusk.server.sql.Tokens.matching(t, open);
    }

    final int depthBetween(int from, int to) {
        return dev.tusk.server.sql.Tokens.depthBetween(tokens, from, to);
    }
    static boolean hasTopLevelComma(List<Token> t, int from) {
        return dev.tusk.server.sql.Tokens.hasTopLevelComma(t, from);
    }

    static int topLevelWord(List<Token> t, int from, String word) {
        return topLevelWord(t, from, t.size(), word);
    }

    static int topLevelWord(List<Token> t, int from, int to, String word) {
        return dev.tusk.server.sql.Tokens.topLevelWord(t, from, to, word);
    }
}
