package dev.tusk.server.engine.h2;

import dev.tusk.protocol.types.PgTypes;
import dev.tusk.server.catalog.PgOids;
import dev.tusk.server.engine.CatalogRole;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Installs PostgreSQL's pg_catalog in an H2 database (cf. the system catalogs of catalog/*.h):
 * the functions Tusk implements in Java, role tables refreshed from the installation's roles, and
 * views that present H2's own metadata (INFORMATION_SCHEMA) under PostgreSQL's relation and
 * column names with Tusk's OIDs. Run once per database each time the engine starts, so a newer
 * Tusk's catalog replaces an older one's.
 */
final class H2PgCatalog {
    private H2PgCatalog() {
    }

    private static final String FUNCTIONS = PgCatalogFunctions.class.getName();
    private static final String DEFINITIONS = PgCatalogDefinitions.class.getName();
    private static final String RELATIONS = RelationFunctions.class.getName();

    /** SQL name, implementing class, method. */
    private static final String[][] CATALOG_FUNCTIONS = {
        {"tusk_oid", FUNCTIONS, "tuskOid"},
        {"tusk_namespace_oid", FUNCTIONS, "tuskNamespaceOid"},
        {"pg_get_userbyid", FUNCTIONS, "pgGetUserbyid"},
        {"pg_table_is_visible", FUNCTIONS, "pgTableIsVisible"},
        {"pg_type_is_visible", FUNCTIONS, "pgTypeIsVisible"},
        {"pg_function_is_visible", FUNCTIONS, "pgObjectIsVisible"},
        {"pg_operator_is_visible", FUNCTIONS, "pgObjectIsVisible"},
        {"pg_opclass_is_visible", FUNCTIONS, "pgObjectIsVisible"},
        {"pg_collation_is_visible", FUNCTIONS, "pgObjectIsVisible"},
        {"pg_conversion_is_visible", FUNCTIONS, "pgObjectIsVisible"},
        {"pg_statistics_obj_is_visible", FUNCTIONS, "pgObjectIsVisible"},
        {"pg_tablespace_location", FUNCTIONS, "pgTablespaceLocation"},
        {"col_description", FUNCTIONS, "colDescription"},
        {"obj_description", FUNCTIONS, "objDescription"},
        {"shobj_description", FUNCTIONS, "shobjDescription"},
        {"pg_encoding_to_char", FUNCTIONS, "pgEncodingToChar"},
        {"tusk_databases", FUNCTIONS, "tuskDatabases"},
        {"format_type", DEFINITIONS, "formatTypeOf"},
        {"tusk_type_oid", DEFINITIONS, "tuskTypeOid"},
        {"tusk_typmod", DEFINITIONS, "tuskTypmod"},
        {"tusk_array_type_oid", DEFINITIONS, "tuskArrayTypeOid"},
        {"pg_get_expr", DEFINITIONS, "pgGetExpr"},
        {"pg_get_indexdef", DEFINITIONS, "pgGetIndexdef"},
        {"pg_get_constraintdef", DEFINITIONS, "pgGetConstraintdef"},
        {"tusk_regclass_out", DEFINITIONS, "tuskRegclassOut"},
        {"tusk_regclass_in", DEFINITIONS, "tuskRegclassIn"},
        {"pg_relation_is_publishable", FUNCTIONS, "pgRelationIsPublishable"},
        {"pg_get_statisticsobjdef_columns", FUNCTIONS, "pgGetStatisticsobjdefColumns"},
        {"array_upper", FUNCTIONS, "arrayUpper"},
        {"tusk_typlen", BuiltinTypes.class.getName(), "typlen"},
        {"tusk_regtype_out", BuiltinTypes.class.getName(), "regtypeOut"},
        {"tusk_regtype_in", BuiltinTypes.class.getName(), "regtypeIn"},
        {"tusk_regnamespace_in", FUNCTIONS, "tuskRegnamespaceIn"},
        {"tusk_regnamespace_out", FUNCTIONS, "tuskRegnamespaceOut"},
        {"tusk_typbyval", BuiltinTypes.class.getName(), "typbyval"},
        {"tusk_typalign", BuiltinTypes.class.getName(), "typalign"},
        {"tusk_stat_activity", StatActivity.class.getName(), "tuskStatActivity"},
        {"tusk_statement_rows", StatementRows.class.getName(), "tuskStatementRows"},
        {"pg_relation_size", RELATIONS, "pgRelationSize"},
        {"pg_table_size", RELATIONS, "pgRelationSize"},
        {"pg_total_relation_size", RELATIONS, "pgTotalRelationSize"},
        {"pg_indexes_size", RELATIONS, "pgIndexesSize"},
        {"pg_database_size", RELATIONS, "pgDatabaseSize"},
        {"pg_get_viewdef", RELATIONS, "pgGetViewdef"},
        {"tusk_quote_ident", RELATIONS, "quoteIdent"},
        {"pg_get_keywords", RELATIONS, "pgGetKeywords"},
        {"pg_size_pretty", RELATIONS, "pgSizePretty"},
        {"pg_get_serial_sequence", RELATIONS, "pgGetSerialSequence"},
        // The views call these names: a pg_catalog-qualified call inside H2 reaches H2's own
        // PostgreSQL-mode function of the same name, whatever is defined in the schema.
        {"tusk_format_type", DEFINITIONS, "formatTypeOf"},
        {"tusk_enum_rows", EnumTypes.class.getName(), "tuskEnumRows"},
        {"tusk_type_rows", BuiltinTypes.class.getName(), "typeRows"},
        {"tusk_btree_opclass", BuiltinTypes.class.getName(), "btreeOpclass"},
        {"tusk_get_userbyid", FUNCTIONS, "pgGetUserbyid"},
        {"tusk_get_expr", DEFINITIONS, "pgGetExpr"},
        {"tusk_get_indexdef", DEFINITIONS, "pgGetIndexdef"},
        {"tusk_get_viewdef", RELATIONS, "pgGetViewdef"},
        {"tusk_current_database", FUNCTIONS, "tuskCurrentDatabase"},
        {"pg_get_triggerdef", FUNCTIONS, "pgGetTriggerdef"},
        {"current_schemas", FUNCTIONS, "currentSchemas"},
        {"pg_get_function_result", FUNCTIONS, "pgGetFunctionResult"},
        {"pg_get_function_arguments", FUNCTIONS, "pgGetFunctionArguments"},
        {"pg_get_function_identity_arguments", FUNCTIONS, "pgGetFunctionArguments"},
    };

