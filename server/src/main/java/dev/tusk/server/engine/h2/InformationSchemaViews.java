package dev.tusk.server.engine.h2;

import dev.tusk.server.catalog.PgOids;
import dev.tusk.server.sql.Token;
import dev.tusk.server.sql.TokenType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * information_schema views whose PostgreSQL shape the engine's own (H2's INFORMATION_SCHEMA, a
 * system schema Tusk cannot change) does not have: Tusk defines them in pg_catalog as
 * {@code tusk_is_<view>} and a query naming {@code information_schema.<view>} reads those. The
 * others stay the engine's, whose names and types already match PostgreSQL's closely. Inside
 * these definitions {@code information_schema.x} is still the engine's own view.
 */
final class InformationSchemaViews {
    private InformationSchemaViews() {
    }

    private static final Set<String> OVERRIDDEN = Set.of("columns", "table_privileges", "tables", "schemata", "views",
            "table_constraints", "key_column_usage", "referential_constraints", "constraint_column_usage",
            "check_constraints", "sequences");

    static boolean present(List<Token> tokens) {
        for (int i = 0; i + 2 < tokens.size(); i++) {
            if (isReference(tokens, i)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isReference(List<Token> t, int i) {
        return t.get(i).isWord("information_schema") && t.get(i + 1).isPunct('.')
                && t.get(i + 2).is(TokenType.IDENT) && OVERRIDDEN.contains(t.get(i + 2).value());
    }

    static List<Token> rewrite(List<Token> in) {
        List<Token> t = new ArrayList<>(in);
        for (int i = 0; i + 2 < t.size(); i++) {
            if (isReference(t, i)) {
                Token schema = t.get(i);
                Token view = t.get(i + 2);
                t.set(i, new Token(TokenType.IDENT, "pg_catalog", "pg_catalog", schema.start(), schema.end()));
                String name = "tusk_is_" + view.value();
                t.set(i + 2, new Token(TokenType.IDENT, name, name, view.start(), view.end()));
            }
        }
        return t;
    }

    /** The column's type OID, as pg_attribute gives it. */
    private static final String TYPE = H2PgCatalog.COLUMN_TYPE;
    private static final String TYPMOD = "pg_catalog.tusk_typmod(c.data_type, c.character_maximum_length,"
            + " c.numeric_precision, c.numeric_scale)";

    private static final String DB = "pg_catalog.tusk_current_database()";
    private static final String NOT_HIDDEN = " NOT LIKE '" + DdlUndo.HIDDEN_PREFIX + "%'";
    /** A NOT NULL column as PostgreSQL 15 lists it among the CHECK constraints: {nsp}_{rel}_{attnum}_not_null. */
    private static final String NOT_NULL_NAME = "CAST(pg_catalog.tusk_namespace_oid(c.table_schema) AS VARCHAR) || '_'"
            + " || CAST(pg_catalog.tusk_oid('r', c.table_schema, c.table_name) AS VARCHAR) || '_'"
            + " || CAST(c.ordinal_position AS VARCHAR) || '_not_null'";
    private static final String NOT_NULL_COLUMNS = " FROM information_schema.columns c JOIN information_schema.tables t"
            + " ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'"
            + " WHERE c.is_nullable = 'NO' AND c.table_schema NOT IN ('information_schema', 'pg_catalog')"
            + " AND c.table_name" + NOT_HIDDEN;

    static final String[] VIEWS = {
        // PostgreSQL 15's views of the same names, column for column (cf. information_schema.sql)
        "CREATE OR REPLACE VIEW pg_catalog.tusk_is_tables AS SELECT " + DB + " AS table_catalog, n.nspname AS table_schema,"
            + " c.relname AS table_name, CASE c.relkind WHEN 'v' THEN 'VIEW' ELSE 'BASE TABLE' END AS table_type,"
            + " CAST(NULL AS VARCHAR) AS self_referencing_column_name, CAST(NULL AS VARCHAR) AS reference_generation,"
            + " CAST(NULL AS VARCHAR) AS user_defined_type_catalog, CAST(NULL AS VARCHAR) AS user_defined_type_schema,"
            + " CAST(NULL AS VARCHAR) AS user_defined_type_name,"
            + " CASE WHEN c.relkind = 'r' THEN 'YES' ELSE 'NO' END AS is_insertable_into, 'NO' AS is_typed,"
            + " CAST(NULL AS VARCHAR) AS commit_action"
            + " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE c.relkind IN ('r', 'v', 'p', 'f')",

        "CREATE OR REPLACE VIEW pg_catalog.tusk_is_schemata AS SELECT " + DB + " AS catalog_name, n.nspname AS schema_name,"
            + " pg_catalog.tusk_get_userbyid(n.nspowner) AS schema_owner, CAST(NULL AS VARCHAR) AS default_character_set_catalog,"
            + " CAST(NULL AS VARCHAR) AS default_character_set_schema, CAST(NULL AS VARCHAR) AS default_character_set_name,"
            + " CAST(NULL AS VARCHAR) AS sql_path FROM pg_catalog.pg_namespace n",

        // Tusk's views cannot be written through: not updatable, unlike PostgreSQL's simple views
        "CREATE OR REPLACE VIEW pg_catalog.tusk_is_views AS SELECT " + DB + " AS table_catalog, n.nspname AS table_schema,"
            + " c.relname AS table_name, pg_catalog.pg_get_viewdef(c.oid) AS view_definition, 'NONE' AS check_option,"
            + " 'NO' AS is_updatable, 'NO' AS is_insertable_into, 'NO' AS is_trigger_updatable,"
            + " 'NO' AS is_trigger_deletable, 'NO' AS is_trigger_insertable_into"
            + " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'v'",

        "CREATE OR REPLACE VIEW pg_catalog.tusk_is_table_constraints AS SELECT " + DB + " AS constraint_catalog,"
            + " tc.constraint_schema, tc.constraint_name, " + DB + " AS table_catalog, tc.table_schema, tc.table_name,"
            + " tc.constraint_type, 'NO' AS is_deferrable, 'NO' AS initially_deferred, 'YES' AS enforced,"
            + " CASE WHEN tc.constraint_type = 'UNIQUE' THEN 'YES' END AS nulls_distinct"
            + " FROM information_schema.table_constraints tc WHERE tc.table_name" + NOT_HIDDEN
            + " UNION ALL SELECT " + DB + ", c.table_schema, " + NOT_NULL_NAME + ", " + DB + ", c.table_schema,"
            + " c.table_name, 'CHECK', 'NO', 'NO', 'YES', CAST(NULL AS VARCHAR)" + NOT_NULL_COLUMNS,

        "CREATE OR REPLACE VIEW pg_catalog.tusk_is_check_constraints AS SELECT " + DB + " AS constraint_catalog,"
            + " n.nspname AS constraint_schema, k.conname AS constraint_name,"
            + " SUBSTRING(pg_catalog.pg_get_constraintdef(k.oid) FROM 7) AS check_clause"
            + " FROM pg_catalog.pg_constraint k JOIN pg_catalog.pg_namespace n ON n.oid = k.connamespace WHERE k.contype = 'c'"
            + " UNION ALL SELECT " + DB + ", c.table_schema, " + NOT_NULL_NAME + ", c.column_name || ' IS NOT NULL'"
            + NOT_NULL_COLUMNS,

        "CREATE OR REPLACE VIEW pg_catalog.tusk_is_key_column_usage AS SELECT " + DB + " AS constraint_catalog,"
            + " k.constraint_schema, k.constraint_name, " + DB + " AS table_catalog, k.table_schema, k.table_name,"
            + " k.column_name, k.ordinal_position, k.position_in_unique_constraint"
            + " FROM information_schema.key_column_usage k WHERE k.table_name" + NOT_HIDDEN,

        "CREATE OR REPLACE VIEW pg_catalog.tusk_is_referential_constraints AS SELECT " + DB + " AS constraint_catalog,"
            + " r.constraint_schema, r.constraint_name, " + DB + " AS unique_constraint_catalog,"
            + " r.unique_constraint_schema, r.unique_constraint_name, r.match_option, r.update_rule, r.delete_rule"
            + " FROM information_schema.referential_constraints r",

        // a foreign key uses the referenced key's columns, not its own (which the engine lists as well)
        "CREATE OR REPLACE VIEW pg_catalog.tusk_is_constraint_column_usage AS SELECT " + DB + " AS table_catalog,"
            + " u.table_schema, u.table_name, u.column_name, " + DB + " AS constraint_catalog, u.constraint_schema,"
            + " u.constraint_name FROM information_schema.constraint_column_usage u"
            + " WHERE u.table_name" + NOT_HIDDEN + " AND NOT EXISTS (SELECT 1 FROM information_schema.referential_constraints r"
            + " JOIN information_schema.key_column_usage k ON k.constraint_schema = r.constraint_schema"
            + " AND k.constraint_name = r.constraint_name WHERE r.constraint_schema = u.constraint_schema"
            + " AND r.constraint_name = u.constraint_name AND k.table_schema = u.table_schema"
            + " AND k.table_name = u.table_name AND k.column_name = u.column_name)",

        "CREATE OR REPLACE VIEW pg_catalog.tusk_is_sequences AS SELECT " + DB + " AS sequence_catalog, q.sequence_schema,"
            + " q.sequence_name, LOWER(q.data_type) AS data_type, q.numeric_precision, q.numeric_precision_radix,"
            + " q.numeric_scale, CAST(q.start_value AS VARCHAR) AS start_value,"
            + " CAST(q.minimum_value AS VARCHAR) AS minimum_value, CAST(q.maximum_value AS VARCHAR) AS maximum_value,"
            + " CAST(q.increment AS VARCHAR) AS increment, q.cycle_option FROM information_schema.sequences q"
            + " WHERE q.sequence_name" + NOT_HIDDEN + " AND q.sequence_schema <> 'information_schema'",

        // PostgreSQL 15's information_schema.columns, column for column (cf. information_schema.sql)
        "CREATE OR REPLACE VIEW pg_catalog.tusk_is_columns AS SELECT pg_catalog.tusk_current_database() AS table_catalog,"
            + " c.table_schema, c.table_name, c.column_name, c.ordinal_position,"
            + " pg_catalog.tusk_get_expr(d.adbin, d.adrelid) AS column_default, c.is_nullable,"
            + " CASE WHEN t.typelem <> 0 THEN 'ARRAY' WHEN t.typname = 'bpchar' THEN 'character'"
            + " ELSE pg_catalog.tusk_format_type(t.oid, -1) END AS data_type,"
            + " CASE WHEN t.typname IN ('varchar', 'bpchar') AND " + TYPMOD + " > 4 THEN " + TYPMOD + " - 4 END"
            + " AS character_maximum_length,"
            + " CASE WHEN t.typname IN ('varchar', 'bpchar') AND " + TYPMOD + " > 4 THEN (" + TYPMOD + " - 4) * 4"
            + " WHEN t.typname IN ('varchar', 'bpchar', 'text') THEN 1073741824 END AS character_octet_length,"
            + " CASE t.typname WHEN 'int2' THEN 16 WHEN 'int4' THEN 32 WHEN 'int8' THEN 64 WHEN 'float4' THEN 24"
            + " WHEN 'float8' THEN 53 WHEN 'numeric' THEN CASE WHEN " + TYPMOD + " > 4 THEN ((" + TYPMOD + " - 4) / 65536)"
            + " END END AS numeric_precision,"
            + " CASE WHEN t.typname IN ('int2', 'int4', 'int8', 'float4', 'float8') THEN 2 WHEN t.typname = 'numeric'"
            + " THEN 10 END AS numeric_precision_radix,"
            + " CASE WHEN t.typname IN ('int2', 'int4', 'int8') THEN 0 WHEN t.typname = 'numeric' AND " + TYPMOD + " > 4"
            + " THEN MOD(" + TYPMOD + " - 4, 65536) END AS numeric_scale,"
            + " CASE WHEN t.typname = 'date' THEN 0 WHEN t.typname IN ('time', 'timetz', 'timestamp', 'timestamptz',"
            + " 'interval') THEN 6 END AS datetime_precision,"
            + " CAST(NULL AS VARCHAR) AS interval_type, CAST(NULL AS INTEGER) AS interval_precision,"
            + " CAST(NULL AS VARCHAR) AS character_set_catalog, CAST(NULL AS VARCHAR) AS character_set_schema,"
            + " CAST(NULL AS VARCHAR) AS character_set_name, CAST(NULL AS VARCHAR) AS collation_catalog,"
            + " CAST(NULL AS VARCHAR) AS collation_schema, CAST(NULL AS VARCHAR) AS collation_name,"
            + " CAST(NULL AS VARCHAR) AS domain_catalog, CAST(NULL AS VARCHAR) AS domain_schema,"
            + " CAST(NULL AS VARCHAR) AS domain_name, pg_catalog.tusk_current_database() AS udt_catalog, 'pg_catalog' AS udt_schema,"
            + " t.typname AS udt_name, CAST(NULL AS VARCHAR) AS scope_catalog, CAST(NULL AS VARCHAR) AS scope_schema,"
            + " CAST(NULL AS VARCHAR) AS scope_name, CAST(NULL AS INTEGER) AS maximum_cardinality,"
            + " CAST(c.ordinal_position AS VARCHAR) AS dtd_identifier, 'NO' AS is_self_referencing,"
            + " CASE WHEN c.identity_generation IS NULL THEN 'NO' ELSE 'YES' END AS is_identity,"
            + " c.identity_generation, CAST(c.identity_start AS VARCHAR) AS identity_start,"
            + " CAST(c.identity_increment AS VARCHAR) AS identity_increment,"
            + " CAST(c.identity_maximum AS VARCHAR) AS identity_maximum,"
            + " CAST(c.identity_minimum AS VARCHAR) AS identity_minimum,"
            + " CASE WHEN c.identity_generation IS NULL THEN CAST(NULL AS VARCHAR) WHEN c.identity_cycle = 'YES'"
            + " THEN 'YES' ELSE 'NO' END AS identity_cycle,"
            + " 'NEVER' AS is_generated, CAST(NULL AS VARCHAR) AS generation_expression, 'YES' AS is_updatable"
            + " FROM information_schema.columns c JOIN pg_catalog.pg_type t ON t.oid = " + TYPE
            + " LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = pg_catalog.tusk_oid('r', c.table_schema, c.table_name)"
            + " AND d.adnum = c.ordinal_position"
            + " WHERE c.table_name NOT LIKE '" + DdlUndo.HIDDEN_PREFIX + "%'",

        // each privilege of each aclitem the current user's roles granted or were granted (or PUBLIC was)
        "CREATE OR REPLACE VIEW pg_catalog.tusk_is_table_privileges AS SELECT grantor, grantee,"
            + " pg_catalog.tusk_current_database() AS table_catalog, table_schema, table_name, privilege_type, is_grantable,"
            + " CASE WHEN privilege_type = 'SELECT' THEN 'YES' ELSE 'NO' END AS with_hierarchy"
            + " FROM pg_catalog.tusk_table_privileges()",
    };
}
