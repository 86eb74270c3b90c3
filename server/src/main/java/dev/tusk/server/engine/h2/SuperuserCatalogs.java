package dev.tusk.server.engine.h2;

import dev.tusk.protocol.SqlState;
import dev.tusk.server.error.PgException;
import dev.tusk.server.sql.Token;
import dev.tusk.server.sql.TokenType;
import java.util.List;
import java.util.Map;

/**
 * The catalogs that hold password verifiers, which PostgreSQL grants to nobody (initdb revokes them
 * from PUBLIC): pg_authid and the pg_shadow view over it; and Tusk's own tables of object owners and
 * access lists, which ownership and privilege checks trust (pg_class.relowner shows it to everyone). A statement of a role that
 * is not a superuser that names one fails before it runs, as PostgreSQL's permission check of the
 * range table does (42501); pg_roles and pg_user show '********' to everyone instead. Stateless.
 */
final class SuperuserCatalogs {
    /** Relation → what PostgreSQL's message calls it. */
    private static final Map<String, String> GUARDED = Map.of("pg_authid", "table", "pg_shadow", "view",
            "tusk_owners", "table", "tusk_column_acl", "table", "tusk_default_acl", "table");

    private SuperuserCatalogs() {
    }

    static void check(List<Token> tokens) {
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (!(t.is(TokenType.IDENT) || t.is(TokenType.QUOTED_IDENT))) {
                continue;
            }
            String kind = GUARDED.get(t.value());
            boolean call = i + 1 < tokens.size() && tokens.get(i + 1).isPunct('(');
            boolean qualifier = i + 1 < tokens.size() && tokens.get(i + 1).isPunct('.');
            if (kind != null && !call && !qualifier) {
                throw new PgException(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied for " + kind + " " + t.value());
            }
        }
    }
}