    /** Rewrites pg_authid and pg_auth_members from the installation's roles. */
    static void writeRoles(Connection c, List<CatalogRole> roles) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("DELETE FROM pg_catalog.pg_authid");
            s.execute("DELETE FROM pg_catalog.pg_auth_members");
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO pg_catalog.pg_authid VALUES"
                + " (?, ?, ?, TRUE, ?, ?, ?, ?, ?, ?, NULL, ?)");
             PreparedStatement pm = c.prepareStatement("INSERT INTO pg_catalog.pg_auth_members VALUES (?, ?, 10, ?)")) {
            for (CatalogRole r : roles) {
                ps.setInt(1, r.oid());
                ps.setString(2, r.name());
                ps.setBoolean(3, r.superuser());
                ps.setBoolean(4, r.createRole());
                ps.setBoolean(5, r.createDb());
                ps.setBoolean(6, r.canLogin());
                ps.setBoolean(7, r.replication());
                ps.setBoolean(8, r.bypassRls());
                ps.setInt(9, r.connectionLimit());
                ps.setObject(10, r.validUntil() == null ? null : r.validUntil().atOffset(java.time.ZoneOffset.UTC));
                ps.executeUpdate();
                for (int group : r.memberOf()) {
                    pm.setInt(1, group);
                    pm.setInt(2, r.oid());
                    pm.setBoolean(3, r.adminOf().contains(group));
                    pm.executeUpdate();
                }
            }
        }
    }

    static void install(Connection c, List<CatalogRole> roles) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS pg_catalog");
            for (String[] f : PgFunctions.ALIASES) {
                alias(s, f[0], PgFunctions.class, f[1]);
            }
            for (String[] f : AdvisoryLocks.ALIASES) {
                alias(s, f[0], AdvisoryLocks.class, f[1]);
            }
            for (String[] f : PrivilegeFunctions.ALIASES) {
                alias(s, f[0], PrivilegeFunctions.class, f[1]);
            }
            for (String[] f : CATALOG_FUNCTIONS) {
                s.execute("CREATE ALIAS IF NOT EXISTS pg_catalog." + f[0] + " FOR '" + f[1] + "." + f[2] + "'");
            }
            s.execute("CREATE TABLE IF NOT EXISTS pg_catalog.pg_authid (oid INTEGER PRIMARY KEY, rolname VARCHAR(63),"
                    + " rolsuper BOOLEAN, rolinherit BOOLEAN, rolcreaterole BOOLEAN, rolcreatedb BOOLEAN,"
                    + " rolcanlogin BOOLEAN, rolreplication BOOLEAN, rolbypassrls BOOLEAN, rolconnlimit INTEGER,"
                    + " rolpassword VARCHAR, rolvaliduntil TIMESTAMP WITH TIME ZONE)");
            s.execute(ObjectOwners.TABLE);
            s.execute(ObjectPrivileges.OWNER_ACL_COLUMN);
            s.execute(ObjectPrivileges.COLUMN_TABLE);
            s.execute(ObjectPrivileges.DEFAULT_TABLE);
            s.execute("CREATE TABLE IF NOT EXISTS pg_catalog.pg_auth_members (roleid INTEGER, member INTEGER,"
                    + " grantor INTEGER, admin_option BOOLEAN)");
            writeRoles(c, roles);
            for (String domain : ColumnTypes.DOMAIN_DDL) {
                s.execute(domain);
            }
            dropTablesNowViews(s);
            for (String view : PgSystemViews.views()) {
                s.execute(view);
            }
            for (String view : VIEWS) {
                s.execute(view);
            }
            for (String view : InformationSchemaViews.VIEWS) {
                s.execute(view);
            }
            c.commit();
        }
    }

    /** Catalogs an older Tusk created as (empty) tables and this one defines as views. */
    private static void dropTablesNowViews(Statement s) throws SQLException {
        for (String name : PgSystemViews.formerTables()) {
            try (java.sql.ResultSet rs = s.executeQuery("SELECT table_type FROM information_schema.tables"
                    + " WHERE table_schema = 'pg_catalog' AND table_name = '" + name + "'")) {
                if (!rs.next() || !rs.getString(1).equals("BASE TABLE")) {
                    continue;
                }
            }
            s.execute("DROP TABLE pg_catalog." + name);
        }
    }

    private static void alias(Statement s, String name, Class<?> impl, String method) throws SQLException {
        s.execute("CREATE ALIAS IF NOT EXISTS pg_catalog." + name + " FOR '" + impl.getName() + "." + method + "'");
    }

    private static final String NS = "pg_catalog.tusk_namespace_oid";
    /** A column's type OID: json, name and oid columns are Tusk's domains (ColumnTypes), the rest by H2 type. */
    static final String COLUMN_TYPE = "CASE c.domain_name WHEN 'tusk_json' THEN " + PgTypes.JSON
            + " WHEN 'tusk_name' THEN " + PgTypes.NAME + " WHEN 'tusk_oid' THEN " + PgTypes.OID
            // (the catalog's own array columns stay text: looking each up would make pg_attribute slow)
            + " ELSE CASE WHEN UPPER(c.data_type) = 'ENUM' AND c.domain_name IS NOT NULL"
            + " THEN pg_catalog.tusk_oid('t', c.domain_schema, c.domain_name)"
            + " WHEN UPPER(c.data_type) = 'ARRAY' AND c.table_schema <> 'pg_catalog'"
            + " THEN pg_catalog.tusk_array_type_oid(c.table_schema,"
            + " c.table_name, c.column_name) ELSE pg_catalog.tusk_type_oid(c.data_type, c.character_maximum_length)"
            + " END END";
    /** Tables dropped in an open transaction wait under a hidden name; the catalogs do not show them. */
    private static final String HIDDEN = "'" + DdlUndo.HIDDEN_PREFIX + "%'";

    /**
     * The indexes PostgreSQL would have: named after the constraint they serve, without the ones H2
     * adds for foreign keys (PostgreSQL does not index a foreign key by itself).
     */
    private static final String INDEXES = "information_schema.indexes i LEFT JOIN information_schema.table_constraints tc"
            + " ON tc.index_schema = i.index_schema AND tc.index_name = i.index_name"
            + " WHERE i.index_schema <> 'information_schema' AND i.table_name NOT LIKE " + HIDDEN
            + " AND (tc.constraint_type IS NULL OR tc.constraint_type <> 'FOREIGN KEY')";

    private static final String[] VIEWS = {
        "CREATE OR REPLACE VIEW pg_catalog.pg_namespace AS SELECT " + NS + "(schema_name) AS oid,"
            + " schema_name AS nspname,"
            + " CASE schema_name WHEN 'public' THEN " + PgOids.PG_DATABASE_OWNER + " ELSE " + ObjectOwners.relowner("''", "schema_name")
            + " END AS nspowner, CASE schema_name WHEN 'public' THEN COALESCE(" + ObjectPrivileges.aclOf("''", "schema_name")
            + ", ARRAY['pg_database_owner=UC/pg_database_owner', '=U/pg_database_owner']) ELSE "
            + ObjectPrivileges.aclOf("''", "schema_name") + " END AS nspacl FROM information_schema.schemata",

        "CREATE OR REPLACE VIEW pg_catalog.pg_roles AS SELECT rolname, rolsuper, rolinherit, rolcreaterole,"
            + " rolcreatedb, rolcanlogin, rolreplication, rolconnlimit, '********' AS rolpassword, rolvaliduntil,"
            + " rolbypassrls, CAST(NULL AS VARCHAR ARRAY) AS rolconfig, oid FROM pg_catalog.pg_authid",

        "CREATE OR REPLACE VIEW pg_catalog.pg_shadow AS SELECT rolname AS usename, oid AS usesysid,"
            + " rolcreatedb AS usecreatedb, rolsuper AS usesuper, rolreplication AS userepl, rolbypassrls AS usebypassrls,"
            + " rolpassword AS passwd, rolvaliduntil AS valuntil, CAST(NULL AS VARCHAR ARRAY) AS useconfig"
            + " FROM pg_catalog.pg_authid WHERE rolcanlogin",

        "CREATE OR REPLACE VIEW pg_catalog.pg_user AS SELECT rolname AS usename, oid AS usesysid,"
            + " rolcreatedb AS usecreatedb, rolsuper AS usesuper, rolreplication AS userepl, rolbypassrls AS usebypassrls,"
            + " '********' AS passwd, rolvaliduntil AS valuntil, CAST(NULL AS VARCHAR ARRAY) AS useconfig"
            + " FROM pg_catalog.pg_authid WHERE rolcanlogin",

        "CREATE OR REPLACE VIEW pg_catalog.pg_database AS SELECT pg_catalog.tusk_oid('d', '', datname) AS oid, datname,"
            + " COALESCE((SELECT a.oid FROM pg_catalog.pg_authid a WHERE a.rolname = d.datowner), " + PgOids.BOOTSTRAP_SUPERUSER
            + ") AS datdba, 6 AS encoding, 'c' AS datlocprovider,"
            + " datname IN ('template0', 'template1') AS datistemplate, datname <> 'template0' AS datallowconn,"
            + " -1 AS datconnlimit, 0 AS datfrozenxid, 0 AS datminmxid, 1663 AS dattablespace, 'C' AS datcollate,"
            + " 'C' AS datctype, CAST(NULL AS VARCHAR) AS daticulocale, CAST(NULL AS VARCHAR) AS datcollversion,"
            // the templates as initdb leaves them: everyone may connect to template1, no one to template0
            + " CASE WHEN datname IN ('template0', 'template1') THEN ARRAY['=c/' || pg_catalog.tusk_get_userbyid(10),"
            + " pg_catalog.tusk_get_userbyid(10) || '=CTc/' || pg_catalog.tusk_get_userbyid(10)]"
            + " ELSE pg_catalog.tusk_acl_lines(d.datacl) END AS datacl"
            + " FROM (SELECT datname, datowner, datacl FROM pg_catalog.tusk_databases() UNION SELECT 'template0', NULL, NULL) d",

        "CREATE OR REPLACE VIEW pg_catalog.tusk_class_rows AS "
            + "SELECT pg_catalog.tusk_oid('r', t.table_schema, t.table_name) AS oid, t.table_name AS relname,"
            + " " + NS + "(t.table_schema) AS relnamespace,"
            + " pg_catalog.tusk_oid('T', t.table_schema, t.table_name) AS reltype, 0 AS reloftype,"
            + " " + ObjectOwners.relowner("t.table_schema", "t.table_name") + " AS relowner,"
            + " CASE WHEN t.table_type = 'VIEW' THEN 0 ELSE " + PgOids.HEAP_AM + " END AS relam, 0 AS relfilenode,"
            + " 0 AS reltablespace, 0 AS relpages, CAST(-1 AS REAL) AS reltuples, 0 AS relallvisible, 0 AS reltoastrelid,"
            + " EXISTS (SELECT 1 FROM information_schema.indexes i WHERE i.table_schema = t.table_schema"
            + " AND i.table_name = t.table_name) AS relhasindex, FALSE AS relisshared,"
            + " CASE WHEN t.table_type LIKE '%TEMPORARY' THEN 't' ELSE 'p' END AS relpersistence,"
            + " CASE WHEN t.table_type = 'VIEW' THEN 'v' ELSE 'r' END AS relkind,"
            + " (SELECT CAST(COUNT(*) AS SMALLINT) FROM information_schema.columns c WHERE c.table_schema = t.table_schema"
            + " AND c.table_name = t.table_name) AS relnatts,"
            + " (SELECT CAST(COUNT(*) AS SMALLINT) FROM information_schema.table_constraints k WHERE k.table_schema = t.table_schema"
            + " AND k.table_name = t.table_name AND k.constraint_type = 'CHECK') AS relchecks,"
            // PostgreSQL carries out foreign keys with triggers, on both tables, and psql looks for them only then
            + " t.table_type = 'VIEW' AS relhasrules, EXISTS (SELECT 1 FROM information_schema.table_constraints k"
            + " WHERE k.table_schema = t.table_schema AND k.table_name = t.table_name AND k.constraint_type = 'FOREIGN KEY')"
            + " OR EXISTS (SELECT 1 FROM information_schema.referential_constraints rc JOIN information_schema.table_constraints u"
            + " ON u.constraint_schema = rc.unique_constraint_schema AND u.constraint_name = rc.unique_constraint_name"
            + " WHERE u.table_schema = t.table_schema AND u.table_name = t.table_name) AS relhastriggers,"
            + " FALSE AS relhassubclass, FALSE AS relrowsecurity,"
            + " FALSE AS relforcerowsecurity, TRUE AS relispopulated,"
            + " CASE WHEN t.table_type = 'VIEW' THEN 'n' ELSE 'd' END AS relreplident, FALSE AS relispartition,"
            + " 0 AS relrewrite, 0 AS relfrozenxid, 0 AS relminmxid, " + ObjectPrivileges.aclOf("t.table_schema", "t.table_name")
            + " AS relacl,"
            + " CAST(NULL AS VARCHAR ARRAY) AS reloptions, CAST(NULL AS VARCHAR) AS relpartbound"
            + " FROM information_schema.tables t WHERE t.table_schema <> 'information_schema'"
            + " AND t.table_name NOT LIKE " + HIDDEN
            + " UNION ALL SELECT pg_catalog.tusk_oid('i', i.index_schema, coalesce(tc.constraint_name, i.index_name)),"
            + " coalesce(tc.constraint_name, i.index_name),"
            // relpages 1, reltuples 0: what PostgreSQL records for a new btree (its metapage, no tuples)
            + " " + NS + "(i.index_schema), 0, 0, " + PgOids.BOOTSTRAP_SUPERUSER + ", " + PgOids.BTREE_AM + ", 0, 0, 1,"
            + " CAST(0 AS REAL), 0, 0, FALSE, FALSE, 'p', 'i',"
            + " (SELECT CAST(COUNT(*) AS SMALLINT) FROM information_schema.index_columns ic WHERE ic.index_schema = i.index_schema"
            + " AND ic.index_name = i.index_name), 0, FALSE, FALSE, FALSE, FALSE, FALSE, TRUE, 'n', FALSE, 0, 0, 0,"
            + " NULL, NULL, NULL FROM " + INDEXES
            + " UNION ALL SELECT pg_catalog.tusk_oid('S', q.sequence_schema, q.sequence_name), q.sequence_name,"
            + " " + NS + "(q.sequence_schema), 0, 0, " + ObjectOwners.relowner("q.sequence_schema", "q.sequence_name")
            + ", 0, 0, 0, 0, CAST(-1 AS REAL), 0, 0,"
            + " FALSE, FALSE, 'p', 'S', CAST(3 AS SMALLINT), 0, FALSE, FALSE, FALSE, FALSE, FALSE, TRUE, 'n', FALSE,"
            + " 0, 0, 0, " + ObjectPrivileges.aclOf("q.sequence_schema", "q.sequence_name")
            + ", NULL, NULL FROM information_schema.sequences q WHERE q.sequence_schema <> 'information_schema'",
        "CREATE OR REPLACE VIEW pg_catalog.pg_class AS SELECT * FROM pg_catalog.tusk_statement_rows('pg_catalog.tusk_class_rows')",

        "CREATE OR REPLACE VIEW pg_catalog.pg_type AS SELECT " + BuiltinTypes.columnList()
            + " FROM pg_catalog.tusk_type_rows()"
            // every table and view has a row type of its name (typtype 'c') and an array of it, as in PostgreSQL
            // (pg_catalog's arrays are among the built-in rows)
            + " UNION ALL SELECT pg_catalog.tusk_oid('T', t.table_schema, t.table_name), t.table_name,"
            + " " + NS + "(t.table_schema), " + PgOids.BOOTSTRAP_SUPERUSER + ", -1, FALSE, 'c', 'C', FALSE, TRUE, ',',"
            + " pg_catalog.tusk_oid('r', t.table_schema, t.table_name), '-', 0,"
            + " CASE WHEN t.table_schema = 'pg_catalog' THEN 0 ELSE pg_catalog.tusk_oid('A', t.table_schema, t.table_name) END,"
            + " 'record_in', 'record_out', 'record_recv', 'record_send', '-', '-', '-', 'd', 'x', FALSE, 0, -1, 0, 0,"
            + " CAST(NULL AS VARCHAR), CAST(NULL AS VARCHAR), CAST(NULL AS VARCHAR ARRAY)"
            + " FROM information_schema.tables t WHERE t.table_schema <> 'information_schema'"
            + " AND t.table_name NOT LIKE " + HIDDEN
            + " UNION ALL SELECT pg_catalog.tusk_oid('A', t.table_schema, t.table_name), '_' || t.table_name,"
            + " " + NS + "(t.table_schema), " + PgOids.BOOTSTRAP_SUPERUSER + ", -1, FALSE, 'b', 'A', FALSE, TRUE, ',',"
            + " 0, 'array_subscript_handler', pg_catalog.tusk_oid('T', t.table_schema, t.table_name), 0,"
            + " 'array_in', 'array_out', 'array_recv', 'array_send', '-', '-', 'array_typanalyze', 'd', 'x', FALSE,"
            + " 0, -1, 0, 0, CAST(NULL AS VARCHAR), CAST(NULL AS VARCHAR), CAST(NULL AS VARCHAR ARRAY)"
            + " FROM information_schema.tables t WHERE t.table_schema NOT IN ('information_schema', 'pg_catalog')"
            + " AND t.table_name NOT LIKE " + HIDDEN + EnumTypes.TYPE_ROWS,

        "CREATE OR REPLACE VIEW pg_catalog.pg_default_acl AS SELECT pg_catalog.tusk_oid('D', d.nspname, d.rolname || '.' || d.objtype)"
            + " AS oid, COALESCE((SELECT a.oid FROM pg_catalog.pg_authid a WHERE a.rolname = d.rolname), 0) AS defaclrole,"
            + " CASE WHEN d.nspname = '' THEN 0 ELSE " + NS + "(d.nspname) END AS defaclnamespace,"
            + " d.objtype AS defaclobjtype, d.acl AS defaclacl FROM pg_catalog.tusk_default_acl d",

        // PostgreSQL 15's columns in its order; length, passing and alignment follow the type
        "CREATE OR REPLACE VIEW pg_catalog.pg_attribute AS SELECT attrelid, attname, atttypid, attstattarget,"
            + " pg_catalog.tusk_typlen(atttypid) AS attlen, attnum, attndims, -1 AS attcacheoff, atttypmod,"
            + " pg_catalog.tusk_typbyval(atttypid) AS attbyval, pg_catalog.tusk_typalign(atttypid) AS attalign,"
            + " attstorage, attcompression, attnotnull, atthasdef, atthasmissing, attidentity, attgenerated,"
            + " attisdropped, attislocal, attinhcount, attcollation, attacl, attoptions,"
            + " CAST(NULL AS VARCHAR ARRAY) AS attfdwoptions, CAST(NULL AS VARCHAR) AS attmissingval FROM ("
            + "SELECT pg_catalog.tusk_oid('r', c.table_schema, c.table_name)"
            + " AS attrelid, c.column_name AS attname,"
            + " " + COLUMN_TYPE + " AS atttypid,"
            + " CAST(c.ordinal_position AS SMALLINT) AS attnum,"
            + " pg_catalog.tusk_typmod(c.data_type, c.character_maximum_length, c.numeric_precision, c.numeric_scale)"
            + " AS atttypmod, CAST(-1 AS SMALLINT) AS attlen, 0 AS attndims, c.is_nullable = 'NO' AS attnotnull,"
            + " c.column_default IS NOT NULL AS atthasdef, FALSE AS atthasmissing,"
            + " CASE c.identity_generation WHEN 'ALWAYS' THEN 'a' WHEN 'BY DEFAULT' THEN 'd' ELSE '' END AS attidentity,"
            + " '' AS attgenerated, FALSE AS attisdropped, TRUE AS attislocal, 0 AS attinhcount,"
            + " CASE WHEN c.domain_name IN ('tusk_json', 'tusk_oid') THEN 0 WHEN c.domain_name = 'tusk_name' THEN 950"
            + " WHEN UPPER(c.data_type) IN ('CHARACTER VARYING', 'CHARACTER', 'CHARACTER LARGE OBJECT') THEN 100 ELSE 0 END"
            + " AS attcollation, -1 AS attstattarget,"
            // storage as PostgreSQL's types default it: variable-length ones extended, numeric main
            + " CASE WHEN UPPER(c.data_type) IN ('CHARACTER VARYING', 'CHARACTER', 'CHARACTER LARGE OBJECT', 'BINARY VARYING',"
            + " 'JSON') OR UPPER(c.data_type) LIKE '% ARRAY' THEN 'x' WHEN UPPER(c.data_type) IN ('NUMERIC', 'DECFLOAT') THEN 'm'"
            + " ELSE 'p' END AS attstorage, 'i' AS attalign, FALSE AS attbyval,"
            + " (SELECT ca.acl FROM pg_catalog.tusk_column_acl ca WHERE ca.nspname = c.table_schema AND ca.objname = c.table_name"
            + " AND ca.attname = c.column_name) AS attacl, CAST(NULL AS VARCHAR ARRAY) AS attoptions, '' AS attcompression"
            + " FROM information_schema.columns c WHERE c.table_schema <> 'information_schema'"
            + " AND c.table_name NOT LIKE " + HIDDEN
            // an index has attributes too: its key columns, numbered by their place in the index
            + " UNION ALL SELECT pg_catalog.tusk_oid('i', i.index_schema, coalesce(tc.constraint_name, i.index_name)),"
            + " ic.column_name, " + COLUMN_TYPE + ","
            + " CAST(ic.ordinal_position AS SMALLINT),"
            + " pg_catalog.tusk_typmod(c.data_type, c.character_maximum_length, c.numeric_precision, c.numeric_scale),"
            + " CAST(-1 AS SMALLINT), 0, FALSE, FALSE, FALSE, '', '', FALSE, TRUE, 0, 0, -1, 'p', 'i', FALSE,"
            + " CAST(NULL AS VARCHAR ARRAY), CAST(NULL AS VARCHAR ARRAY), ''"
            + " FROM " + INDEXES.replace(" WHERE ", " JOIN information_schema.index_columns ic ON ic.index_schema ="
                    + " i.index_schema AND ic.index_name = i.index_name JOIN information_schema.columns c ON c.table_schema ="
                    + " ic.table_schema AND c.table_name = ic.table_name AND c.column_name = ic.column_name WHERE ")
            // a sequence is a relation of one row: last_value, log_cnt, is_called
            + " UNION ALL SELECT pg_catalog.tusk_oid('S', q.sequence_schema, q.sequence_name), v.n, v.t,"
            + " CAST(v.num AS SMALLINT), -1, CAST(-1 AS SMALLINT), 0, TRUE, FALSE, FALSE, '', '', FALSE, TRUE, 0, 0, -1,"
            + " 'p', 'i', FALSE, CAST(NULL AS VARCHAR ARRAY), CAST(NULL AS VARCHAR ARRAY), ''"
            + " FROM information_schema.sequences q CROSS JOIN (VALUES (1, 'last_value', 20), (2, 'log_cnt', 20),"
            + " (3, 'is_called', 16)) v(num, n, t) WHERE q.sequence_schema <> 'information_schema') a",

        "CREATE OR REPLACE VIEW pg_catalog.tusk_attrdef_rows AS SELECT pg_catalog.tusk_oid('D', c.table_schema,"
            + " c.table_name || '.' || c.column_name) AS oid, pg_catalog.tusk_oid('r', c.table_schema, c.table_name) AS adrelid,"
            + " CAST(c.ordinal_position AS SMALLINT) AS adnum,"
            // a constant default prints with its type, as PostgreSQL's deparser shows it: 'x'::text
            + " CASE WHEN LEFT(c.column_default, 1) = '''' THEN c.column_default || '::' || pg_catalog.tusk_format_type("
            + "" + COLUMN_TYPE + ", -1) ELSE c.column_default END AS adbin"
            + " FROM information_schema.columns c WHERE c.column_default IS NOT NULL AND c.table_schema <> 'information_schema'",
        // pg_class, pg_attrdef and pg_description are read once per statement (see StatementRows)
        "CREATE OR REPLACE VIEW pg_catalog.pg_attrdef AS SELECT * FROM pg_catalog.tusk_statement_rows('pg_catalog.tusk_attrdef_rows')",

        "CREATE OR REPLACE VIEW pg_catalog.pg_index AS SELECT"
            + " pg_catalog.tusk_oid('i', i.index_schema, coalesce(tc.constraint_name, i.index_name)) AS indexrelid,"
            + " pg_catalog.tusk_oid('r', i.table_schema, i.table_name) AS indrelid,"
            + " (SELECT CAST(COUNT(*) AS SMALLINT) FROM information_schema.index_columns ic WHERE ic.index_schema = i.index_schema"
            + " AND ic.index_name = i.index_name) AS indnatts,"
            + " (SELECT CAST(COUNT(*) AS SMALLINT) FROM information_schema.index_columns ic WHERE ic.index_schema = i.index_schema"
            + " AND ic.index_name = i.index_name) AS indnkeyatts,"
            + " i.index_type_name <> 'INDEX' AS indisunique, FALSE AS indnullsnotdistinct,"
            + " i.index_type_name = 'PRIMARY KEY' AS indisprimary, FALSE AS indisexclusion, TRUE AS indimmediate,"
            + " FALSE AS indisclustered, TRUE AS indisvalid, FALSE AS indcheckxmin, TRUE AS indisready, TRUE AS indislive,"
            + " FALSE AS indisreplident,"
            + " ARRAY(SELECT CAST(c.ordinal_position AS SMALLINT) FROM information_schema.index_columns ic"
            + " JOIN information_schema.columns c ON c.table_schema = ic.table_schema AND c.table_name = ic.table_name"
            + " AND c.column_name = ic.column_name WHERE ic.index_schema = i.index_schema AND ic.index_name = i.index_name"
            + " ORDER BY ic.ordinal_position) AS indkey,"
            // the column's collation and the default operator class of its type (PostgreSQL's OIDs)
            + " ARRAY(SELECT CASE WHEN c.domain_name = 'tusk_name' THEN 950"
            + " WHEN UPPER(c.data_type) IN ('CHARACTER VARYING', 'CHARACTER') THEN 100 ELSE 0 END"
            + " FROM information_schema.index_columns ic JOIN information_schema.columns c ON c.table_schema = ic.table_schema"
            + " AND c.table_name = ic.table_name AND c.column_name = ic.column_name WHERE ic.index_schema = i.index_schema"
            + " AND ic.index_name = i.index_name ORDER BY ic.ordinal_position) AS indcollation,"
            + " ARRAY(SELECT pg_catalog.tusk_btree_opclass(c.data_type, c.domain_name, c.character_maximum_length)"
            + " FROM information_schema.index_columns ic JOIN information_schema.columns c ON c.table_schema = ic.table_schema"
            + " AND c.table_name = ic.table_name AND c.column_name = ic.column_name WHERE ic.index_schema = i.index_schema"
            + " AND ic.index_name = i.index_name ORDER BY ic.ordinal_position) AS indclass,"
            // per column: 1 = DESC, 2 = NULLS FIRST (an int2vector in PostgreSQL, 0-based there, 1-based here)
            + " ARRAY(SELECT CAST(CASE WHEN ic.ordering_specification = 'DESC' THEN 1 ELSE 0 END"
            + " + CASE WHEN ic.null_ordering = 'FIRST' THEN 2 ELSE 0 END AS SMALLINT)"
            + " FROM information_schema.index_columns ic WHERE ic.index_schema = i.index_schema"
            + " AND ic.index_name = i.index_name ORDER BY ic.ordinal_position) AS indoption,"
            + " CAST(NULL AS VARCHAR) AS indexprs, CAST(NULL AS VARCHAR) AS indpred"
            + " FROM " + INDEXES,

        "CREATE OR REPLACE VIEW pg_catalog.pg_constraint AS SELECT"
            + " pg_catalog.tusk_oid('c', tc.constraint_schema, tc.constraint_name) AS oid, tc.constraint_name AS conname,"
            + " " + NS + "(tc.constraint_schema) AS connamespace,"
            + " CASE tc.constraint_type WHEN 'PRIMARY KEY' THEN 'p' WHEN 'UNIQUE' THEN 'u' WHEN 'FOREIGN KEY' THEN 'f'"
            + " ELSE 'c' END AS contype, FALSE AS condeferrable, FALSE AS condeferred, TRUE AS convalidated,"
            + " pg_catalog.tusk_oid('r', tc.table_schema, tc.table_name) AS conrelid, 0 AS contypid,"
            // a key's own index; for a foreign key, the referenced key's index (as PostgreSQL records it)
            + " CASE WHEN tc.constraint_type IN ('PRIMARY KEY', 'UNIQUE') THEN"
            + " pg_catalog.tusk_oid('i', tc.constraint_schema, tc.constraint_name)"
            + " WHEN tc.constraint_type = 'FOREIGN KEY' THEN (SELECT pg_catalog.tusk_oid('i', rc.unique_constraint_schema,"
            + " rc.unique_constraint_name) FROM information_schema.referential_constraints rc"
            + " WHERE rc.constraint_schema = tc.constraint_schema AND rc.constraint_name = tc.constraint_name)"
            + " ELSE 0 END AS conindid, 0 AS conparentid,"
            + " CASE WHEN tc.constraint_type = 'FOREIGN KEY' THEN (SELECT pg_catalog.tusk_oid('r', u.table_schema, u.table_name)"
            + " FROM information_schema.referential_constraints rc JOIN information_schema.table_constraints u"
            + " ON u.constraint_schema = rc.unique_constraint_schema AND u.constraint_name = rc.unique_constraint_name"
            + " WHERE rc.constraint_schema = tc.constraint_schema AND rc.constraint_name = tc.constraint_name) ELSE 0 END"
            + " AS confrelid, " + referentialAction("update_rule") + " AS confupdtype, " + referentialAction("delete_rule")
            + " AS confdeltype, CASE WHEN tc.constraint_type = 'FOREIGN KEY' THEN 's' ELSE ' ' END AS confmatchtype,"
            + " TRUE AS conislocal, 0 AS coninhcount, tc.constraint_type <> 'CHECK' AS connoinherit,"
            // a check's columns are the ones its expression uses
            + " CASE WHEN tc.constraint_type = 'CHECK' THEN ARRAY(SELECT CAST(c.ordinal_position AS SMALLINT)"
            + " FROM information_schema.constraint_column_usage u JOIN information_schema.columns c"
            + " ON c.table_schema = u.table_schema AND c.table_name = u.table_name AND c.column_name = u.column_name"
            + " WHERE u.constraint_schema = tc.constraint_schema AND u.constraint_name = tc.constraint_name"
            + " ORDER BY c.ordinal_position) ELSE"
            + " ARRAY(SELECT CAST(c.ordinal_position AS SMALLINT) FROM information_schema.key_column_usage k"
            + " JOIN information_schema.columns c ON c.table_schema = k.table_schema AND c.table_name = k.table_name"
            + " AND c.column_name = k.column_name WHERE k.constraint_schema = tc.constraint_schema"
            + " AND k.constraint_name = tc.constraint_name ORDER BY k.ordinal_position) END AS conkey,"
            // a foreign key column's partner: the referenced constraint's column at position_in_unique_constraint
            + " CASE WHEN tc.constraint_type <> 'FOREIGN KEY' THEN NULL ELSE"
            + " ARRAY(SELECT CAST(rcol.ordinal_position AS SMALLINT) FROM information_schema.key_column_usage k"
            + " JOIN information_schema.referential_constraints rc ON rc.constraint_schema = k.constraint_schema"
            + " AND rc.constraint_name = k.constraint_name JOIN information_schema.key_column_usage u"
            + " ON u.constraint_schema = rc.unique_constraint_schema AND u.constraint_name = rc.unique_constraint_name"
            + " AND u.ordinal_position = k.position_in_unique_constraint JOIN information_schema.columns rcol"
            + " ON rcol.table_schema = u.table_schema AND rcol.table_name = u.table_name AND rcol.column_name = u.column_name"
            + " WHERE k.constraint_schema = tc.constraint_schema AND k.constraint_name = tc.constraint_name"
            + " ORDER BY k.ordinal_position) END AS confkey, CAST(NULL AS INTEGER ARRAY) AS conpfeqop,"
            + " CAST(NULL AS INTEGER ARRAY) AS conppeqop, CAST(NULL AS INTEGER ARRAY) AS conffeqop,"
            + " CAST(NULL AS SMALLINT ARRAY) AS confdelsetcols, CAST(NULL AS INTEGER ARRAY) AS conexclop,"
            + " CAST(NULL AS VARCHAR) AS conbin"
            + " FROM information_schema.table_constraints tc WHERE tc.constraint_schema <> 'information_schema'"
            + " AND tc.table_name NOT LIKE " + HIDDEN + " AND tc.constraint_type <> 'NOT NULL'",

        "CREATE OR REPLACE VIEW pg_catalog.pg_collation AS SELECT * FROM (VALUES (100, 'default', 11, 10, 'd', TRUE, -1,"
            + " CAST(NULL AS VARCHAR), CAST(NULL AS VARCHAR)), (950, 'C', 11, 10, 'c', TRUE, -1, 'C', 'C'),"
            + " (951, 'POSIX', 11, 10, 'c', TRUE, -1, 'POSIX', 'POSIX')) AS c(oid, collname, collnamespace, collowner,"
            + " collprovider, collisdeterministic, collencoding, collcollate, collctype)",

        // COMMENT ON TABLE/VIEW/COLUMN is kept by the engine (its remarks): undone with the transaction.
        "CREATE OR REPLACE VIEW pg_catalog.tusk_description_rows AS SELECT pg_catalog.tusk_oid('r', t.table_schema, t.table_name)"
            + " AS objoid, " + PgOids.PG_CLASS + " AS classoid, 0 AS objsubid, t.remarks AS description"
            + " FROM information_schema.tables t WHERE t.remarks <> '' AND t.table_schema <> 'information_schema'"
            + " AND t.table_name NOT LIKE " + HIDDEN
            + " UNION ALL SELECT pg_catalog.tusk_oid('r', c.table_schema, c.table_name), " + PgOids.PG_CLASS + ","
            + " c.ordinal_position, c.remarks FROM information_schema.columns c WHERE c.remarks <> ''"
            + " AND c.table_schema <> 'information_schema' AND c.table_name NOT LIKE " + HIDDEN
            // the built-in objects' comments, as PostgreSQL 15 has them (pg_namespace 2615, pg_extension 3079,
            // pg_language 2612, pg_type 1247)
            + " UNION ALL SELECT * FROM (VALUES (" + PgOids.PG_CATALOG_NAMESPACE + ", 2615, 0, 'system catalog schema'),"
            + " (" + PgOids.PUBLIC_NAMESPACE + ", 2615, 0, 'standard public schema'),"
            + " (" + PgSystemViews.PLPGSQL_EXTENSION + ", 3079, 0, '" + PgSystemViews.PLPGSQL_COMMENT + "'),"
            + " (" + PgSystemViews.PLPGSQL_LANGUAGE + ", 2612, 0, '" + PgSystemViews.PLPGSQL_COMMENT + "'), "
            + BuiltinTypes.descriptionRows() + ")",
        "CREATE OR REPLACE VIEW pg_catalog.pg_description AS SELECT * FROM"
            + " pg_catalog.tusk_statement_rows('pg_catalog.tusk_description_rows')",
        "CREATE OR REPLACE VIEW pg_catalog.pg_tables AS SELECT n.nspname AS schemaname, c.relname AS tablename,"
            + " pg_catalog.tusk_get_userbyid(c.relowner) AS tableowner, CAST(NULL AS VARCHAR) AS tablespace,"
            + " c.relhasindex AS hasindexes, c.relhasrules AS hasrules, c.relhastriggers AS hastriggers,"
            + " c.relrowsecurity AS rowsecurity FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n"
            + " ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p')",
        "CREATE OR REPLACE VIEW pg_catalog.pg_views AS SELECT n.nspname AS schemaname, c.relname AS viewname,"
            + " pg_catalog.tusk_get_userbyid(c.relowner) AS viewowner, pg_catalog.tusk_get_viewdef(c.oid) AS definition"
            + " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'v'",
        "CREATE OR REPLACE VIEW pg_catalog.pg_indexes AS SELECT n.nspname AS schemaname, c.relname AS tablename,"
            + " i.relname AS indexname, CAST(NULL AS VARCHAR) AS tablespace,"
            + " pg_catalog.tusk_get_indexdef(i.oid) AS indexdef FROM pg_catalog.pg_index x"
            + " JOIN pg_catalog.pg_class c ON c.oid = x.indrelid JOIN pg_catalog.pg_class i ON i.oid = x.indexrelid"
            + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'm', 'p')",
    };

    /** pg_constraint's action code ('a' no action, 'r', 'c', 'n', 'd') for a foreign key's update_rule or delete_rule. */
    private static String referentialAction(String rule) {
        return "CASE WHEN tc.constraint_type <> 'FOREIGN KEY' THEN ' ' ELSE (SELECT CASE rc." + rule
                + " WHEN 'CASCADE' THEN 'c' WHEN 'SET NULL' THEN 'n' WHEN 'SET DEFAULT' THEN 'd' WHEN 'RESTRICT' THEN 'r'"
                + " ELSE 'a' END FROM information_schema.referential_constraints rc WHERE rc.constraint_schema ="
                + " tc.constraint_schema AND rc.constraint_name = tc.constraint_name) END";
    }
}
