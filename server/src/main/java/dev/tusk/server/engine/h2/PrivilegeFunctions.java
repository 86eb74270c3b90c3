package dev.tusk.server.engine.h2;

import dev.tusk.protocol.SqlState;
import dev.tusk.server.catalog.Acl;
import dev.tusk.server.catalog.PgOids;
import dev.tusk.server.sql.Lexer;
import dev.tusk.server.sql.Token;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Set;
import org.h2.engine.SessionLocal;
import org.h2.schema.Schema;
import org.h2.schema.Sequence;
import org.h2.table.Column;
import org.h2.table.Table;
import org.h2.tools.SimpleResultSet;

/**
 * has_table_privilege and its siblings (cf. utils/adt/acl.c), answered from the same lists the
 * privilege checks use: true when the role holds any of the privileges named ("SELECT, INSERT WITH
 * GRANT OPTION"); objects by name or OID, roles by name or OID (the current user when omitted). And
 * the rows of information_schema.table_privileges. Static methods H2 calls.
 */
public final class PrivilegeFunctions {
    private PrivilegeFunctions() {
    }

    public static final String[][] ALIASES = {
        {"has_table_privilege", "hasTablePrivilege"},
        {"has_sequence_privilege", "hasSequencePrivilege"},
        {"has_schema_privilege", "hasSchemaPrivilege"},
        {"has_database_privilege", "hasDatabasePrivilege"},
        {"has_column_privilege", "hasColumnPrivilege"},
        {"has_any_column_privilege", "hasAnyColumnPrivilege"},
        {"has_function_privilege", "hasFunctionPrivilege"},
        {"has_type_privilege", "hasTypePrivilege"},
        {"has_language_privilege", "hasLanguagePrivilege"},
        {"tusk_table_privileges", "tablePrivileges"},
        {"tusk_acl_lines", "aclLines"},
    };

    /** An error H2 passes on with its SQLSTATE (a function's exception reaches the client as its cause). */
    private static SQLException error(String sqlState, String message) {
        return new SQLException(message, sqlState);
    }

    private static ObjectPrivileges privileges(Connection c) throws SQLException {
        H2Session s = H2Sessions.running(c);
        if (s == null) {
            throw new SQLException("not in a session");
        }
        return s.privileges();
    }

