package dev.tusk.server.engine.h2;

import dev.tusk.server.catalog.Acl;
import dev.tusk.server.engine.SessionInfo;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The privileges on this database's objects (cf. pg_class.relacl, pg_namespace.nspacl,
 * pg_attribute.attacl, pg_default_acl): an object's list beside its owner in pg_catalog.tusk_owners
 * (null: its kind's default), column lists in tusk_column_acl, default privileges in tusk_default_acl,
 * all written in the session's transaction. An object Tusk has no owner for (created before owners
 * were kept) is open to every role, as before; schema public has PostgreSQL 15's list (its database's
 * owner may create, everyone may use). Belongs to its session's thread.
 */
final class ObjectPrivileges {
    static final String OWNER_ACL_COLUMN = "ALTER TABLE pg_catalog.tusk_owners ADD COLUMN IF NOT EXISTS acl VARCHAR ARRAY";
    static final String COLUMN_TABLE = "CREATE TABLE IF NOT EXISTS pg_catalog.tusk_column_acl (nspname VARCHAR NOT NULL,"
            + " objname VARCHAR NOT NULL, attname VARCHAR NOT NULL, acl VARCHAR ARRAY, PRIMARY KEY (nspname, objname, attname))";
    static final String DEFAULT_TABLE = "CREATE TABLE IF NOT EXISTS pg_catalog.tusk_default_acl (rolname VARCHAR NOT NULL,"
            + " nspname VARCHAR NOT NULL, objtype VARCHAR NOT NULL, acl VARCHAR ARRAY, PRIMARY KEY (rolname, nspname, objtype))";

    /** Schema public as PostgreSQL 15's initdb leaves it. */
    static final Acl PUBLIC_SCHEMA = Acl.EMPTY.grant("pg_database_owner", Acl.USAGE | Acl.CREATE, false, "pg_database_owner")
            .grant("", Acl.USAGE, false, "pg_database_owner");
    /** pg_catalog and information_schema: everyone may use them. */
    static final Acl SYSTEM_SCHEMA = Acl.EMPTY.grant("", Acl.USAGE, false, "");

    private final Connection conn;
    private final SessionInfo info;
    private final Supplier<String> databaseOwner;
    private final Supplier<Acl> databaseAcl;

    ObjectPrivileges(Connection conn, SessionInfo info, Supplier<String> databaseOwner, Supplier<Acl> databaseAcl) {
        this.conn = conn;
        this.info = info;
        this.databaseOwner = databaseOwner;
        this.databaseAcl = databaseAcl;
    }

    Connection connection() {
        return conn;
    }

    String currentUser() {
        return info.currentUser().get();
    }

    String database() {
        return info.database();
    }

    /** Whether role has all these privileges on this database (CREATE, TEMPORARY, CONNECT). */
    boolean hasOnDatabase(String role, int privileges) {
        Acl acl = databaseAcl.get();
        if (acl == null) {
            acl = Acl.defaultFor(Acl.Kind.DATABASE, databaseOwner());
        }
        return (Acl.privilegesOf(acl.mask(rolesOf(role))) & privileges) == privileges;
    }

    /** An object with an owner: its kind, owner and list (never null: the default when none was set). */
    record Entry(Acl.Kind kind, String schema, String name, String owner, Acl acl, boolean recorded) {
    }

    /** SQL for an object's list as the catalogs show it (null while it has its default). */
    static String aclOf(String schemaColumn, String nameColumn) {
        return "(SELECT o.acl FROM pg_catalog.tusk_owners o WHERE o.nspname = " + schemaColumn + " AND o.objname = " + nameColumn + ")";
    }

    static Acl.Kind kindOf(String kind) {
        return switch (kind) {
            case "view" -> Acl.Kind.VIEW;
            case "sequence" -> Acl.Kind.SEQUENCE;
            case "schema" -> Acl.Kind.SCHEMA;
            default -> Acl.Kind.TABLE;
        };
    }

    /** Entries looked up since privileges last changed anywhere (see PrivilegeCheck's epoch); a missing one as NONE. */
    private final Map<String, Entry> found = new java.util.HashMap<>();
    private long foundEpoch = -1;
    private static final Entry NONE = new Entry(Acl.Kind.TABLE, "", "", "", Acl.EMPTY, false);

