package dev.tusk.server.engine.h2;

import dev.tusk.server.catalog.PgOids;
import java.util.ArrayList;
import java.util.List;

/**
 * The pg_catalog relations besides the ones describing tables and their parts (H2PgCatalog):
 * fixed catalogs (access methods, languages, tablespaces), sequences, the statistics and activity
 * views, settings, and the catalogs of objects Tusk does not have, which are present and empty
 * because tools read them unconditionally. All are views, replaced each start, with PostgreSQL
 * 15's column names in its order.
 */
final class PgSystemViews {
    private PgSystemViews() {
    }

    /**
     * Catalogs of objects Tusk has none of: name, then columns as H2 declares them. Each is a view
     * that selects no row, so an upgraded Tusk can change its columns.
     */
    private static final String[][] EMPTY = {
        {"pg_trigger", "oid INTEGER, tgrelid INTEGER, tgparentid INTEGER, tgname VARCHAR, tgfoid INTEGER, tgtype SMALLINT,"
            + " tgenabled CHAR(1), tgisinternal BOOLEAN, tgconstrrelid INTEGER, tgconstrindid INTEGER, tgconstraint INTEGER,"
            + " tgdeferrable BOOLEAN, tginitdeferred BOOLEAN, tgnargs SMALLINT, tgattr SMALLINT ARRAY, tgargs VARBINARY,"
            + " tgqual VARCHAR, tgoldtable VARCHAR, tgnewtable VARCHAR"},
        {"pg_foreign_data_wrapper", "oid INTEGER, fdwname VARCHAR, fdwowner INTEGER, fdwhandler INTEGER,"
            + " fdwvalidator INTEGER, fdwacl VARCHAR ARRAY, fdwoptions VARCHAR ARRAY"},
        {"pg_foreign_server", "oid INTEGER, srvname VARCHAR, srvowner INTEGER, srvfdw INTEGER, srvtype VARCHAR,"
            + " srvversion VARCHAR, srvacl VARCHAR ARRAY, srvoptions VARCHAR ARRAY"},
        {"pg_foreign_table", "ftrelid INTEGER, ftserver INTEGER, ftoptions VARCHAR ARRAY"},
        {"pg_inherits", "inhrelid INTEGER, inhparent INTEGER, inhseqno INTEGER, inhdetachpending BOOLEAN"},
        {"pg_partitioned_table", "partrelid INTEGER, partstrat CHAR(1), partnatts SMALLINT, partdefid INTEGER,"
            + " partattrs SMALLINT ARRAY, partclass INTEGER ARRAY, partcollation INTEGER ARRAY, partexprs VARCHAR"},
        {"pg_policy", "oid INTEGER, polname VARCHAR, polrelid INTEGER, polcmd CHAR(1), polpermissive BOOLEAN,"
            + " polroles INTEGER ARRAY, polqual VARCHAR, polwithcheck VARCHAR"},
        {"pg_statistic_ext", "oid INTEGER, stxrelid INTEGER, stxname VARCHAR, stxnamespace INTEGER, stxowner INTEGER,"
            + " stxstattarget INTEGER, stxkeys SMALLINT ARRAY, stxkind VARCHAR ARRAY, stxexprs VARCHAR"},
        {"pg_publication", "oid INTEGER, pubname VARCHAR, pubowner INTEGER, puballtables BOOLEAN, pubinsert BOOLEAN,"
            + " pubupdate BOOLEAN, pubdelete BOOLEAN, pubtruncate BOOLEAN, pubviaroot BOOLEAN"},
        {"pg_publication_namespace", "oid INTEGER, pnpubid INTEGER, pnnspid INTEGER"},
        {"pg_publication_rel", "oid INTEGER, prpubid INTEGER, prrelid INTEGER, prqual VARCHAR, prattrs SMALLINT ARRAY"},
        {"pg_subscription", "oid INTEGER, subdbid INTEGER, subskiplsn VARCHAR, subname VARCHAR, subowner INTEGER,"
            + " subenabled BOOLEAN, subbinary BOOLEAN, substream BOOLEAN, subtwophasestate CHAR(1),"
            + " subdisableonerr BOOLEAN, subconninfo VARCHAR, subslotname VARCHAR, subsynccommit VARCHAR,"
            + " subpublications VARCHAR ARRAY"},
        // Tusk's functions are H2 aliases with no SQL-level definition: pg_proc lists none.
        {"pg_proc", "oid INTEGER, proname VARCHAR, pronamespace INTEGER, proowner INTEGER, prolang INTEGER, procost REAL,"
            + " prorows REAL, provariadic INTEGER, prosupport INTEGER, prokind CHAR(1), prosecdef BOOLEAN,"
            + " proleakproof BOOLEAN, proisstrict BOOLEAN, proretset BOOLEAN, provolatile CHAR(1), proparallel CHAR(1),"
            + " pronargs SMALLINT, pronargdefaults SMALLINT, prorettype INTEGER, proargtypes INTEGER ARRAY,"
            + " proallargtypes INTEGER ARRAY, proargmodes CHAR(1) ARRAY, proargnames VARCHAR ARRAY,"
            + " proargdefaults VARCHAR, protrftypes INTEGER ARRAY, prosrc VARCHAR, probin VARCHAR, prosqlbody VARCHAR,"
            + " proconfig VARCHAR ARRAY, proacl VARCHAR ARRAY"},
        {"pg_event_trigger", "oid INTEGER, evtname VARCHAR, evtevent VARCHAR, evtowner INTEGER, evtfoid INTEGER,"
            + " evtenabled CHAR(1), evttags VARCHAR ARRAY"},
        {"pg_locks", "locktype VARCHAR, database INTEGER, relation INTEGER, page INTEGER, tuple SMALLINT,"
            + " virtualxid VARCHAR, transactionid BIGINT, classid INTEGER, objid INTEGER, objsubid SMALLINT,"
            + " virtualtransaction VARCHAR, pid INTEGER, mode VARCHAR, granted BOOLEAN, fastpath BOOLEAN,"
            + " waitstart TIMESTAMP WITH TIME ZONE"},
    };

