package dev.tusk.server.sql;

import java.util.List;

/**
 * The role statements of the grammar (cf. CreateRoleStmt, AlterRoleStmt, GrantRoleStmt and
 * GrantStmt in gram.y): CREATE/ALTER ROLE attributes, GRANT/REVOKE of roles, and the grantees of
 * object privileges. They read from the {@link Parser} they are given.
 */
final class RoleParser {
    private RoleParser() {
    }

    /** name [WITH] {SUPERUSER | NOSUPERUSER | LOGIN | NOLOGIN | [ENCRYPTED] PASSWORD 'x' | PASSWORD NULL | other attributes}... */
    static Statement attributes(Parser p, String text, Statement.RoleAction action, boolean loginByDefault) {
        String name = p.name();
        java.util.Map<String, String> attrs = new java.util.HashMap<>();
        if (action == Statement.RoleAction.CREATE) {
            attrs.put("login", Boolean.toString(loginByDefault));
        }
        p.optionalWord("with");
        while (p.pos < p.end) {
            String w = p.word();
            switch (w) {
                case "superuser": case "nosuperuser": attrs.put("superuser", Boolean.toString(w.equals("superuser"))); break;
                case "login": case "nologin": attrs.put("login", Boolean.toString(w.equals("login"))); break;
                case "encrypted": p.expectWord("password"); attrs.put("password", passwordValue(p)); break;
                case "password": attrs.put("password", passwordValue(p)); break;
                case "createdb": case "nocreatedb": attrs.put("createdb", Boolean.toString(w.equals("createdb"))); break;
                case "createrole": case "nocreaterole": attrs.put("createrole", Boolean.toString(w.equals("createrole"))); break;
                case "replication": case "noreplication": attrs.put("replication", Boolean.toString(w.equals("replication"))); break;
                case "bypassrls": case "nobypassrls": attrs.put("bypassrls", Boolean.toString(w.equals("bypassrls"))); break;
                case "inherit": case "noinherit":
                    break; // accepted; a member always has its roles' privileges in Tusk
                case "connection": p.expectWord("limit"); attrs.put("connection limit", signedInteger(p)); break;
                case "valid": p.expectWord("until"); attrs.put("valid until", string(p)); break;
                default: throw p.syntaxError(p.tokens.get(p.pos - 1));
            }
        }
        return new Statement.RoleCommand(text, action, List.of(name), attrs, List.of(), false);
    }

    /** CONNECTION LIMIT's value: an integer, possibly negative (-1 is no limit). */
    private static String signedInteger(Parser p) {
        boolean minus = p.pos < p.end && p.tokens.get(p.pos).is(TokenType.OPERATOR) && p.tokens.get(p.pos).text().equals("-");
        if (minus) {
            p.pos++;
        }
        if (p.pos >= p.end || !p.tokens.get(p.pos).is(TokenType.NUMBER)) {
            throw p.syntaxError(p.pos < p.end ? p.tokens.get(p.pos) : null);
        }
        return (minus ? "-" : "") + p.tokens.get(p.pos++).value();
    }

    /** VALID UNTIL's value: a string constant. */
    private static String string(Parser p) {
        if (p.pos >= p.end || !p.tokens.get(p.pos).is(TokenType.STRING)) {
            throw p.syntaxError(p.pos < p.end ? p.tokens.get(p.pos) : null);
        }
        return p.tokens.get(p.pos++).value();
    }

    /** The password after PASSWORD: a string, or NULL for none (stored as ""). */
    private static String passwordValue(Parser p) {
        if (p.pos < p.end && p.tokens.get(p.pos).is(TokenType.STRING)) {
            return p.tokens.get(p.pos++).value();
        }
        p.expectWord("null");
        return "";
    }

    /**
     * GRANT role [, ...] TO member [, ...] [WITH ADMIN OPTION] [GRANTED BY r] / REVOKE [ADMIN OPTION FOR]
     * role [, ...] FROM member [, ...] [GRANTED BY r] [CASCADE | RESTRICT]; the admin option is the
     * attribute "admin option".
     */
    static Statement grant(Parser p, String text, boolean grant) {
        boolean admin = false;
        if (!grant && p.optionalWord("admin")) {
            p.expectWord("option");
            p.expectWord("for");
            admin = true;
        }
        List<String> roles = names(p);
        p.expectWord(grant ? "to" : "from");
        List<String> members = names(p);
        if (grant && p.optionalWord("with")) {
            p.expectWord("admin");
            p.expectWord("option");
            admin = true;
        }
        if (p.optionalWord("granted")) {
            p.expectWord("by");
            p.name();
        }
        if (!grant && !p.optionalWord("cascade")) {
            p.optionalWord("restrict");
        }
        return new Statement.RoleCommand(text, grant ? Statement.RoleAction.GRANT : Statement.RoleAction.REVOKE, roles,
                admin ? java.util.Map.of("admin option", "true") : java.util.Map.of(), members, false);
    }

    static List<String> names(Parser p) {
        List<String> out = new java.util.ArrayList<>();
        out.add(p.name());
        while (p.pos < p.end && p.tokens.get(p.pos).isPunct(',')) {
            p.pos++;
            out.add(p.name());
        }
        return out;
    }
}
