package dev.tusk.server.engine.h2;

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

    private static final String[][] CATALOG_FUNCTIONS = {
        {"tusk_oid", "tuskOid"},
        {"tusk_namespace_oid", "tuskNamespaceOid"},
        {"pg_get_userbyid", "pgGetUserbyid"},
        {"pg_table_is_visible", "pgTableIsVisible"},
        {"pg_encoding_to_char", "pgEncodingToChar"},
        {"tusk_databases", "tuskDatabases"},
    };

    static void install(Connection c, List<CatalogRole> roles) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS pg_catalog");
            for (String[] f : PgFunctions.ALIASES) {
                alias(s, f[0], PgFunctions.class, f[1]);
            }
            for (String[] f : CATALOG_FUNCTIONS) {
                alias(s, f[0], PgCatalogFunctions.class, f[1]);
            }
            s.execute("CREATE TABLE IF NOT EXISTS pg_catalog.pg_authid (oid INTEGER PRIMARY KEY, rolname VARCHAR(63),"
                    + " rolsuper BOOLEAN, rolinherit BOOLEAN, rolcreaterole BOOLEAN, rolcreatedb BOOLEAN,"
                    + " rolcanlogin BOOLEAN, rolreplication BOOLEAN, rolbypassrls BOOLEAN, rolconnlimit INTEGER,"
                    + " rolpassword VARCHAR, rolvaliduntil TIMESTAMP WITH TIME ZONE)");
            s.execute("CREATE TABLE IF NOT EXISTS pg_catalog.pg_auth_members (roleid INTEGER, member INTEGER,"
                    + " grantor INTEGER, admin_option BOOLEAN)");
            s.execute("DELETE FROM pg_catalog.pg_authid");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO pg_catalog.pg_authid VALUES"
                    + " (?, ?, ?, TRUE, ?, ?, TRUE, ?, ?, -1, NULL, NULL)")) {
                for (CatalogRole r : roles) {
                    ps.setInt(1, r.oid());
                    ps.setString(2, r.name());
                    for (int i = 3; i <= 7; i++) {
                        ps.setBoolean(i, r.superuser());
                    }
                    ps.executeUpdate();
                }
            }
            for (String view : VIEWS) {
                s.execute(view);
            }
            c.commit();
        }
    }

    private static void alias(Statement s, String name, Class<?> impl, String method) throws SQLException {
        s.execute("CREATE ALIAS IF NOT EXISTS pg_catalog." + name + " FOR '" + impl.getName() + "." + method + "'");
    }

    private static final String NS = "pg_catalog.tusk_namespace_oid";
    /** Tables dropped in an open transaction wait under a hidden name; the catalogs do not show them. */
    private static final String HIDDEN = "'" + DdlUndo.HIDDEN_PREFIX + "%'";

    private static final String[] VIEWS = {
        "CREATE OR REPLACE VIEW pg_catalog.pg_namespace AS SELECT " + NS + "(schema_name) AS oid,"
            + " schema_name AS nspname,"
            + " CASE schema_name WHEN 'public' THEN " + PgOids.PG_DATABASE_OWNER + " ELSE " + PgOids.BOOTSTRAP_SUPERUSER
            + " END AS nspowner, CAST(NULL AS VARCHAR ARRAY) AS nspacl FROM information_schema.schemata",

        "CREATE OR REPLACE VIEW pg_catalog.pg_roles AS SELECT rolname, rolsuper, rolinherit, rolcreaterole,"
            + " rolcreatedb, rolcanlogin, rolreplication, rolconnlimit, '********' AS rolpassword, rolvaliduntil,"
            + " rolbypassrls, CAST(NULL AS VARCHAR ARRAY) AS rolconfig, oid FROM pg_catalog.pg_authid",

        "CREATE OR REPLACE VIEW pg_catalog.pg_user AS SELECT rolname AS usename, oid AS usesysid,"
            + " rolcreatedb AS usecreatedb, rolsuper AS usesuper, rolreplication AS userepl, rolbypassrls AS usebypassrls,"
            + " '********' AS passwd, rolvaliduntil AS valuntil, CAST(NULL AS VARCHAR ARRAY) AS useconfig"
            + " FROM pg_catalog.pg_authid WHERE rolcanlogin",

        "CREATE OR REPLACE VIEW pg_catalog.pg_am AS SELECT * FROM (VALUES (2, 'heap', 't'), (403, 'btree', 'i'),"
            + " (405, 'hash', 'i'), (783, 'gist', 'i'), (2742, 'gin', 'i'), (3580, 'brin', 'i'), (4000, 'spgist', 'i'))"
            + " AS am(oid, amname, amtype)",

        "CREATE OR REPLACE VIEW pg_catalog.pg_database AS SELECT pg_catalog.tusk_oid('d', '', datname) AS oid, datname,"
            + " " + PgOids.BOOTSTRAP_SUPERUSER + " AS datdba, 6 AS encoding, 'c' AS datlocprovider,"
            + " datname IN ('template0', 'template1') AS datistemplate, datname <> 'template0' AS datallowconn,"
            + " -1 AS datconnlimit, 0 AS datfrozenxid, 0 AS datminmxid, 1663 AS dattablespace, 'C' AS datcollate,"
            + " 'C' AS datctype, CAST(NULL AS VARCHAR) AS daticulocale, CAST(NULL AS VARCHAR) AS datcollversion,"
            + " CAST(NULL AS VARCHAR ARRAY) AS datacl FROM pg_catalog.tusk_databases()",

        "CREATE OR REPLACE VIEW pg_catalog.pg_class AS "
            + "SELECT pg_catalog.tusk_oid('r', t.table_schema, t.table_name) AS oid, t.table_name AS relname,"
            + " " + NS + "(t.table_schema) AS relnamespace, 0 AS reltype, 0 AS reloftype,"
            + " " + PgOids.BOOTSTRAP_SUPERUSER + " AS relowner,"
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
            + " FALSE AS relhasrules, FALSE AS relhastriggers, FALSE AS relhassubclass, FALSE AS relrowsecurity,"
            + " FALSE AS relforcerowsecurity, TRUE AS relispopulated, 'd' AS relreplident, FALSE AS relispartition,"
            + " 0 AS relrewrite, 0 AS relfrozenxid, 0 AS relminmxid, CAST(NULL AS VARCHAR ARRAY) AS relacl,"
            + " CAST(NULL AS VARCHAR ARRAY) AS reloptions, CAST(NULL AS VARCHAR) AS relpartbound"
            + " FROM information_schema.tables t WHERE t.table_schema <> 'information_schema'"
            + " AND t.table_name NOT LIKE " + HIDDEN
            + " UNION ALL SELECT pg_catalog.tusk_oid('i', i.index_schema, i.index_name), i.index_name,"
            + " " + NS + "(i.index_schema), 0, 0, " + PgOids.BOOTSTRAP_SUPERUSER + ", " + PgOids.BTREE_AM + ", 0, 0, 0,"
            + " CAST(-1 AS REAL), 0, 0, FALSE, FALSE, 'p', 'i',"
            + " (SELECT CAST(COUNT(*) AS SMALLINT) FROM information_schema.index_columns ic WHERE ic.index_schema = i.index_schema"
            + " AND ic.index_name = i.index_name), 0, FALSE, FALSE, FALSE, FALSE, FALSE, TRUE, 'n', FALSE, 0, 0, 0,"
            + " NULL, NULL, NULL FROM information_schema.indexes i WHERE i.index_schema <> 'information_schema'"
            + " AND i.table_name NOT LIKE " + HIDDEN
            + " UNION ALL SELECT pg_catalog.tusk_oid('S', q.sequence_schema, q.sequence_name), q.sequence_name,"
            + " " + NS + "(q.sequence_schema), 0, 0, " + PgOids.BOOTSTRAP_SUPERUSER + ", 0, 0, 0, 0, CAST(-1 AS REAL), 0, 0,"
            + " FALSE, FALSE, 'p', 'S', CAST(3 AS SMALLINT), 0, FALSE, FALSE, FALSE, FALSE, FALSE, TRUE, 'n', FALSE,"
            + " 0, 0, 0, NULL, NULL, NULL FROM information_schema.sequences q WHERE q.sequence_schema <> 'information_schema'",

        "CREATE OR REPLACE VIEW pg_catalog.pg_tables AS SELECT n.nspname AS schemaname, c.relname AS tablename,"
            + " pg_catalog.pg_get_userbyid(c.relowner) AS tableowner, CAST(NULL AS VARCHAR) AS tablespace,"
            + " c.relhasindex AS hasindexes, c.relhasrules AS hasrules, c.relhastriggers AS hastriggers,"
            + " c.relrowsecurity AS rowsecurity FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n"
            + " ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p')",
    };
}
