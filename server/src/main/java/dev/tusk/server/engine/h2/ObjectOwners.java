package dev.tusk.server.engine.h2;

import dev.tusk.server.catalog.PgOids;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Who owns each table, view, sequence and schema (cf. pg_class.relowner, pg_namespace.nspowner),
 * kept in pg_catalog.tusk_owners by schema and name (relations share one namespace per schema, as
 * in PostgreSQL; a schema's row has the empty schema). The DDL that creates, renames, re-owns or
 * drops an object writes its row beside it, on the connection that ran the DDL and committed with
 * it, and the DDL's undo takes the row back. An object without a row was created before Tusk kept
 * owners: it shows as the bootstrap superuser's and, as before, anyone may alter or drop it.
 */
final class ObjectOwners {
    static final String TABLE = "CREATE TABLE IF NOT EXISTS pg_catalog.tusk_owners (nspname VARCHAR NOT NULL,"
            + " objname VARCHAR NOT NULL, kind VARCHAR NOT NULL, owner VARCHAR NOT NULL, acl VARCHAR ARRAY,"
            + " PRIMARY KEY (nspname, objname))";

    /** The owner's OID for a pg_class row of table t (alias t, columns table_schema, table_name). */
    static String relowner(String schemaColumn, String nameColumn) {
        return "COALESCE((SELECT a.oid FROM pg_catalog.tusk_owners o JOIN pg_catalog.pg_authid a ON a.rolname = o.owner"
                + " WHERE o.nspname = " + schemaColumn + " AND o.objname = " + nameColumn + "), " + PgOids.BOOTSTRAP_SUPERUSER + ")";
    }

    private ObjectOwners() {
    }

    /** An object and what PostgreSQL's messages call it ("table", "view", "sequence", "schema"). */
    record Owned(String kind, String schema, String name, String owner) {
    }

    /** The recorded owner of a relation (schema given) or of a schema (schema ""), or null if none is recorded. */
    static Owned find(Connection c, String schema, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT kind, owner FROM pg_catalog.tusk_owners WHERE nspname = ? AND objname = ?")) {
            ps.setString(1, schema);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Owned(rs.getString(1), schema, name, rs.getString(2)) : null;
            }
        }
    }

    static void record(Connection on, String kind, String schema, String name, String owner) throws SQLException {
        try (PreparedStatement ps = on.prepareStatement(
                "MERGE INTO pg_catalog.tusk_owners (nspname, objname, kind, owner) KEY (nspname, objname) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, schema);
            ps.setString(2, name);
            ps.setString(3, kind);
            ps.setString(4, owner);
            ps.executeUpdate();
        }
    }

    /** Sets the object's access list (null: its kind's default); the object has a row. */
    static void setAcl(Connection on, String schema, String name, dev.tusk.server.catalog.Acl acl) throws SQLException {
        try (PreparedStatement ps = on.prepareStatement("UPDATE pg_catalog.tusk_owners SET acl = ? WHERE nspname = ? AND objname = ?")) {
            ps.setObject(1, acl == null ? null : acl.toArray());
            ps.setString(2, schema);
            ps.setString(3, name);
            ps.executeUpdate();
        }
    }

    /** The object's row and its columns' access lists go. */
    static void forget(Connection on, String schema, String name) throws SQLException {
        for (String table : new String[] {"tusk_owners", "tusk_column_acl"}) {
            try (PreparedStatement ps = on.prepareStatement("DELETE FROM pg_catalog." + table + " WHERE nspname = ? AND objname = ?")) {
                ps.setString(1, schema);
                ps.setString(2, name);
                ps.executeUpdate();
            }
        }
    }

    /** The rows of the objects in a schema, and default privileges for it, once the schema is gone. */
    static void forgetSchemaContents(Connection on, String schema) throws SQLException {
        for (String table : new String[] {"tusk_owners", "tusk_column_acl", "tusk_default_acl"}) {
            try (PreparedStatement ps = on.prepareStatement("DELETE FROM pg_catalog." + table + " WHERE nspname = ?")) {
                ps.setString(1, schema);
                ps.executeUpdate();
            }
        }
    }

    /** The statement that forgets the row, to run before a DDL undo (whose DDL then commits it). */
    static String forgetSql(String schema, String name) {
        String where = " where nspname = " + dev.tusk.server.sql.Identifiers.literal(schema)
                + " and objname = " + dev.tusk.server.sql.Identifiers.literal(name);
        return "delete from pg_catalog.tusk_owners" + where + "; delete from pg_catalog.tusk_column_acl" + where;
    }

    static void rename(Connection on, String schema, String from, String to) throws SQLException {
        for (String table : new String[] {"tusk_owners", "tusk_column_acl"}) {
            try (PreparedStatement ps = on.prepareStatement(
                    "UPDATE pg_catalog." + table + " SET objname = ? WHERE nspname = ? AND objname = ?")) {
                ps.setString(1, to);
                ps.setString(2, schema);
                ps.setString(3, from);
                ps.executeUpdate();
            }
        }
    }

    static void reassign(Connection on, String from, String to) throws SQLException {
        try (PreparedStatement ps = on.prepareStatement("UPDATE pg_catalog.tusk_owners SET owner = ? WHERE owner = ?")) {
            ps.setString(1, to);
            ps.setString(2, from);
            ps.executeUpdate();
        }
    }

    /** What a role owns in this database, as DROP ROLE's detail lists it ("owner of table t"). */
    static List<String> ownedBy(Connection c, String role) throws SQLException {
        List<String> out = new ArrayList<>();
        for (Owned o : owned(c, role)) {
            out.add("owner of " + o.kind() + " " + o.name());
        }
        return out;
    }

    /**
     * That row o's object still exists: a CASCADE may have dropped a view or a schema's contents
     * without their rows going too.
     */
    static final String STILL_EXISTS = "(o.kind = 'schema' AND EXISTS (SELECT 1 FROM information_schema.schemata s"
            + " WHERE s.schema_name = o.objname) OR o.kind <> 'schema' AND (EXISTS (SELECT 1 FROM information_schema.tables t"
            + " WHERE t.table_schema = o.nspname AND t.table_name = o.objname) OR EXISTS (SELECT 1 FROM"
            + " information_schema.sequences q WHERE q.sequence_schema = o.nspname AND q.sequence_name = o.objname)))";

    /** What a role owns in this database and still exists, in an order it can be dropped in. */
    static List<Owned> owned(Connection c, String role) throws SQLException {
        List<Owned> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT o.kind, o.nspname, o.objname FROM pg_catalog.tusk_owners o"
                + " WHERE o.owner = ? AND " + STILL_EXISTS
                // views before the tables they may read, schemas after what is in them
                + " ORDER BY CASE o.kind WHEN 'view' THEN 0 WHEN 'table' THEN 1 WHEN 'sequence' THEN 2 ELSE 3 END,"
                + " o.nspname, o.objname")) {
            ps.setString(1, role);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Owned(rs.getString(1), rs.getString(2), rs.getString(3), role));
                }
            }
        }
        return out;
    }
}
