package dev.tusk.server.engine.h2;

import dev.tusk.server.catalog.PgOids;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.stream.Stream;
import org.h2.tools.SimpleResultSet;

/**
 * The functions the pg_catalog views and catalog queries call, as static methods H2 runs (see
 * {@link H2PgCatalog}). Those that need the database take the session's connection first.
 */
public final class PgCatalogFunctions {
    private PgCatalogFunctions() {
    }

    public static int tuskOid(String kind, String schema, String name) {
        return PgOids.of(kind.charAt(0), schema == null ? "" : schema, name);
    }

    public static int tuskNamespaceOid(String schema) {
        return PgOids.namespace(schema);
    }

    /** pg_get_userbyid: a role's name, or "unknown (OID=n)" as PostgreSQL says. */
    public static String pgGetUserbyid(Connection c, Integer oid) throws SQLException {
        if (oid == null) {
            return null;
        }
        if (oid == PgOids.PG_DATABASE_OWNER) {
            return "pg_database_owner";
        }
        try (PreparedStatement ps = c.prepareStatement("select rolname from pg_catalog.pg_authid where oid = ?")) {
            ps.setInt(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : "unknown (OID=" + oid + ")";
            }
        }
    }

    /** pg_table_is_visible: whether the relation's schema is on the search path (or is pg_catalog). */
    public static Boolean pgTableIsVisible(Connection c, Integer oid) throws SQLException {
        return inVisibleSchema(c, oid, "select n.nspname from pg_catalog.pg_class r join"
                + " pg_catalog.pg_namespace n on n.oid = r.relnamespace where r.oid = ?");
    }

    /** pg_type_is_visible: whether the type's schema is on the search path (or is pg_catalog). */
    public static Boolean pgTypeIsVisible(Connection c, Integer oid) throws SQLException {
        return inVisibleSchema(c, oid, "select n.nspname from pg_catalog.pg_type t join"
                + " pg_catalog.pg_namespace n on n.oid = t.typnamespace where t.oid = ?");
    }

    /** Whether the schema schemaOfOid finds for oid is pg_catalog or on the search path; false if none. */
    private static Boolean inVisibleSchema(Connection c, Integer oid, String schemaOfOid) throws SQLException {
        if (oid == null) {
            return null;
        }
        try (PreparedStatement ps = c.prepareStatement(schemaOfOid)) {
            ps.setInt(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
                String schema = rs.getString(1);
                return schema.equals("pg_catalog") || schema.equals(c.getSchema()) || onSearchPath(c, schema);
            }
        }
    }

    /**
     * The visibility tests of objects Tusk lists none of (functions, operators, operator classes,
     * collations, conversions, statistics objects): whatever the catalogs show is visible.
     */
    public static Boolean pgObjectIsVisible(Integer oid) {
        return oid == null ? null : Boolean.TRUE;
    }

    /** col_description(table, column number): the column's comment, or NULL. */
    public static String colDescription(Connection c, Integer table, Integer column) throws SQLException {
        return description(c, table, dev.tusk.server.catalog.PgOids.PG_CLASS, column);
    }

    /** obj_description(object, catalog): the object's comment; only relations (pg_class) have any here. */
    public static String objDescription(Connection c, Integer object, String catalog) throws SQLException {
        // the catalog names the kind of object: its OID is pg_description.classoid
        return catalog == null ? null : description(c, object, PgOids.of('r', "pg_catalog", catalog), 0);
    }

    public static String objDescription(Connection c, Integer object) throws SQLException {
        return description(c, object, dev.tusk.server.catalog.PgOids.PG_CLASS, 0);
    }

    /** shobj_description: comments on shared objects (databases, roles, tablespaces); Tusk keeps none. */
    public static String shobjDescription(Integer object, String catalog) {
        if (object == null || !"pg_database".equals(catalog)) {
            return null;
        }
        for (String[] d : DATABASE_COMMENTS) {
            if (object == PgOids.of('d', "", d[0])) {
                return d[1];
            }
        }
        return null;
    }

    /** The comments initdb gives the databases it creates. */
    private static final String[][] DATABASE_COMMENTS = {{"postgres", "default administrative connection database"},
        {"template1", "default template for new databases"}, {"template0", "unmodifiable empty database"}};