    /** A relation's (schema given) or schema's (schema "") entry, or null when it is open to all. */
    Entry find(String schema, String name) throws SQLException {
        long epoch = PrivilegeCheck.epoch();
        if (epoch != foundEpoch) {
            found.clear();
            foundEpoch = epoch;
        }
        String key = schema + "\u0000" + name;
        Entry e = found.get(key);
        if (e == null) {
            e = lookUp(schema, name);
            if (found.size() >= 1024) {
                found.clear();
            }
            found.put(key, e == null ? NONE : e);
        }
        return e == NONE ? null : e;
    }

    private Entry lookUp(String schema, String name) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(
                "SELECT kind, owner, acl FROM pg_catalog.tusk_owners WHERE nspname = ? AND objname = ?")) {
            ps.setString(1, schema);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    Acl.Kind kind = kindOf(rs.getString(1));
                    Acl acl = acl(rs.getArray(3));
                    return new Entry(kind, schema, name, rs.getString(2), acl != null ? acl : Acl.defaultFor(kind, rs.getString(2)),
                            acl != null);
                }
            }
        }
        if (schema.isEmpty()) {
            switch (name) {
                case "public": return new Entry(Acl.Kind.SCHEMA, "", name, "pg_database_owner", PUBLIC_SCHEMA, false);
                case "pg_catalog": case "information_schema": return new Entry(Acl.Kind.SCHEMA, "", name, bootstrap(), SYSTEM_SCHEMA, false);
                default: return null;
            }
        }
        return null;
    }

    static Acl acl(Array a) throws SQLException {
        return a == null ? null : Acl.parse((Object[]) a.getArray());
    }

    /** Writes an object's list; an object without an owner row gets one (the bootstrap superuser's, as the catalogs show it). */
    void store(Entry e, Acl acl) throws SQLException {
        if (!e.recorded() && ObjectOwners.find(conn, e.schema(), e.name()) == null) {
            ObjectOwners.record(conn, e.kind().noun(), e.schema(), e.name(), e.owner());
        }
        ObjectOwners.setAcl(conn, e.schema(), e.name(), acl);
        PrivilegeCheck.invalidate();
    }

    /** The column lists set on a table: column name to list. */
    Map<String, Acl> columns(String schema, String table) throws SQLException {
        Map<String, Acl> out = new LinkedHashMap<>();
        try (PreparedStatement ps = conn.prepareStatement(
                "SELECT attname, acl FROM pg_catalog.tusk_column_acl WHERE nspname = ? AND objname = ?")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Acl acl = acl(rs.getArray(2));
                    if (acl != null) {
                        out.put(rs.getString(1), acl);
                    }
                }
            }
        }
        return out;
    }

    void storeColumn(String schema, String table, String column, Acl acl) throws SQLException {
        PrivilegeCheck.invalidate();
        try (PreparedStatement ps = conn.prepareStatement(acl.items().isEmpty()
                ? "DELETE FROM pg_catalog.tusk_column_acl WHERE nspname = ? AND objname = ? AND attname = ?"
                : "MERGE INTO pg_catalog.tusk_column_acl (nspname, objname, attname, acl) KEY (nspname, objname, attname)"
                + " VALUES (?, ?, ?, ?)")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            ps.setString(3, column);
            if (!acl.items().isEmpty()) {
                ps.setObject(4, acl.toArray());
            }
            ps.executeUpdate();
        }
    }

    /** The bootstrap superuser's name (the owner objects without a recorded one show). */
    String bootstrap() {
        try (PreparedStatement ps = conn.prepareStatement("SELECT rolname FROM pg_catalog.pg_authid WHERE oid = 10");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : "postgres";
        } catch (SQLException e) {
            throw H2Errors.map(e);
        }
    }

    /** Whether a grantee's privileges are role's: it is the role or one it inherits, or pg_database_owner for the database's owner. */
    Predicate<String> rolesOf(String role) {
        if (info.roles().superuser(role)) {
            return grantee -> true;
        }
        return grantee -> grantee.equals(role) || info.roles().hasPrivilegesOf(role, grantee)
                || grantee.equals("pg_database_owner") && info.roles().hasPrivilegesOf(role, databaseOwner());
    }

    /** The current user's roles, as {@link #rolesOf}. */
    Predicate<String> currentRoles() {
        return rolesOf(info.currentUser().get());
    }

    String databaseOwner() {
        String owner = databaseOwner.get();
        return owner != null ? owner : bootstrap();
    }

    /** Whether role has all of the privileges on the object (an open object: yes). */
    boolean has(String role, Entry e, int privileges) {
        if (e == null) {
            return true;
        }
        int held = Acl.privilegesOf(e.acl().mask(rolesOf(role))) | implicit(role, e.kind());
        return (held & privileges) == privileges;
    }

    /** What pg_read_all_data and pg_write_all_data give their members on every object of a kind. */
    int implicit(String role, Acl.Kind kind) {
        int out = 0;
        boolean schema = kind == Acl.Kind.SCHEMA;
        if (info.roles().hasPrivilegesOf(role, "pg_read_all_data")) {
            out |= schema ? Acl.USAGE : Acl.SELECT;
        }
        if (info.roles().hasPrivilegesOf(role, "pg_write_all_data")) {
            out |= schema ? Acl.USAGE : kind == Acl.Kind.SEQUENCE ? 0 : Acl.INSERT | Acl.UPDATE | Acl.DELETE;
        }
        return out;
    }

    /** Whether role has all these privileges on every one of the columns, through the table's list or the column's. */
    boolean hasColumns(String role, Entry table, java.util.Collection<String> columns, int privileges) throws SQLException {
        int missing = 0;
        for (int bit = 1; bit <= privileges; bit <<= 1) {
            if ((privileges & bit) != 0 && !has(role, table, bit)) {
                missing |= bit;
            }
        }
        if (missing == 0) {
            return true;
        }
        int wanted = missing;
        Map<String, Acl> lists = columns(table.schema(), table.name());
        Predicate<String> roles = rolesOf(role);
        if (columns.isEmpty()) {
            // nothing named (count(*)): a privilege on any column will do, as in PostgreSQL
            return lists.values().stream().anyMatch(a -> (Acl.privilegesOf(a.mask(roles)) & wanted) == wanted);
        }
        for (String c : columns) {
            Acl a = lists.get(c);
            if (a == null || (Acl.privilegesOf(a.mask(roles)) & wanted) != wanted) {
                return false;
            }
        }
        return true;
    }

    /**
     * The list a new object starts with (cf. get_user_default_acl): the kind's default, or what ALTER
     * DEFAULT PRIVILEGES set for its creator (for all schemas, replacing the default; for its schema,
     * added); null when neither applies.
     */
    Acl initial(Connection on, Acl.Kind kind, String schema, String owner) throws SQLException {
        String objtype = switch (kind) {
            case SEQUENCE -> "S";
            case SCHEMA -> "n";
            default -> "r";
        };
        Acl global = null;
        Acl inSchema = null;
        try (PreparedStatement ps = on.prepareStatement("SELECT nspname, acl FROM pg_catalog.tusk_default_acl"
                + " WHERE rolname = ? AND objtype = ? AND (nspname = '' OR nspname = ?)")) {
            ps.setString(1, owner);
            ps.setString(2, objtype);
            ps.setString(3, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getString(1).isEmpty()) {
                        global = acl(rs.getArray(2));
                    } else {
                        inSchema = acl(rs.getArray(2));
                    }
                }
            }
        }
        if (global == null && inSchema == null) {
            return null;
        }
        Acl acl = global != null ? global : Acl.defaultFor(kind, owner);
        if (inSchema != null) {
            for (Acl.Item i : inSchema.items()) {
                acl = acl.grant(i.grantee(), i.privileges(), false, i.grantor());
                if (i.grantOptions() != 0) {
                    acl = acl.grant(i.grantee(), i.grantOptions(), true, i.grantor());
                }
            }
        }
        return acl;
    }

    /** The default privileges role has set for a kind ('' schema: all schemas), or null. */
    Acl defaults(String role, String schema, String objtype) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("SELECT acl FROM pg_catalog.tusk_default_acl"
                + " WHERE rolname = ? AND nspname = ? AND objtype = ?")) {
            ps.setString(1, role);
            ps.setString(2, schema);
            ps.setString(3, objtype);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? acl(rs.getArray(1)) : null;
            }
        }
    }

    /** Sets (or with null removes) default privileges. */
    void storeDefaults(String role, String schema, String objtype, Acl acl) throws SQLException {
        PrivilegeCheck.invalidate();
        try (PreparedStatement ps = conn.prepareStatement(acl == null
                ? "DELETE FROM pg_catalog.tusk_default_acl WHERE rolname = ? AND nspname = ? AND objtype = ?"
                : "MERGE INTO pg_catalog.tusk_default_acl (rolname, nspname, objtype, acl) KEY (rolname, nspname, objtype)"
                + " VALUES (?, ?, ?, ?)")) {
            ps.setString(1, role);
            ps.setString(2, schema);
            ps.setString(3, objtype);
            if (acl != null) {
                ps.setObject(4, acl.toArray());
            }
            ps.executeUpdate();
        }
    }

    /**
     * What grants name role in this database, as DROP ROLE's detail lists them ("privileges for table
     * t", "privileges for column a of table t", "privileges for default privileges ...").
     */
    java.util.List<String> grantsNaming(String role) throws SQLException {
        java.util.List<String> out = new java.util.ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement("SELECT o.kind, o.objname, o.acl FROM pg_catalog.tusk_owners o"
                + " WHERE o.acl IS NOT NULL AND " + ObjectOwners.STILL_EXISTS + " ORDER BY o.nspname, o.objname");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                if (names(acl(rs.getArray(3)), role)) {
                    out.add("privileges for " + rs.getString(1) + " " + rs.getString(2));
                }
            }
        }
        try (PreparedStatement ps = conn.prepareStatement("SELECT objname, attname, acl FROM pg_catalog.tusk_column_acl o"
                + " WHERE EXISTS (SELECT 1 FROM information_schema.columns c WHERE c.table_schema = o.nspname"
                + " AND c.table_name = o.objname AND c.column_name = o.attname) ORDER BY nspname, objname, attname");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                if (names(acl(rs.getArray(3)), role)) {
                    out.add("privileges for column " + rs.getString(2) + " of table " + rs.getString(1));
                }
            }
        }
        try (PreparedStatement ps = conn.prepareStatement("SELECT rolname, objtype, acl FROM pg_catalog.tusk_default_acl");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                if (rs.getString(1).equals(role) || names(acl(rs.getArray(3)), role)) {
                    out.add("privileges for default privileges on new " + switch (rs.getString(2)) {
                        case "S" -> "sequences";
                        case "n" -> "schemas";
                        case "f" -> "functions";
                        case "T" -> "types";
                        default -> "relations";
                    } + " belonging to role " + rs.getString(1));
                }
            }
        }
        return out;
    }

    private static boolean names(Acl acl, String role) {
        return acl != null && acl.items().stream().anyMatch(i -> i.grantee().equals(role) || i.grantor().equals(role));
    }

    /** DROP OWNED: every grant to role in this database goes, and its default privileges. */
    void revokeAllFrom(String role) throws SQLException {
        for (String table : new String[] {"tusk_owners", "tusk_column_acl"}) {
            String key = table.equals("tusk_owners") ? "nspname, objname" : "nspname, objname, attname";
            java.util.List<Object[]> changes = new java.util.ArrayList<>();
            try (PreparedStatement ps = conn.prepareStatement("SELECT " + key + ", acl FROM pg_catalog." + table
                    + " WHERE acl IS NOT NULL");
                 ResultSet rs = ps.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    Acl acl = acl(rs.getArray(n));
                    if (names(acl, role)) {
                        Object[] row = new Object[n];
                        for (int i = 1; i < n; i++) {
                            row[i - 1] = rs.getString(i);
                        }
                        Acl left = acl.without(role);
                        // a column without grants has no list at all (pg_attribute.attacl is null again)
                        row[n - 1] = left.items().isEmpty() && !table.equals("tusk_owners") ? null : left.toArray();
                        changes.add(row);
                    }
                }
            }
            String where = table.equals("tusk_owners") ? "nspname = ? AND objname = ?" : "nspname = ? AND objname = ? AND attname = ?";
            try (PreparedStatement ps = conn.prepareStatement("UPDATE pg_catalog." + table + " SET acl = ? WHERE " + where)) {
                for (Object[] row : changes) {
                    ps.setObject(1, row[row.length - 1]);
                    for (int i = 0; i < row.length - 1; i++) {
                        ps.setString(i + 2, (String) row[i]);
                    }
                    ps.executeUpdate();
                }
            }
        }
        try (PreparedStatement ps = conn.prepareStatement("DELETE FROM pg_catalog.tusk_default_acl WHERE rolname = ?")) {
            ps.setString(1, role);
            ps.executeUpdate();
        }
        List<String[]> defaults = new java.util.ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement("SELECT rolname, nspname, objtype FROM pg_catalog.tusk_default_acl");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                defaults.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
            }
        }
        for (String[] d : defaults) {
            Acl acl = defaults(d[0], d[1], d[2]);
            if (names(acl, role)) {
                Acl left = acl.without(role);
                Acl.Kind kind = d[2].equals("S") ? Acl.Kind.SEQUENCE : d[2].equals("n") ? Acl.Kind.SCHEMA : Acl.Kind.TABLE;
                boolean isDefault = d[1].isEmpty() ? left.equals(Acl.defaultFor(kind, d[0])) : left.items().isEmpty();
                storeDefaults(d[0], d[1], d[2], isDefault ? null : left);
            }
        }
    }
}