    /** Names an older Tusk created as tables and this one defines as views (dropped first). */
    static List<String> formerTables() {
        List<String> names = new ArrayList<>();
        for (String[] e : EMPTY) {
            names.add(e[0]);
        }
        names.addAll(List.of("pg_language", "pg_rewrite", "pg_description", "pg_depend", "pg_enum", "pg_extension"));
        return names;
    }

    static List<String> views() {
        List<String> views = new ArrayList<>();
        for (String[] e : EMPTY) {
            views.add(emptyView(e[0], e[1]));
        }
        views.addAll(List.of(FIXED));
        views.addAll(List.of(SEQUENCES));
        views.addAll(List.of(STATISTICS));
        return views;
    }

    /** {@code CREATE VIEW name AS SELECT CAST(NULL AS type) AS column, ... WHERE FALSE}. */
    private static String emptyView(String name, String columns) {
        StringBuilder select = new StringBuilder();
        for (String column : columns.split(",\\s*")) {
            int space = column.indexOf(' ');
            select.append(select.length() > 0 ? ", " : "").append("CAST(NULL AS ").append(column.substring(space + 1))
                    .append(") AS ").append(column, 0, space);
        }
        return "CREATE OR REPLACE VIEW pg_catalog." + name + " AS SELECT " + select + " WHERE FALSE";
    }

    /** PostgreSQL 15's OIDs of the plpgsql extension and language, which initdb creates. */
    static final int PLPGSQL_EXTENSION = 13559;
    static final int PLPGSQL_LANGUAGE = 13563;
    static final String PLPGSQL_COMMENT = "PL/pgSQL procedural language";

