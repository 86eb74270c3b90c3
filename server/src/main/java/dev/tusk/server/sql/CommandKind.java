package dev.tusk.server.sql;

/** The kinds of statement the engine runs, each with its command tag (or tag stem) and DDL-ness. */
public enum CommandKind {
    SELECT("SELECT", false),
    INSERT("INSERT", false),
    UPDATE("UPDATE", false),
    DELETE("DELETE", false),
    MERGE("MERGE", false),
    CREATE("CREATE", true),
    CREATE_TABLE_AS("SELECT", true),
    ALTER("ALTER", true),
    DROP("DROP", true),
    TRUNCATE("TRUNCATE TABLE", true),
    COMMENT("COMMENT", true),
    GRANT("GRANT", true),
    REVOKE("REVOKE", true),
    EXPLAIN("EXPLAIN", false),
    CALL("CALL", false),
    LOCK("LOCK TABLE", false);

    final String tag;
    final boolean ddl;

    CommandKind(String tag, boolean ddl) {
        this.tag = tag;
        this.ddl = ddl;
    }
}
