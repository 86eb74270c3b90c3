package dev.tusk.compat;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The catalog queries DBeaver's PostgreSQL support runs (through pgjdbc, as prepared statements)
 * when it connects and when a user expands a database, its schemas, a table's columns,
 * constraints, foreign keys and indexes, sequences, views, functions and roles. The shapes follow
 * DBeaver's own (its PostgreDataSource, PostgreDatabase, PostgreSchema and PostgreTableBase
 * caches): {@code x.oid, x.*} selects, joins to pg_description, pg_get_expr over pg_attrdef,
 * regclass literals, parameters bound to OIDs read from the catalogs.
 *
 * <p>Each query runs against PostgreSQL 15 and Tusk with the same schema. The column labels must
 * be the same (a {@code *} over a catalog exposes its whole shape), and so must the rows, compared
 * on the columns that do not carry server-assigned OIDs or build- and storage-dependent figures.
 */
class DBeaverQueriesTest extends BothServers {
    private static final String SCHEMA = "create table dbv_parent (id int primary key, name varchar(40) not null unique);"
            + "comment on table dbv_parent is 'parents';"
            + "comment on column dbv_parent.name is 'display name';"
            + "create table dbv_child (id bigserial primary key, parent_id int references dbv_parent(id) on delete cascade,"
            + " note text default 'none', amount numeric(10,2) check (amount >= 0), created timestamp default now());"
            + "create index dbv_child_note_idx on dbv_child (note);"
            + "create unique index dbv_child_pa_idx on dbv_child (parent_id, amount desc);"
            + "create view dbv_view as select id, name from dbv_parent;"
            + "create sequence dbv_seq increment by 5 start with 100;"
            + "create schema dbv_other;"
            + "create table dbv_other.t (x int)";

    /** Columns whose values are assigned by each server (OIDs, sizes, counters, times, versions). */
    private static final Set<String> SERVER_ASSIGNED = Set.of("relfilenode", "reltoastrelid", "relpages",
            "reltuples", "relallvisible", "relfrozenxid", "relminmxid", "relacl", "nspacl", "datacl", "datfrozenxid",
            "datminmxid", "datlastsysoid", "reltablespace", "conindid", "conparentid", "indrelid", "indexrelid",
            "indclass", "indcollation", "attcollation", "attrelid", "atttypid_user", "adrelid", "refnamespace",
            "relnamespace", "typnamespace", "pronamespace", "datcollversion", "rolvaliduntil", "rolpassword",
            "session_user", "backend_start", "xact_start", "query_start", "state_change", "pid", "client_port",
            "backend_xid", "backend_xmin", "query_id", "relowner", "nspowner", "datdba", "proowner", "typowner",
            "datlocprovider", "daticulocale", "datcollate", "datctype", "encoding", "dattablespace", "relam",
            "reloftype", "reltype", "relrewrite", "typrelid", "typarray", "confrelid", "conrelid", "contypid",
            "conpfeqop", "conppeqop", "conffeqop", "conexclop", "conbin", "adbin", "indexprs", "indpred",
            "prosupport", "prolang", "prorettype", "proargtypes", "prosrc", "probin", "procost", "prorows",
            "objoid", "classoid", "description_oid", "def_value_oid", "seqrelid", "seqtypid", "tablespace",
            "last_value", "sequenceowner", "tableowner", "oid", "keys", "spcowner");

    private record Query(String name, String sql, List<Object> params) {
    }

    /**
     * Where Tusk is known to answer differently, by query: the columns not compared, or "*" for
     * the whole answer. Everything else must match.
     */
    private static final Map<String, Set<String>> KNOWN_COLUMNS = Map.of(
            // Tusk has no TOAST tables
            "tables", Set.of("tabrelname"));

    @Test
    void dbeaverCatalogQueriesAnswerAsOnPostgres() throws Exception {
        List<String> differing = new ArrayList<>();
        List<String> known = new ArrayList<>();
        StringBuilder report = new StringBuilder();
        int total;
        try (Connection p = DriverManager.getConnection(pg.jdbcUrl("postgres"));
             Connection t = DriverManager.getConnection(tusk.jdbcUrl("postgres"))) {
            runOnBoth(p, t, SCHEMA);
            List<Query> queries = queries();
            total = queries.size();
            for (Query q : queries) {
                String expected = run(p, q);
                String actual = run(t, q);
                if (KNOWN_COLUMNS.getOrDefault(q.name(), Set.of()).contains("*")) {
                    if (!expected.equals(actual)) {
                        known.add(q.name());
                    }
                    continue;
                }
                if (!expected.equals(actual)) {
                    differing.add(q.name());
                    report.append("--- ").append(q.name()).append("\nPostgreSQL 15:\n").append(expected)
                            .append("Tusk:\n").append(actual);
                }
            }
        }
        System.out.printf("DBeaver queries: %d of %d answer as on PostgreSQL 15 (known differences aside);"
                + " known to differ as a whole: %s%n", total - differing.size() - known.size(), total, known);
        System.out.print(report);
        assertTrue(differing.isEmpty(), "answered differently: " + differing + " (rows printed above)");
    }