    private static final String[] FIXED = {
        "CREATE OR REPLACE VIEW pg_catalog.pg_enum AS SELECT * FROM pg_catalog.tusk_enum_rows()",
        // Dependencies Tusk records: a serial column's sequence is owned by ('a') the column
        "CREATE OR REPLACE VIEW pg_catalog.pg_depend AS SELECT " + PgOids.PG_CLASS + " AS classid,"
            + " pg_catalog.tusk_oid('S', c.table_schema, c.table_name || '_' || c.column_name || '_seq') AS objid,"
            + " 0 AS objsubid, " + PgOids.PG_CLASS + " AS refclassid,"
            + " pg_catalog.tusk_oid('r', c.table_schema, c.table_name) AS refobjid, c.ordinal_position AS refobjsubid,"
            + " 'a' AS deptype FROM information_schema.columns c WHERE c.column_default = 'NEXTVAL(' || CHAR(39) || c.table_schema"
            + " || '.' || c.table_name || '_' || c.column_name || '_seq' || CHAR(39) || ')'",

        // plpgsql, installed in every database as initdb does (ExtensionCommands), with PostgreSQL 15's OIDs
        "CREATE OR REPLACE VIEW pg_catalog.pg_extension AS SELECT * FROM (VALUES (" + PLPGSQL_EXTENSION + ", 'plpgsql', 10, "
            + PgOids.PG_CATALOG_NAMESPACE + ", FALSE, '1.0', CAST(NULL AS INTEGER ARRAY), CAST(NULL AS VARCHAR ARRAY)))"
            + " AS e(oid, extname, extowner, extnamespace, extrelocatable, extversion, extconfig, extcondition)",

        "CREATE OR REPLACE VIEW pg_catalog.pg_available_extensions AS SELECT extname AS name,"
            + " extversion AS default_version, extversion AS installed_version, '" + PLPGSQL_COMMENT + "' AS comment"
            + " FROM pg_catalog.pg_extension",

        "CREATE OR REPLACE VIEW pg_catalog.pg_am AS SELECT * FROM (VALUES (2, 'heap', 'heap_tableam_handler', 't'),"
            + " (403, 'btree', 'bthandler', 'i'), (405, 'hash', 'hashhandler', 'i'), (783, 'gist', 'gisthandler', 'i'),"
            + " (2742, 'gin', 'ginhandler', 'i'), (3580, 'brin', 'brinhandler', 'i'), (4000, 'spgist', 'spghandler', 'i'))"
            + " AS am(oid, amname, amhandler, amtype)",

        // PostgreSQL's four: internal and C for its built-ins, sql, and plpgsql (the extension's)
        "CREATE OR REPLACE VIEW pg_catalog.pg_language AS SELECT * FROM (VALUES"
            + " (12, 'internal', 10, FALSE, FALSE, 0, 0, 2246, CAST(NULL AS VARCHAR ARRAY)),"
            + " (13, 'c', 10, FALSE, FALSE, 0, 0, 2247, NULL), (14, 'sql', 10, FALSE, TRUE, 0, 0, 2248, NULL),"
            + " (" + PLPGSQL_LANGUAGE + ", 'plpgsql', 10, TRUE, TRUE, 13560, 13561, 13562, NULL))"
            + " AS l(oid, lanname, lanowner, lanispl, lanpltrusted, lanplcallfoid, laninline, lanvalidator, lanacl)",

        "CREATE OR REPLACE VIEW pg_catalog.pg_tablespace AS SELECT * FROM (VALUES (1663, 'pg_default', 10,"
            + " CAST(NULL AS VARCHAR ARRAY), CAST(NULL AS VARCHAR ARRAY)), (1664, 'pg_global', 10, NULL, NULL))"
            + " AS t(oid, spcname, spcowner, spcacl, spcoptions)",

        // A view is a relation with a rewrite rule named _RETURN (what psql and DBeaver look for).
        "CREATE OR REPLACE VIEW pg_catalog.pg_rewrite AS SELECT pg_catalog.tusk_oid('R', v.table_schema, v.table_name)"
            + " AS oid, '_RETURN' AS rulename, pg_catalog.tusk_oid('r', v.table_schema, v.table_name) AS ev_class,"
            + " '1' AS ev_type, 'O' AS ev_enabled, TRUE AS is_instead, CAST(NULL AS VARCHAR) AS ev_qual,"
            + " CAST(NULL AS VARCHAR) AS ev_action FROM information_schema.tables v WHERE v.table_type = 'VIEW'"
            + " AND v.table_schema <> 'information_schema'",

        // The settings catalog queries read; the session's own values are SHOW's (SessionSettings).
        "CREATE OR REPLACE VIEW pg_catalog.pg_settings AS SELECT * FROM (VALUES"
            + " ('max_index_keys', '32', 'Preset Options'), ('max_identifier_length', '63', 'Preset Options'),"
            + " ('standard_conforming_strings', 'on', 'Version and Platform Compatibility'),"
            + " ('server_encoding', 'UTF8', 'Preset Options'), ('integer_datetimes', 'on', 'Preset Options'),"
            + " ('client_encoding', 'UTF8', 'Client Connection Defaults / Locale and Formatting'),"
            + " ('DateStyle', 'ISO, MDY', 'Client Connection Defaults / Locale and Formatting'),"
            + " ('block_size', '8192', 'Preset Options')) AS s(name, setting, category)",
    };

    /**
     * A sequence's cache as PostgreSQL means it (values a session keeps for itself): the engine's
     * default of 32 is not that but write batching, like PostgreSQL's 32 values logged ahead, and
     * every session draws from the shared sequence, so it shows as 1; a CACHE given explicitly shows
     * as given (except 32 itself).
     */
    private static final String CACHE = "CAST(CASE WHEN q.cache = 32 THEN 1 ELSE q.cache END AS BIGINT)";