    private static String description(Connection c, Integer object, int classOid, Integer subId) throws SQLException {
        if (object == null || subId == null) {
            return null;
        }
        try (PreparedStatement ps = c.prepareStatement("select description from pg_catalog.pg_description"
                + " where objoid = ? and classoid = ? and objsubid = ?")) {
            ps.setInt(1, object);
            ps.setInt(2, classOid);
            ps.setInt(3, subId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** pg_tablespace_location: pg_default and pg_global live in the data directory, shown as ''. */
    public static String pgTablespaceLocation(Integer oid) {
        return oid == null ? null : "";
    }

    private static boolean onSearchPath(Connection c, String schema) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery(
                "select setting_value from information_schema.settings where setting_name = 'SCHEMA_SEARCH_PATH'")) {
            if (rs.next() && rs.getString(1) != null) {
                for (String s : rs.getString(1).split(",")) {
                    if (s.trim().replace("\"", "").equals(schema)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** pg_encoding_to_char: Tusk's databases are all UTF8 (encoding 6). */
    public static String pgEncodingToChar(Integer encoding) {
        return encoding == null ? null : encoding == 6 ? "UTF8" : "";
    }

    /** The installation's databases: the directories beside this database's own. */
    public static ResultSet tuskDatabases(Connection c) throws SQLException, IOException {
        SimpleResultSet rs = new SimpleResultSet();
        rs.addColumn("datname", Types.VARCHAR, 63, 0);
        rs.addColumn("datowner", Types.VARCHAR, 63, 0);
        rs.addColumn("datacl", Types.VARCHAR, 0, 0); // aclitems a line: a table function's column cannot be an array
        if (c.getMetaData().getURL().equals("jdbc:columnlist:connection")) {
            return rs; // H2 asks for the columns first
        }
        String path;
        try (ResultSet p = c.createStatement().executeQuery("call database_path()")) {
            p.next();
            path = p.getString(1);
        }
        Path base = Path.of(path).getParent().getParent();
        try (Stream<Path> dirs = Files.list(base)) {
            dirs.filter(Files::isDirectory).sorted()
                    .forEach(d -> {
                        dev.tusk.server.catalog.Acl acl = H2Engine.aclIn(d);
                        rs.addRow(DatabaseDirectoryName.databaseOf(d.getFileName().toString()), H2Engine.ownerIn(d),
                                acl == null ? null : String.join("\n", acl.toArray()));
                    });
        }
        return rs;
    }

    /** current_database() where it cannot be resolved before the engine runs the query (in a view). */
    public static String tuskCurrentDatabase(Connection c) throws SQLException {
        H2Session session = H2Sessions.running(c);
        return session == null ? null : session.info().database();
    }

    /** regnamespace input: a schema's OID from its name. */
    public static Integer tuskRegnamespaceIn(Connection c, String name) throws SQLException {
        if (name == null) {
            return null;
        }
        String schema = name.startsWith("\"") && name.endsWith("\"") && name.length() > 1
                ? name.substring(1, name.length() - 1) : name.toLowerCase(java.util.Locale.ROOT);
        try (PreparedStatement ps = c.prepareStatement("select oid from pg_catalog.pg_namespace where nspname = ?")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return rs.getInt(1);
                }
            }
        }
        throw new SQLException("schema \"" + schema + "\" does not exist", "3F000");
    }

    /** regnamespace output: the schema's name (the OID itself for none). */
    public static String tuskRegnamespaceOut(Connection c, Integer oid) throws SQLException {
        if (oid == null) {
            return null;
        }
        try (PreparedStatement ps = c.prepareStatement("select nspname from pg_catalog.pg_namespace where oid = ?")) {
            ps.setInt(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : Integer.toString(oid);
            }
        }
    }

    /** Tusk has no publications, so nothing is published. */
    public static Boolean pgRelationIsPublishable(Integer relation) {
        return relation == null ? null : Boolean.FALSE;
    }

    public static String pgGetStatisticsobjdefColumns(Integer oid) {
        return null;
    }

    /** array_upper(a, 1) of a one-dimensional array: its length, or NULL when empty. */
    public static Integer arrayUpper(java.sql.Array value, Integer dimension) throws SQLException {
        // a java.sql.Array: for an Object[] parameter H2 would convert each element to JAVA_OBJECT, which it refuses
        if (value == null || dimension == null || dimension != 1) {
            return null;
        }
        int length = ((Object[]) value.getArray()).length;
        return length == 0 ? null : length;
    }

    /** Tusk has no triggers of its own: pg_trigger is empty, so this is never asked of a real one. */
    public static String pgGetTriggerdef(Integer oid, Boolean pretty) {
        return null;
    }

    /** current_schemas(include_implicit): the search path's existing schemas, pg_catalog first when implicit ones count. */
    public static String[] currentSchemas(Connection c, Boolean includeImplicit) throws SQLException {
        java.util.List<String> out = new java.util.ArrayList<>();
        String[] path = H2Sessions.of(c).getSchemaSearchPath(); // as SearchPath set it: schemas that exist
        for (String name : path == null ? new String[0] : path) {
            if (Boolean.TRUE.equals(includeImplicit) || !name.equals("pg_catalog")) {
                out.add(name);
            }
        }
        if (out.isEmpty()) {
            out.add("public"); // no search_path set: PostgreSQL's default, "$user", public
        }
        if (Boolean.TRUE.equals(includeImplicit) && !out.contains("pg_catalog")) {
            out.add(0, "pg_catalog");
        }
        return out.toArray(new String[0]);
    }

    /** pg_proc is empty in Tusk, so there is never a function to describe. */
    public static String pgGetFunctionResult(Integer oid) {
        return null;
    }

    public static String pgGetFunctionArguments(Integer oid) {
        return null;
    }
}
