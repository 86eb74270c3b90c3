package dev.tusk.server.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * GRANT/REVOKE of privileges on objects and ALTER DEFAULT PRIVILEGES (cf. GrantStmt, privilege_target
 * and DefACLAction in gram.y).
 */
final class PrivilegeParser {
    private static final Set<String> PRIVILEGES = Set.of("select", "insert", "update", "delete", "truncate", "references",
            "trigger", "execute", "usage", "create", "connect", "temporary", "temp", "set", "maintain");

    private PrivilegeParser() {
    }

    /** After GRANT / REVOKE. */
    static Statement.GrantPrivileges grant(Parser p, String text, boolean grant, boolean defaults) {
        boolean grantOptionFor = false;
        if (!grant && p.peekWord("grant")) {
            p.pos++;
            p.expectWord("option");
            p.expectWord("for");
            grantOptionFor = true;
        }
        List<Statement.Privilege> privileges = privileges(p);
        p.expectWord("on");
        String objectType;
        List<Statement.ObjectName> objects = new ArrayList<>();
        List<String> inSchemas = new ArrayList<>();
        if (defaults) {
            objectType = switch (p.word()) {
                case "tables" -> "TABLE";
                case "sequences" -> "SEQUENCE";
                case "functions", "routines" -> "FUNCTION";
                case "types" -> "TYPE";
                case "schemas" -> "SCHEMA";
                default -> throw p.syntaxError(p.tokens.get(p.pos - 1));
            };
        } else if (p.peekWord("all") && p.pos + 1 < p.end && !p.tokens.get(p.pos + 1).isPunct(',')
                && !p.tokens.get(p.pos + 1).isWord("to") && !p.tokens.get(p.pos + 1).isWord("from")) {
            p.pos++;
            objectType = switch (p.word()) {
                case "tables" -> "TABLE";
                case "sequences" -> "SEQUENCE";
                case "functions", "procedures", "routines" -> "FUNCTION";
                default -> throw p.syntaxError(p.tokens.get(p.pos - 1));
            };
            p.expectWord("in");
            p.expectWord("schema");
            inSchemas.addAll(RoleParser.names(p));
        } else {
            objectType = objectType(p);
            do {
                if (p.pos < p.end && p.tokens.get(p.pos).isPunct(',')) {
                    p.pos++;
                }
                objects.add(objectName(p, objectType));
            } while (p.pos < p.end && p.tokens.get(p.pos).isPunct(','));
        }
        p.expectWord(grant ? "to" : "from");
        List<String> grantees = new ArrayList<>();
        do {
            if (p.pos < p.end && p.tokens.get(p.pos).isPunct(',')) {
                p.pos++;
            }
            p.optionalWord("group");
            grantees.add(p.name());
        } while (p.pos < p.end && p.tokens.get(p.pos).isPunct(','));
        boolean grantOption = grantOptionFor;
        if (grant && p.peekWord("with")) {
            p.pos++;
            p.expectWord("grant");
            p.expectWord("option");
            grantOption = true;
        }
        if (!defaults && p.optionalWord("granted")) {
            p.expectWord("by");
            p.name();
        }
        boolean cascade = false;
        if (!grant) {
            cascade = p.optionalWord("cascade");
            if (!cascade) {
                p.optionalWord("restrict");
            }
        }
        if (p.pos < p.end) {
            throw p.syntaxError(p.tokens.get(p.pos));
        }
        return new Statement.GrantPrivileges(text, grant, privileges, objectType, objects, inSchemas, grantees, grantOption, cascade);
    }

    /** ALL [PRIVILEGES] [(columns)] | privilege [(columns)] [, ...]; ALL without columns is the empty list. */
    private static List<Statement.Privilege> privileges(Parser p) {
        List<Statement.Privilege> out = new ArrayList<>();
        if (p.optionalWord("all")) {
            p.optionalWord("privileges");
            List<String> columns = columns(p);
            if (!columns.isEmpty()) {
                out.add(new Statement.Privilege("all", columns));
            }
            return out;
        }
        do {
            if (p.pos < p.end && p.tokens.get(p.pos).isPunct(',')) {
                p.pos++;
            }
            String name = p.word();
            if (name.equals("alter") && p.optionalWord("system")) {
                name = "alter system";
            }
            if (!PRIVILEGES.contains(name) && !name.equals("alter system")) {
                throw p.syntaxError(p.tokens.get(p.pos - 1));
            }
            out.add(new Statement.Privilege(name, columns(p)));
        } while (p.pos < p.end && p.tokens.get(p.pos).isPunct(','));
        return out;
    }