    private static final String[] SEQUENCES = {
        "CREATE OR REPLACE VIEW pg_catalog.pg_sequence AS SELECT pg_catalog.tusk_oid('S', q.sequence_schema,"
            + " q.sequence_name) AS seqrelid, pg_catalog.tusk_type_oid(q.data_type, NULL) AS seqtypid,"
            + " CAST(q.start_value AS BIGINT) AS seqstart, CAST(q.increment AS BIGINT) AS seqincrement,"
            + " CAST(q.maximum_value AS BIGINT) AS seqmax, CAST(q.minimum_value AS BIGINT) AS seqmin,"
            + " " + CACHE + " AS seqcache, q.cycle_option = 'YES' AS seqcycle"
            + " FROM information_schema.sequences q WHERE q.sequence_schema <> 'information_schema'",

        // last_value: NULL until the sequence is first used, as in PostgreSQL
        "CREATE OR REPLACE VIEW pg_catalog.pg_sequences AS SELECT q.sequence_schema AS schemaname,"
            + " q.sequence_name AS sequencename, pg_catalog.tusk_get_userbyid(" + PgOids.BOOTSTRAP_SUPERUSER
            + ") AS sequenceowner, pg_catalog.tusk_format_type(pg_catalog.tusk_type_oid(q.data_type, NULL), -1) AS data_type,"
            + " CAST(q.start_value AS BIGINT) AS start_value, CAST(q.minimum_value AS BIGINT) AS min_value,"
            + " CAST(q.maximum_value AS BIGINT) AS max_value, CAST(q.increment AS BIGINT) AS increment_by,"
            + " q.cycle_option = 'YES' AS cycle, " + CACHE + " AS cache_size,"
            + " CASE WHEN q.base_value = q.start_value THEN CAST(NULL AS BIGINT)"
            + " ELSE CAST(q.base_value - q.increment AS BIGINT) END AS last_value"
            + " FROM information_schema.sequences q WHERE q.sequence_schema <> 'information_schema'",
    };

    private static final String[] STATISTICS = {
        // Tusk keeps no access statistics: the counters are zero, the live-row count is H2's estimate.
        "CREATE OR REPLACE VIEW pg_catalog.pg_stat_user_tables AS SELECT pg_catalog.tusk_oid('r', t.table_schema,"
            + " t.table_name) AS relid, t.table_schema AS schemaname, t.table_name AS relname,"
            + " CAST(0 AS BIGINT) AS seq_scan, CAST(0 AS BIGINT) AS seq_tup_read, CAST(0 AS BIGINT) AS idx_scan,"
            + " CAST(0 AS BIGINT) AS idx_tup_fetch, CAST(0 AS BIGINT) AS n_tup_ins, CAST(0 AS BIGINT) AS n_tup_upd,"
            + " CAST(0 AS BIGINT) AS n_tup_del, CAST(0 AS BIGINT) AS n_tup_hot_upd,"
            + " CAST(coalesce(t.row_count_estimate, 0) AS BIGINT) AS n_live_tup, CAST(0 AS BIGINT) AS n_dead_tup,"
            + " CAST(0 AS BIGINT) AS n_mod_since_analyze, CAST(0 AS BIGINT) AS n_ins_since_vacuum,"
            + " CAST(NULL AS TIMESTAMP WITH TIME ZONE) AS last_vacuum, CAST(NULL AS TIMESTAMP WITH TIME ZONE) AS last_autovacuum,"
            + " CAST(NULL AS TIMESTAMP WITH TIME ZONE) AS last_analyze,"
            + " CAST(NULL AS TIMESTAMP WITH TIME ZONE) AS last_autoanalyze, CAST(0 AS BIGINT) AS vacuum_count,"
            + " CAST(0 AS BIGINT) AS autovacuum_count, CAST(0 AS BIGINT) AS analyze_count,"
            + " CAST(0 AS BIGINT) AS autoanalyze_count FROM information_schema.tables t"
            + " WHERE t.table_type = 'BASE TABLE' AND t.table_schema NOT IN ('information_schema', 'pg_catalog')"
            + " AND t.table_name NOT LIKE '" + DdlUndo.HIDDEN_PREFIX + "%'",

        "CREATE OR REPLACE VIEW pg_catalog.pg_stat_activity AS SELECT pg_catalog.tusk_oid('d', '', s.datname) AS datid,"
            + " s.datname, s.pid, CAST(NULL AS INTEGER) AS leader_pid, a.oid AS usesysid, s.usename,"
            + " s.application_name, CAST(NULL AS VARCHAR) AS client_addr, CAST(NULL AS VARCHAR) AS client_hostname,"
            + " CAST(NULL AS INTEGER) AS client_port, s.backend_start, s.xact_start, s.query_start,"
            + " s.query_start AS state_change, CAST(NULL AS VARCHAR) AS wait_event_type,"
            + " CAST(NULL AS VARCHAR) AS wait_event, s.state, CAST(NULL AS VARCHAR) AS backend_xid,"
            + " CAST(NULL AS VARCHAR) AS backend_xmin, CAST(NULL AS BIGINT) AS query_id, s.query,"
            + " 'client backend' AS backend_type FROM pg_catalog.tusk_stat_activity() s"
            + " LEFT JOIN pg_catalog.pg_authid a ON a.rolname = s.usename",
    };
}
