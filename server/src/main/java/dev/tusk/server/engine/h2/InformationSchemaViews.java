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
 * others stay the engine's, whose names and types already match PostgreSQL's closely.
 */
final class InformationSchemaViews {
    private InformationSchemaViews() {
    }

    private static final Set<String> OVERRIDDEN = Set.of("columns", "table_privileges");

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

    static final String[] VIEWS = {
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

        // The owner's privileges on each table and view (Tusk records no grants on objects)
        "CREATE OR REPLACE VIEW pg_catalog.tusk_is_table_privileges AS SELECT"
            + " pg_catalog.tusk_get_userbyid(" + PgOids.BOOTSTRAP_SUPERUSER + ") AS grantor,"
            + " pg_catalog.tusk_get_userbyid(" + PgOids.BOOTSTRAP_SUPERUSER + ") AS grantee,"
            + " pg_catalog.tusk_current_database() AS table_catalog, t.table_schema, t.table_name, p.privilege_type,"
            + " 'YES' AS is_grantable, CASE WHEN p.privilege_type = 'SELECT' THEN 'YES' ELSE 'NO' END AS with_hierarchy"
            + " FROM information_schema.tables t CROSS JOIN (VALUES ('INSERT', 1), ('SELECT', 2), ('UPDATE', 3),"
            + " ('DELETE', 4), ('TRUNCATE', 5), ('REFERENCES', 6), ('TRIGGER', 7)) p(privilege_type, n)"
            + " WHERE t.table_schema NOT IN ('information_schema', 'pg_catalog')"
            + " AND t.table_name NOT LIKE '" + DdlUndo.HIDDEN_PREFIX + "%'",
    };
}