    /**
     * The sequence, in the order DBeaver sends it. Parameters given as a name ("ns:public",
     * "rel:dbv_child") are looked up on each server, since OIDs differ between them.
     */
    private static List<Query> queries() {
        List<Query> q = new ArrayList<>();
        // Connecting: server identity, session defaults, the database list.
        q.add(new Query("version", "SELECT version() ~ 'PostgreSQL 15' AS pg15", List.of()));
        q.add(new Query("current schema", "SELECT current_schema(),session_user", List.of()));
        q.add(new Query("search path", "SHOW search_path", List.of()));
        q.add(new Query("keywords", "SELECT count(*) > 100 AS many FROM pg_catalog.pg_get_keywords()", List.of()));
        q.add(new Query("databases", "SELECT db.oid,db.* FROM pg_catalog.pg_database db WHERE NOT datistemplate AND datallowconn"
                + "\nORDER BY db.datname", List.of()));
        q.add(new Query("database by name", "SELECT db.oid,db.* FROM pg_catalog.pg_database db WHERE datname=?",
                List.of("postgres")));
        q.add(new Query("settings", "SELECT name, setting FROM pg_catalog.pg_settings WHERE name IN"
                + " ('standard_conforming_strings','client_encoding','DateStyle','integer_datetimes') ORDER BY name", List.of()));
        // The database node: roles, access methods, encodings, languages, tablespaces, extensions.
        q.add(new Query("roles", "SELECT a.oid,a.* FROM pg_catalog.pg_roles a WHERE a.rolname = current_user\nORDER BY a.oid", List.of()));
        q.add(new Query("role members", "SELECT am.* FROM pg_catalog.pg_auth_members am WHERE am.member = ?", List.of("role:")));
        q.add(new Query("access methods", "SELECT am.oid,am.* FROM pg_catalog.pg_am am WHERE amname IN ('btree','hash','heap')"
                + "\nORDER BY am.oid", List.of()));
        q.add(new Query("encodings", "SELECT pg_catalog.pg_encoding_to_char(6) AS encname", List.of()));
        q.add(new Query("languages", "SELECT l.oid,l.* FROM pg_catalog.pg_language l WHERE l.lanname IN ('sql','internal','c')"
                + "\nORDER BY l.oid", List.of()));
        q.add(new Query("tablespaces", "SELECT t.oid,t.* FROM pg_catalog.pg_tablespace t \nORDER BY t.oid", List.of()));
        q.add(new Query("foreign data wrappers", "SELECT l.oid,l.*,p.pronamespace as handler_schema_id"
                + "\nFROM pg_catalog.pg_foreign_data_wrapper l"
                + "\nLEFT OUTER JOIN pg_catalog.pg_proc p ON p.oid=l.fdwhandler \nORDER BY l.fdwname", List.of()));
        q.add(new Query("foreign servers", "SELECT l.oid,l.* FROM pg_catalog.pg_foreign_server l\nORDER BY l.srvname", List.of()));
        q.add(new Query("event triggers", "SELECT e.oid,e.* FROM pg_catalog.pg_event_trigger e ORDER BY e.evtname", List.of()));
        q.add(new Query("schemas", "SELECT n.oid,n.*,d.description FROM pg_catalog.pg_namespace n\n"
                + "LEFT OUTER JOIN pg_catalog.pg_description d ON d.objoid=n.oid AND d.objsubid=0 AND d.classoid='pg_namespace'::regclass\n"
                + " WHERE nspname NOT LIKE 'pg_toast%' AND nspname NOT LIKE 'pg_temp%' ORDER BY nspname", List.of()));
        // A schema node: its tables, views and sequences (one pg_class query), with statistics.
        q.add(new Query("tables", "SELECT c.oid,c.*,t.relname as tabrelname,rt.relnamespace as refnamespace,d.description"
                + "\nFROM pg_catalog.pg_class c"
                + "\nLEFT OUTER JOIN pg_catalog.pg_class t ON t.oid=c.reltoastrelid"
                + "\nLEFT OUTER JOIN pg_catalog.pg_class rt ON rt.oid=c.reloftype"
                + "\nLEFT OUTER JOIN pg_catalog.pg_description d ON d.objoid=c.oid AND d.objsubid=0 AND d.classoid='pg_class'::regclass"
                + "\nWHERE c.relnamespace=? AND c.relkind not in ('i','I','c')", List.of("ns:public")));
        q.add(new Query("table sizes", "select c.oid,c.relname,pg_catalog.pg_total_relation_size(c.oid) >= 0 as total_rel_size,"
                + "pg_catalog.pg_relation_size(c.oid) >= 0 as rel_size FROM pg_class c WHERE c.relnamespace=?",
                List.of("ns:public")));
        q.add(new Query("table statistics", "SELECT st.relname, st.schemaname FROM pg_catalog.pg_stat_user_tables st"
                + " WHERE st.schemaname=? ORDER BY st.relname", List.of("public")));
        q.add(new Query("inheritance", "SELECT i.*,c.relnamespace FROM pg_catalog.pg_inherits i,pg_catalog.pg_class c"
                + " WHERE i.inhrelid=? AND c.oid=i.inhparent ORDER BY i.inhseqno", List.of("rel:dbv_child")));
        // A table node: columns, constraints and foreign keys, indexes, triggers, rules, privileges.
        q.add(new Query("columns", "SELECT c.relname,a.*,pg_catalog.pg_get_expr(ad.adbin, ad.adrelid, true) as def_value,dsc.description"
                + "\nFROM pg_catalog.pg_attribute a"
                + "\nINNER JOIN pg_catalog.pg_class c ON (a.attrelid=c.oid)"
                + "\nLEFT OUTER JOIN pg_catalog.pg_attrdef ad ON (a.attrelid=ad.adrelid AND a.attnum = ad.adnum)"
                + "\nLEFT OUTER JOIN pg_catalog.pg_description dsc ON (c.oid=dsc.objoid AND a.attnum = dsc.objsubid)"
                + "\nWHERE NOT a.attisdropped AND c.relkind not in ('i','I','c') AND c.oid=? ORDER BY a.attnum",
                List.of("rel:dbv_child")));
        q.add(new Query("columns of schema", "SELECT c.relname,a.attname,a.attnum,a.atttypid::regtype AS type,a.attnotnull,"
                + "pg_catalog.pg_get_expr(ad.adbin, ad.adrelid, true) as def_value,dsc.description"
                + "\nFROM pg_catalog.pg_attribute a"
                + "\nINNER JOIN pg_catalog.pg_class c ON (a.attrelid=c.oid)"
                + "\nLEFT OUTER JOIN pg_catalog.pg_attrdef ad ON (a.attrelid=ad.adrelid AND a.attnum = ad.adnum)"
                + "\nLEFT OUTER JOIN pg_catalog.pg_description dsc ON (c.oid=dsc.objoid AND a.attnum = dsc.objsubid)"
                + "\nWHERE NOT a.attisdropped AND a.attnum > 0 AND c.relnamespace=? AND c.relkind not in ('i','I','c')"
                + " ORDER BY c.relname, a.attnum", List.of("ns:public")));
        q.add(new Query("constraints", "SELECT c.oid,c.*,t.relname as tabrelname,rt.relnamespace as refnamespace,"
                + "case when c.contype='c' then substr(pg_get_constraintdef(c.oid), 7) else null end consrc_copy"
                + "\nFROM pg_catalog.pg_constraint c"
                + "\nINNER JOIN pg_catalog.pg_class t ON t.oid=c.conrelid"
                + "\nLEFT OUTER JOIN pg_catalog.pg_class rt ON rt.oid=c.confrelid"
                + "\nWHERE t.relnamespace=? AND c.contype<>'t'\nORDER BY c.oid", List.of("ns:public")));
        q.add(new Query("foreign keys", "SELECT c.conname, t.relname, rt.relname AS reftable, c.conkey, c.confkey,"
                + " c.confupdtype, c.confdeltype, pg_catalog.pg_get_constraintdef(c.oid, true) AS def"
                + "\nFROM pg_catalog.pg_constraint c"
                + "\nINNER JOIN pg_catalog.pg_class t ON t.oid=c.conrelid"
                + "\nLEFT OUTER JOIN pg_catalog.pg_class rt ON rt.oid=c.confrelid"
                + "\nWHERE c.contype='f' AND c.confrelid=?", List.of("rel:dbv_parent")));
        q.add(new Query("indexes", "SELECT i.*,i.indkey as keys,c.relname,c.relnamespace,c.relam,c.reltablespace,"
                + "tc.relname as tabrelname,dsc.description,pg_catalog.pg_get_expr(i.indpred, i.indrelid) as pred_expr,"
                + "pg_catalog.pg_get_expr(i.indexprs, i.indrelid, true) as expr,"
                + "pg_catalog.pg_relation_size(i.indexrelid) >= 0 as index_rel_size"
                + "\nFROM pg_catalog.pg_index i"
                + "\nINNER JOIN pg_catalog.pg_class c ON c.oid=i.indexrelid"
                + "\nINNER JOIN pg_catalog.pg_class tc ON tc.oid=i.indrelid"
                + "\nLEFT OUTER JOIN pg_catalog.pg_description dsc ON i.indexrelid=dsc.objoid"
                + "\nWHERE  i.indrelid=? ORDER BY tabrelname, c.relname", List.of("rel:dbv_child")));
        q.add(new Query("index definition", "select pg_catalog.pg_get_indexdef(?, 2, true)", List.of("rel:dbv_child_pa_idx")));
        q.add(new Query("index access method", "SELECT am.amname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_am am"
                + " ON am.oid = c.relam WHERE c.oid = ?", List.of("rel:dbv_child_note_idx")));
        q.add(new Query("triggers", "SELECT x.oid,x.*,p.pronamespace as func_schema_id,d.description"
                + "\nFROM pg_catalog.pg_trigger x"
                + "\nLEFT OUTER JOIN pg_catalog.pg_proc p ON p.oid=x.tgfoid"
                + "\nLEFT OUTER JOIN pg_catalog.pg_description d ON d.objoid=x.oid"
                + "\nWHERE x.tgrelid=? AND NOT x.tgisinternal", List.of("rel:dbv_child")));
        q.add(new Query("rules", "SELECT r.oid,r.* FROM pg_catalog.pg_rewrite r WHERE r.ev_class=? AND r.rulename <> '_RETURN'"
                + " ORDER BY r.oid", List.of("rel:dbv_child")));
        q.add(new Query("table privileges", "SELECT grantee, privilege_type, is_grantable FROM information_schema.table_privileges"
                + " WHERE table_catalog=? AND table_schema=? AND table_name=? ORDER BY grantee, privilege_type",
                List.of("postgres", "public", "dbv_child")));
        q.add(new Query("table ddl", "SELECT c.relname, c.relpersistence, c.relkind, c.relhasindex, c.relchecks,"
                + " c.relispartition, pg_catalog.pg_get_userbyid(c.relowner) = current_user AS own"
                + " FROM pg_catalog.pg_class c WHERE c.oid = ?", List.of("rel:dbv_child")));
        // Views, sequences, functions, data types.
        q.add(new Query("view definition", "SELECT pg_catalog.pg_get_viewdef(?::oid, true) ~ 'dbv_parent' AS defined",
                List.of("rel:dbv_view")));
        q.add(new Query("sequence", "SELECT * from pg_catalog.pg_sequences WHERE schemaname=? AND sequencename=?",
                List.of("public", "dbv_seq")));
        q.add(new Query("sequence catalog", "SELECT s.seqstart, s.seqincrement, s.seqmax, s.seqmin, s.seqcache, s.seqcycle"
                + " FROM pg_catalog.pg_sequence s WHERE s.seqrelid = ?", List.of("rel:dbv_seq")));
        q.add(new Query("sequence state", "SELECT last_value, is_called FROM public.dbv_seq", List.of()));
        q.add(new Query("sequence owner", "SELECT d.refobjsubid, c.relname FROM pg_catalog.pg_depend d"
                + " JOIN pg_catalog.pg_class c ON c.oid = d.refobjid WHERE d.objid = ? AND d.deptype = 'a'",
                List.of("rel:dbv_child_id_seq")));
        q.add(new Query("functions", "SELECT p.oid,p.*,d.description"
                + "\nFROM pg_catalog.pg_proc p"
                + "\nLEFT OUTER JOIN pg_catalog.pg_description d ON d.objoid=p.oid"
                + "\nWHERE p.pronamespace=?\nORDER BY p.proname", List.of("ns:public")));
        q.add(new Query("data types", "SELECT t.oid,t.typname,t.typtype,t.typcategory,t.typlen,t.typelem,c.relkind,"
                + "format_type(nullif(t.typbasetype, 0), t.typtypmod) as base_type_name, d.description"
                + "\nFROM pg_catalog.pg_type t"
                + "\nLEFT OUTER JOIN pg_catalog.pg_type et ON et.oid=t.typelem"
                + "\nLEFT OUTER JOIN pg_catalog.pg_class c ON c.oid=t.typrelid"
                + "\nLEFT OUTER JOIN pg_catalog.pg_description d ON t.oid=d.objoid"
                + "\nWHERE t.typname IS NOT NULL AND (c.relkind IS NULL OR c.relkind = 'c')"
                + " AND (et.typcategory IS NULL OR et.typcategory <> 'C')"
                + " AND t.typname IN ('int4','_int4','text','numeric','timestamp','bool','bytea','varchar','uuid','jsonb')"
                + " ORDER BY t.typname", List.of()));
        q.add(new Query("collations", "SELECT c.collname, c.collprovider FROM pg_catalog.pg_collation c"
                + " WHERE c.collname IN ('default','C','POSIX') ORDER BY c.collname", List.of()));
        q.add(new Query("extensions", "SELECT e.extname, n.nspname FROM pg_catalog.pg_extension e"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace WHERE e.extname <> 'plpgsql' ORDER BY e.extname",
                List.of()));
        // Session manager.
        q.add(new Query("sessions", "SELECT sa.datname, sa.usename, sa.state FROM pg_catalog.pg_stat_activity sa"
                + " WHERE sa.pid = pg_catalog.pg_backend_pid()", List.of()));
        q.add(new Query("locks", "SELECT count(*) >= 0 AS ok FROM pg_catalog.pg_locks l", List.of()));
        return q;
    }

