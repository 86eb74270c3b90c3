package dev.tusk.server.sql;

import java.util.List;

/**
 * A statement the engine executes (queries, DML, DDL), with its token tree and what the parser found
 * at its root: the command kind, from which the command tag comes, and for DDL the object type.
 *
 * @param tokens   the statement's tokens, in order
 * @param kind     the command at the root (after any WITH clause)
 * @param objectType for CREATE/ALTER/DROP: the object keyword(s) upper-cased, e.g. "TABLE", "INDEX"
 * @param terminator offset of the semicolon that ended the statement in the query string, or -1
 */
public record EngineStatement(String text, List<Token> tokens, CommandKind kind, String objectType, int terminator)
        implements Statement {

    /** The PostgreSQL command tag once the statement has run and affected or returned rows. */
    public String tag(long rows) {
        switch (kind) {
            case SELECT: return "SELECT " + rows;
            case INSERT: return "INSERT 0 " + rows;
            case UPDATE: return "UPDATE " + rows;
            case DELETE: return "DELETE " + rows;
            case MERGE: return "MERGE " + rows;
            case CREATE_TABLE_AS: return "SELECT " + rows;
            case CREATE: return "CREATE " + objectType;
            case ALTER: return "ALTER " + objectType;
            case DROP: return "DROP " + objectType;
            case TRUNCATE: return "TRUNCATE TABLE";
            default: return kind.tag;
        }
    }

    public boolean isDdl() {
        return kind.ddl;
    }
}