    /** A role given by name or OID; 42704 when there is none. */
    private static String role(Connection c, String role) throws SQLException {
        if (role.chars().allMatch(Character::isDigit) && !role.isEmpty()) {
            String name = PgCatalogFunctions.pgGetUserbyid(c, Integer.valueOf(role));
            if (name.startsWith("unknown (")) {
                throw error(SqlState.UNDEFINED_OBJECT, "role with OID " + role + " does not exist");
            }
            return name;
        }
        if (role.equalsIgnoreCase("public")) {
            return "";
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_catalog.pg_authid WHERE rolname = ?")) {
            ps.setString(1, role);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw error(SqlState.UNDEFINED_OBJECT, "role \"" + role + "\" does not exist");
                }
            }
        }
        return role;
    }

    private static int[] mode(String privileges, Set<String> allowed) throws SQLException {
        for (String part : privileges.split(",")) {
            String p = part.strip().toLowerCase(java.util.Locale.ROOT).replaceAll("\\s+", " ").replace(" with grant option", "");
            if (!allowed.contains(p)) {
                throw error(SqlState.INVALID_PARAMETER_VALUE, "unrecognized privilege type: \"" + part.strip() + "\"");
            }
        }
        return Acl.privilegesNamed(privileges);
    }

    /** A relation by name (as regclass reads it) or OID: [schema, name]; 42P01 when there is none. */
    private static Object relation(Connection c, String relation) throws SQLException {
        SessionLocal h2 = H2Sessions.of(c);
        if (!relation.isEmpty() && relation.chars().allMatch(Character::isDigit)) {
            int oid = Integer.parseInt(relation);
            for (Schema s : h2.getDatabase().getAllSchemas()) {
                for (Table t : s.getAllTablesAndViews(h2)) {
                    if (PgOids.of('r', s.getName(), t.getName()) == oid) {
                        return t;
                    }
                }
                for (Sequence q : s.getAllSequences()) {
                    if (PgOids.of('S', s.getName(), q.getName()) == oid) {
                        return q;
                    }
                }
            }
            return null; // PostgreSQL answers NULL for an OID that is no relation
        }
        List<Token> t = Lexer.tokenize(relation);
        Object found = t.size() == 3 && t.get(1).isPunct('.') ? Relations.find(h2, t.get(0).value(), t.get(2).value())
                : t.size() == 1 ? Relations.find(h2, null, t.get(0).value()) : null;
        if (found == null) {
            throw error(SqlState.UNDEFINED_TABLE, "relation \"" + relation + "\" does not exist");
        }
        return found;
    }

    private static String schemaOf(Object relation) {
        return relation instanceof Table t ? t.getSchema().getName() : ((Sequence) relation).getSchema().getName();
    }

    private static String nameOf(Object relation) {
        return relation instanceof Table t ? t.getName() : ((Sequence) relation).getName();
    }

    /** Whether role holds any of the privileges (with their grant option where asked) in the list acl. */
    private static boolean holds(ObjectPrivileges p, String role, Acl acl, int[] mode) {
        int mask = acl.mask(p.rolesOf(role));
        int privileges = Acl.privilegesOf(mask);
        int options = Acl.grantOptionsOf(mask);
        for (int bit = 1; bit <= mode[0]; bit <<= 1) {
            if ((mode[0] & bit) != 0 && (privileges & bit) != 0 && ((mode[1] & bit) == 0 || (options & bit) != 0)) {
                return true;
            }
        }
        return false;
    }

    private static boolean onRelation(Connection c, String role, String relation, String privileges, Set<String> allowed)
            throws SQLException {
        ObjectPrivileges p = privileges(c);
        int[] mode = mode(privileges, allowed);
        Object r = relation(c, relation);
        if (r == null) {
            return false;
        }
        ObjectPrivileges.Entry e = p.find(schemaOf(r), nameOf(r));
        return e == null || holds(p, role, e.acl(), mode) || (mode[0] & p.implicit(role, e.kind())) != 0;
    }

    private static final Set<String> TABLE = Set.of("select", "insert", "update", "delete", "truncate", "references", "trigger");
    private static final Set<String> SEQUENCE = Set.of("usage", "select", "update");
    private static final Set<String> COLUMN = Set.of("select", "insert", "update", "references");

    public static Boolean hasTablePrivilege(Connection c, String table, String privileges) throws SQLException {
        return hasTablePrivilege(c, privileges(c).currentUser(), table, privileges);
    }

    public static Boolean hasTablePrivilege(Connection c, String role, String table, String privileges) throws SQLException {
        if (role == null || table == null || privileges == null) {
            return null;
        }
        return onRelation(c, role(c, role), table, privileges, TABLE);
    }

    public static Boolean hasSequencePrivilege(Connection c, String sequence, String privileges) throws SQLException {
        return hasSequencePrivilege(c, privileges(c).currentUser(), sequence, privileges);
    }

    public static Boolean hasSequencePrivilege(Connection c, String role, String sequence, String privileges) throws SQLException {
        if (role == null || sequence == null || privileges == null) {
            return null;
        }
        if (relation(c, sequence) instanceof Table) {
            throw error(SqlState.WRONG_OBJECT_TYPE, "\"" + sequence + "\" is not a sequence");
        }
        return onRelation(c, role(c, role), sequence, privileges, SEQUENCE);
    }

    public static Boolean hasAnyColumnPrivilege(Connection c, String table, String privileges) throws SQLException {
        return hasAnyColumnPrivilege(c, privileges(c).currentUser(), table, privileges);
    }

    public static Boolean hasAnyColumnPrivilege(Connection c, String role, String table, String privileges) throws SQLException {
        if (role == null || table == null || privileges == null) {
            return null;
        }
        String r = role(c, role);
        if (onRelation(c, r, table, privileges, COLUMN)) {
            return true;
        }
        ObjectPrivileges p = privileges(c);
        Object rel = relation(c, table);
        int[] mode = mode(privileges, COLUMN);
        for (Acl acl : p.columns(schemaOf(rel), nameOf(rel)).values()) {
            if (holds(p, r, acl, mode)) {
                return true;
            }
        }
        return false;
    }

    public static Boolean hasColumnPrivilege(Connection c, String table, String column, String privileges) throws SQLException {
        return hasColumnPrivilege(c, privileges(c).currentUser(), table, column, privileges);
    }

    public static Boolean hasColumnPrivilege(Connection c, String role, String table, String column, String privileges)
            throws SQLException {
        if (role == null || table == null || column == null || privileges == null) {
            return null;
        }
        String r = role(c, role);
        Object rel = relation(c, table);
        if (rel instanceof Table t) {
            Column col = column.chars().allMatch(Character::isDigit) && !column.isEmpty()
                    ? (Integer.parseInt(column) >= 1 && Integer.parseInt(column) <= t.getColumns().length
                        ? t.getColumns()[Integer.parseInt(column) - 1] : null)
                    : t.findColumn(column);
            if (col == null) {
                throw error(SqlState.UNDEFINED_COLUMN, "column \"" + column + "\" of relation \"" + t.getName()
                        + "\" does not exist");
            }
            if (onRelation(c, r, table, privileges, COLUMN)) {
                return true;
            }
            ObjectPrivileges p = privileges(c);
            Acl acl = p.columns(t.getSchema().getName(), t.getName()).get(col.getName());
            return acl != null && holds(p, r, acl, mode(privileges, COLUMN));
        }
        return onRelation(c, r, table, privileges, COLUMN);
    }

    public static Boolean hasSchemaPrivilege(Connection c, String schema, String privileges) throws SQLException {
        return hasSchemaPrivilege(c, privileges(c).currentUser(), schema, privileges);
    }

    public static Boolean hasSchemaPrivilege(Connection c, String role, String schema, String privileges) throws SQLException {
        if (role == null || schema == null || privileges == null) {
            return null;
        }
        String r = role(c, role);
        int[] mode = mode(privileges, Set.of("usage", "create"));
        String name = schema;
        if (!schema.isEmpty() && schema.chars().allMatch(Character::isDigit)) {
            name = null;
            for (Schema s : H2Sessions.of(c).getDatabase().getAllSchemas()) {
                if (PgOids.namespace(s.getName()) == Integer.parseInt(schema)) {
                    name = s.getName();
                }
            }
            if (name == null) {
                return null;
            }
        } else if (H2Sessions.of(c).getDatabase().findSchema(schema) == null) {
            throw error(SqlState.INVALID_SCHEMA_NAME, "schema \"" + schema + "\" does not exist");
        }
        ObjectPrivileges p = privileges(c);
        ObjectPrivileges.Entry e = p.find("", name);
        return e == null || holds(p, r, e.acl(), mode);
    }

    public static Boolean hasDatabasePrivilege(Connection c, String database, String privileges) throws SQLException {
        return hasDatabasePrivilege(c, privileges(c).currentUser(), database, privileges);
    }

    public static Boolean hasDatabasePrivilege(Connection c, String role, String database, String privileges) throws SQLException {
        if (role == null || database == null || privileges == null) {
            return null;
        }
        String r = role(c, role);
        int[] mode = mode(privileges, Set.of("create", "connect", "temporary", "temp"));
        ObjectPrivileges p = privileges(c);
        String owner = null;
        Acl acl = null;
        boolean found = false;
        try (ResultSet rs = PgCatalogFunctions.tuskDatabases(c)) {
            while (rs.next()) {
                String name = rs.getString(1);
                if (name.equals(database) || String.valueOf(PgOids.of('d', "", name)).equals(database)) {
                    found = true;
                    owner = rs.getString(2);
                    String lines = rs.getString(3);
                    acl = lines == null ? null : Acl.parse(aclLines(lines));
                }
            }
        } catch (java.io.IOException e) {
            throw new SQLException(e);
        }
        if (!found) {
            throw error(SqlState.UNDEFINED_DATABASE, "database \"" + database + "\" does not exist");
        }
        if (acl == null) {
            acl = Acl.defaultFor(Acl.Kind.DATABASE, owner != null ? owner : p.bootstrap());
        }
        return holds(p, r, acl, mode);
    }

    /** An access list kept as aclitems a line, as the array the catalogs show. */
    public static String[] aclLines(String lines) {
        return lines == null ? null : lines.split("\n");
    }

    /**
     * Functions, types and languages are the built-in ones, which PUBLIC may use: true for a valid
     * privilege (and an existing role, when one is named).
     */
    private static Boolean builtIn(Connection c, String role, String privileges, String valid) throws SQLException {
        if (role != null) {
            role(c, role);
        }
        mode(privileges, Set.of(valid));
        return true;
    }

    public static Boolean hasFunctionPrivilege(Connection c, String function, String privileges) throws SQLException {
        return builtIn(c, null, privileges, "execute");
    }

    public static Boolean hasFunctionPrivilege(Connection c, String role, String function, String privileges) throws SQLException {
        return builtIn(c, role, privileges, "execute");
    }

    public static Boolean hasTypePrivilege(Connection c, String type, String privileges) throws SQLException {
        return builtIn(c, null, privileges, "usage");
    }

    public static Boolean hasTypePrivilege(Connection c, String role, String type, String privileges) throws SQLException {
        return builtIn(c, role, privileges, "usage");
    }

    public static Boolean hasLanguagePrivilege(Connection c, String language, String privileges) throws SQLException {
        return builtIn(c, null, privileges, "usage");
    }

    public static Boolean hasLanguagePrivilege(Connection c, String role, String language, String privileges) throws SQLException {
        return builtIn(c, role, privileges, "usage");
    }

    /**
     * information_schema.table_privileges' rows (cf. its definition in information_schema.sql): each
     * privilege of each aclitem on a table or view, where the grantor or the grantee is a role the
     * current user has, or the grantee is PUBLIC.
     */
    public static ResultSet tablePrivileges(Connection c) throws SQLException {
        SimpleResultSet rs = new SimpleResultSet();
        for (String col : new String[] {"grantor", "grantee", "table_schema", "table_name", "privilege_type", "is_grantable"}) {
            rs.addColumn(col, Types.VARCHAR, 0, 0);
        }
        if (c.getMetaData().getURL().equals("jdbc:columnlist:connection")) {
            return rs;
        }
        ObjectPrivileges p = privileges(c);
        SessionLocal h2 = H2Sessions.of(c);
        var mine = p.currentRoles();
        for (Schema s : h2.getDatabase().getAllSchemas()) {
            if (PrivilegeCheck.isCatalog(s.getName())) {
                continue;
            }
            for (Table t : s.getAllTablesAndViews(h2)) {
                if (t.getTableType() == null || t.getName().startsWith(DdlUndo.HIDDEN_PREFIX)) {
                    continue;
                }
                ObjectPrivileges.Entry e = p.find(s.getName(), t.getName());
                Acl acl = e != null ? e.acl() : Acl.defaultFor(Acl.Kind.TABLE, p.bootstrap());
                for (Acl.Item i : acl.items()) {
                    if (!(i.grantee().isEmpty() || mine.test(i.grantee()) || mine.test(i.grantor()))) {
                        continue;
                    }
                    for (String privilege : Acl.names(i.privileges())) {
                        int bit = Acl.privilege(privilege);
                        rs.addRow(i.grantor(), i.grantee().isEmpty() ? "PUBLIC" : i.grantee(), s.getName(), t.getName(), privilege,
                                (i.grantOptions() & bit) != 0 || i.grantee().equals(e != null ? e.owner() : "") ? "YES" : "NO");
                    }
                }
            }
        }
        return rs;
    }
}