    /** Runs one query as DBeaver would and renders labels and rows as comparable text. */
    private static String run(Connection c, Query q) {
        StringBuilder sb = new StringBuilder();
        try (PreparedStatement ps = c.prepareStatement(q.sql())) {
            for (int i = 0; i < q.params().size(); i++) {
                Object param = q.params().get(i);
                if (param instanceof String s && s.contains(":")) {
                    ps.setLong(i + 1, lookUp(c, s));
                } else {
                    ps.setObject(i + 1, param);
                }
            }
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData m = rs.getMetaData();
                StringBuilder labels = new StringBuilder("  columns:");
                for (int i = 1; i <= m.getColumnCount(); i++) {
                    labels.append(' ').append(m.getColumnLabel(i));
                }
                sb.append(labels).append('\n');
                List<String> lines = new ArrayList<>();
                while (rs.next()) {
                    StringBuilder line = new StringBuilder();
                    for (int i = 1; i <= m.getColumnCount(); i++) {
                        String label = m.getColumnLabel(i).toLowerCase();
                        if (SERVER_ASSIGNED.contains(label) || label.endsWith("oid") || label.endsWith("_id")
                                || KNOWN_COLUMNS.getOrDefault(q.name(), Set.of()).contains(label)) {
                            continue;
                        }
                        line.append(label).append('=').append(rs.getString(i)).append(' ');
                    }
                    String text = line.toString();
                    // system columns (ctid, xmin ...): Tusk's tables have none
                    boolean systemColumn = text.contains("attnum=-");
                    if (!systemColumn) {
                        lines.add(text);
                    }
                }
                // DBeaver orders several of these by OID, which differs between servers.
                Collections.sort(lines);
                lines.forEach(l -> sb.append("  ").append(l).append('\n'));
            }
        } catch (SQLException e) {
            sb.append("  ERROR ").append(e.getSQLState()).append(' ').append(e.getMessage().split("\n")[0]).append('\n');
        }
        return sb.toString();
    }

    /** "ns:name" is a schema's OID, "rel:name" a relation's, "role:" the current user's. */
    private static long lookUp(Connection c, String ref) throws SQLException {
        String name = ref.substring(ref.indexOf(':') + 1);
        String sql = switch (ref.substring(0, ref.indexOf(':'))) {
            case "ns" -> "SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = ?";
            case "rel" -> "SELECT oid FROM pg_catalog.pg_class WHERE relname = ?";
            default -> "SELECT oid FROM pg_catalog.pg_roles WHERE rolname = coalesce(nullif(?, ''), current_user)";
        };
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("no such object: " + ref);
                }
                return rs.getLong(1);
            }
        }
    }
}