    private static List<String> columns(Parser p) {
        List<String> columns = new ArrayList<>();
        if (p.pos < p.end && p.tokens.get(p.pos).isPunct('(')) {
            p.pos++;
            columns.addAll(RoleParser.names(p));
            if (p.pos >= p.end || !p.tokens.get(p.pos).isPunct(')')) {
                throw p.syntaxError(p.pos < p.end ? p.tokens.get(p.pos) : null);
            }
            p.pos++;
        }
        return columns;
    }

    private static String objectType(Parser p) {
        if (p.pos + 1 < p.end && p.tokens.get(p.pos + 1).is(TokenType.IDENT)) {
            String w = p.tokens.get(p.pos).value();
            switch (w) {
                case "table": p.pos++; return "TABLE";
                case "sequence": p.pos++; return "SEQUENCE";
                case "schema": p.pos++; return "SCHEMA";
                case "database": p.pos++; return "DATABASE";
                case "function": case "procedure": case "routine": p.pos++; return "FUNCTION";
                case "type": case "domain": p.pos++; return "TYPE";
                case "language": p.pos++; return "LANGUAGE";
                case "tablespace": p.pos++; return "TABLESPACE";
                case "large": p.pos += 2; return "LARGE OBJECT";
                case "parameter": p.pos++; return "PARAMETER";
                case "foreign": {
                    p.pos++;
                    String second = p.word();
                    if (second.equals("data")) {
                        p.expectWord("wrapper");
                        return "FOREIGN DATA WRAPPER";
                    }
                    return second.equals("server") ? "FOREIGN SERVER" : "FOREIGN TABLE";
                }
                default: break;
            }
        }
        p.optionalWord("table");
        return "TABLE";
    }

    /** [schema.]name, and for a function its argument list, which Tusk does not need yet. */
    private static Statement.ObjectName objectName(Parser p, String objectType) {
        String first = p.name();
        String schema = null;
        String name = first;
        if (p.pos + 1 < p.end && p.tokens.get(p.pos).isPunct('.') && (objectType.equals("TABLE")
                || objectType.equals("SEQUENCE") || objectType.equals("FUNCTION") || objectType.equals("TYPE"))) {
            p.pos++;
            schema = first;
            name = p.name();
        }
        if (objectType.equals("FUNCTION") && p.pos < p.end && p.tokens.get(p.pos).isPunct('(')) {
            int depth = 0;
            do {
                if (p.tokens.get(p.pos).isPunct('(')) {
                    depth++;
                } else if (p.tokens.get(p.pos).isPunct(')')) {
                    depth--;
                }
                p.pos++;
            } while (depth > 0 && p.pos < p.end);
        }
        return new Statement.ObjectName(schema, name);
    }

    /** After ALTER DEFAULT PRIVILEGES. */
    static Statement.AlterDefaultPrivileges defaults(Parser p, String text) {
        List<String> roles = new ArrayList<>();
        List<String> schemas = new ArrayList<>();
        while (p.peekWord("for") || p.peekWord("in")) {
            if (p.optionalWord("for")) {
                String w = p.word();
                if (!w.equals("role") && !w.equals("user")) {
                    throw p.syntaxError(p.tokens.get(p.pos - 1));
                }
                roles.addAll(RoleParser.names(p));
            } else {
                p.pos++;
                p.expectWord("schema");
                schemas.addAll(RoleParser.names(p));
            }
        }
        String verb = p.word().toLowerCase(Locale.ROOT);
        if (!verb.equals("grant") && !verb.equals("revoke")) {
            throw p.syntaxError(p.tokens.get(p.pos - 1));
        }
        return new Statement.AlterDefaultPrivileges(text, roles, schemas, grant(p, text, verb.equals("grant"), true));
    }
}
