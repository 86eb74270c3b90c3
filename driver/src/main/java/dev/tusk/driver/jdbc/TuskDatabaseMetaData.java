package dev.tusk.driver.jdbc;

import dev.tusk.driver.TuskDriver;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * DatabaseMetaData answered by queries over pg_catalog alone (no server-version branches, no
 * information_schema functions), so the same calls work against PostgreSQL and Tusk. Result
 * columns are those the JDBC javadoc lists, in its order.
 */
final class TuskDatabaseMetaData extends MetaDataCapabilities {
    private final TuskConnectionImpl conn;

    TuskDatabaseMetaData(TuskConnectionImpl conn) {
        this.conn = conn;
    }

    /** Runs a metadata query; its statement closes with the result set. */
    private ResultSet query(String sql, Object... args) throws SQLException {
        PreparedStatement ps = conn.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
        ps.closeOnCompletion();
        return ps.executeQuery();
    }

    private static String like(String pattern) {
        return pattern == null ? "%" : pattern;
    }

    private static final String TABLE_TYPE = "CASE c.relkind WHEN 'r' THEN CASE WHEN n.nspname IN ('pg_catalog', 'information_schema')"
            + " THEN 'SYSTEM TABLE' ELSE 'TABLE' END WHEN 'v' THEN CASE WHEN n.nspname IN ('pg_catalog', 'information_schema')"
            + " THEN 'SYSTEM VIEW' ELSE 'VIEW' END WHEN 'i' THEN 'INDEX' WHEN 'S' THEN 'SEQUENCE' WHEN 'm' THEN 'MATERIALIZED VIEW'"
            + " WHEN 'f' THEN 'FOREIGN TABLE' WHEN 'p' THEN 'PARTITIONED TABLE' ELSE NULL END";

    @Override
    public ResultSet getTables(String catalog, String schemaPattern, String tablePattern, String[] types) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT * FROM (SELECT CAST(current_database() AS text) AS TABLE_CAT,"
                + " CAST(n.nspname AS text) AS TABLE_SCHEM, CAST(c.relname AS text) AS TABLE_NAME, " + TABLE_TYPE
                + " AS TABLE_TYPE, CAST(NULL AS text) AS REMARKS, CAST(NULL AS text) AS TYPE_CAT, CAST(NULL AS text) AS TYPE_SCHEM,"
                + " CAST(NULL AS text) AS TYPE_NAME, CAST(NULL AS text) AS SELF_REFERENCING_COL_NAME,"
                + " CAST(NULL AS text) AS REF_GENERATION FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n"
                + " ON n.oid = c.relnamespace WHERE n.nspname LIKE ? AND c.relname LIKE ?) t WHERE TABLE_TYPE IS NOT NULL");
        List<Object> args = new ArrayList<>(List.of(like(schemaPattern), like(tablePattern)));
        if (types != null && types.length > 0) {
            sql.append(" AND TABLE_TYPE IN (");
            for (int i = 0; i < types.length; i++) {
                sql.append(i == 0 ? "?" : ", ?");
                args.add(types[i]);
            }
            sql.append(')');
        }
        sql.append(" ORDER BY TABLE_TYPE, TABLE_SCHEM, TABLE_NAME");
        return query(sql.toString(), args.toArray());
    }

    @Override
    public ResultSet getTableTypes() throws SQLException {
        return query("SELECT CAST(t AS text) AS TABLE_TYPE FROM (VALUES ('FOREIGN TABLE'), ('INDEX'), ('MATERIALIZED VIEW'),"
                + " ('PARTITIONED TABLE'), ('SEQUENCE'), ('SYSTEM TABLE'), ('SYSTEM VIEW'), ('TABLE'), ('VIEW')) v(t) ORDER BY 1");
    }

    @Override
    public ResultSet getSchemas() throws SQLException {
        return getSchemas(null, null);
    }

    @Override
    public ResultSet getSchemas(String catalog, String schemaPattern) throws SQLException {
        return query("SELECT CAST(nspname AS text) AS TABLE_SCHEM, CAST(current_database() AS text) AS TABLE_CATALOG"
                + " FROM pg_catalog.pg_namespace WHERE nspname LIKE ? ORDER BY 1", like(schemaPattern));
    }

    @Override
    public ResultSet getCatalogs() throws SQLException {
        return query("SELECT CAST(datname AS text) AS TABLE_CAT FROM pg_catalog.pg_database WHERE datallowconn ORDER BY 1");
    }

    /** java.sql.Types by type name, as SQL for a CASE over pg_type.typname. */
    private static final String SQL_TYPE = "CASE t.typname WHEN 'int2' THEN 5 WHEN 'int4' THEN 4 WHEN 'int8' THEN -5"
            + " WHEN 'float4' THEN 7 WHEN 'float8' THEN 8 WHEN 'numeric' THEN 2 WHEN 'bool' THEN -7 WHEN 'text' THEN 12"
            + " WHEN 'varchar' THEN 12 WHEN 'bpchar' THEN 1 WHEN 'name' THEN 12 WHEN 'bytea' THEN -2 WHEN 'date' THEN 91"
            + " WHEN 'time' THEN 92 WHEN 'timetz' THEN 92 WHEN 'timestamp' THEN 93 WHEN 'timestamptz' THEN 93"
            + " WHEN 'oid' THEN -5 ELSE CASE WHEN t.typcategory = 'A' THEN 2003 ELSE 1111 END END";

    @Override
    public ResultSet getColumns(String catalog, String schemaPattern, String tablePattern, String columnPattern) throws SQLException {
        return query("SELECT CAST(current_database() AS text) AS TABLE_CAT, CAST(n.nspname AS text) AS TABLE_SCHEM,"
                + " CAST(c.relname AS text) AS TABLE_NAME, CAST(a.attname AS text) AS COLUMN_NAME, " + SQL_TYPE + " AS DATA_TYPE,"
                + " CAST(t.typname AS text) AS TYPE_NAME,"
                + " CASE WHEN t.typname IN ('varchar', 'bpchar') AND a.atttypmod > 4 THEN a.atttypmod - 4"
                + " WHEN t.typname = 'numeric' AND a.atttypmod > 4 THEN (a.atttypmod - 4) / 65536"
                + " WHEN t.typname = 'int2' THEN 5 WHEN t.typname = 'int4' THEN 10 WHEN t.typname = 'int8' THEN 19"
                + " WHEN t.typname = 'float4' THEN 8 WHEN t.typname = 'float8' THEN 17 WHEN t.typname = 'numeric' THEN 1000"
                + " ELSE 2147483647 END AS COLUMN_SIZE, CAST(NULL AS int4) AS BUFFER_LENGTH,"
                + " CASE WHEN t.typname = 'numeric' AND a.atttypmod > 4 THEN (a.atttypmod - 4) % 65536"
                + " WHEN t.typname IN ('float4') THEN 8 WHEN t.typname = 'float8' THEN 17 ELSE 0 END AS DECIMAL_DIGITS,"
                + " 10 AS NUM_PREC_RADIX, CASE WHEN a.attnotnull THEN 0 ELSE 1 END AS NULLABLE, CAST(NULL AS text) AS REMARKS,"
                + " pg_catalog.pg_get_expr(d.adbin, d.adrelid) AS COLUMN_DEF, CAST(NULL AS int4) AS SQL_DATA_TYPE,"
                + " CAST(NULL AS int4) AS SQL_DATETIME_SUB,"
                + " CASE WHEN t.typname IN ('varchar', 'bpchar', 'text') THEN 2147483647 ELSE NULL END AS CHAR_OCTET_LENGTH,"
                + " CAST(a.attnum AS int4) AS ORDINAL_POSITION, CASE WHEN a.attnotnull THEN 'NO' ELSE 'YES' END AS IS_NULLABLE,"
                + " CAST(NULL AS text) AS SCOPE_CATALOG, CAST(NULL AS text) AS SCOPE_SCHEMA, CAST(NULL AS text) AS SCOPE_TABLE,"
                + " CAST(NULL AS int2) AS SOURCE_DATA_TYPE,"
                + " CASE WHEN pg_catalog.pg_get_expr(d.adbin, d.adrelid) LIKE '%nextval(%' THEN 'YES' ELSE 'NO' END AS IS_AUTOINCREMENT,"
                + " 'NO' AS IS_GENERATEDCOLUMN"
                + " FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace JOIN pg_catalog.pg_type t ON t.oid = a.atttypid"
                + " LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
                + " WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'v', 'm', 'f', 'p')"
                + " AND n.nspname LIKE ? AND c.relname LIKE ? AND a.attname LIKE ?"
                + " ORDER BY n.nspname, c.relname, a.attnum",
                like(schemaPattern), like(tablePattern), like(columnPattern));
    }

    @Override
    public ResultSet getPrimaryKeys(String catalog, String schema, String table) throws SQLException {
        return query("SELECT CAST(current_database() AS text) AS TABLE_CAT, CAST(n.nspname AS text) AS TABLE_SCHEM,"
                + " CAST(c.relname AS text) AS TABLE_NAME, CAST(a.attname AS text) AS COLUMN_NAME,"
                + " CAST(a.attnum AS int2) AS KEY_SEQ, CAST(ct.conname AS text) AS PK_NAME"
                + " FROM pg_catalog.pg_constraint ct JOIN pg_catalog.pg_class c ON c.oid = ct.conrelid"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum = ANY (ct.conkey)"
                + " WHERE ct.contype = 'p' AND n.nspname LIKE ? AND c.relname = ? ORDER BY a.attname",
                like(schema), table);
    }

    @Override
    public ResultSet getIndexInfo(String catalog, String schema, String table, boolean unique, boolean approximate)
            throws SQLException {
        return query("SELECT CAST(current_database() AS text) AS TABLE_CAT, CAST(n.nspname AS text) AS TABLE_SCHEM,"
                + " CAST(c.relname AS text) AS TABLE_NAME, NOT i.indisunique AS NON_UNIQUE, CAST(NULL AS text) AS INDEX_QUALIFIER,"
                + " CAST(ic.relname AS text) AS INDEX_NAME, CAST(3 AS int2) AS TYPE,"
                + " CAST(a.attnum AS int2) AS ORDINAL_POSITION, CAST(a.attname AS text) AS COLUMN_NAME,"
                + " 'A' AS ASC_OR_DESC, CAST(0 AS int8) AS CARDINALITY, CAST(0 AS int8) AS PAGES,"
                + " CAST(NULL AS text) AS FILTER_CONDITION"
                + " FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class c ON c.oid = i.indrelid"
                + " JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " JOIN pg_catalog.pg_attribute a ON a.attrelid = ic.oid"
                + " WHERE n.nspname LIKE ? AND c.relname = ?" + (unique ? " AND i.indisunique" : "")
                + " ORDER BY NON_UNIQUE, INDEX_NAME, ORDINAL_POSITION", like(schema), table);
    }

    @Override
    public ResultSet getImportedKeys(String catalog, String schema, String table) throws SQLException {
        return keys("fc.relname = ? AND fn.nspname LIKE ?", table, like(schema));
    }

    @Override
    public ResultSet getExportedKeys(String catalog, String schema, String table) throws SQLException {
        return keys("pc.relname = ? AND pn.nspname LIKE ?", table, like(schema));
    }

    @Override
    public ResultSet getCrossReference(String parentCatalog, String parentSchema, String parentTable, String foreignCatalog,
                                       String foreignSchema, String foreignTable) throws SQLException {
        return keys("pc.relname = ? AND pn.nspname LIKE ? AND fc.relname = ? AND fn.nspname LIKE ?",
                parentTable, like(parentSchema), foreignTable, like(foreignSchema));
    }

    /** Foreign keys through information_schema's standard views, pairing columns by position. */
    private ResultSet keys(String where, Object... args) throws SQLException {
        return query("SELECT CAST(current_database() AS text) AS PKTABLE_CAT, CAST(pn.nspname AS text) AS PKTABLE_SCHEM,"
                + " CAST(pc.relname AS text) AS PKTABLE_NAME, CAST(pa.attname AS text) AS PKCOLUMN_NAME,"
                + " CAST(current_database() AS text) AS FKTABLE_CAT, CAST(fn.nspname AS text) AS FKTABLE_SCHEM,"
                + " CAST(fc.relname AS text) AS FKTABLE_NAME, CAST(fa.attname AS text) AS FKCOLUMN_NAME,"
                + " CAST(s.i AS int2) AS KEY_SEQ,"
                + " CAST(CASE ct.confupdtype WHEN 'c' THEN 0 WHEN 'n' THEN 2 WHEN 'd' THEN 4 WHEN 'r' THEN 1 ELSE 3 END AS int2) AS UPDATE_RULE,"
                + " CAST(CASE ct.confdeltype WHEN 'c' THEN 0 WHEN 'n' THEN 2 WHEN 'd' THEN 4 WHEN 'r' THEN 1 ELSE 3 END AS int2) AS DELETE_RULE,"
                + " CAST(ct.conname AS text) AS FK_NAME, CAST(NULL AS text) AS PK_NAME, CAST(7 AS int2) AS DEFERRABILITY"
                + " FROM pg_catalog.pg_constraint ct JOIN pg_catalog.pg_class fc ON fc.oid = ct.conrelid"
                + " JOIN pg_catalog.pg_namespace fn ON fn.oid = fc.relnamespace JOIN pg_catalog.pg_class pc ON pc.oid = ct.confrelid"
                + " JOIN pg_catalog.pg_namespace pn ON pn.oid = pc.relnamespace"
                + " JOIN pg_catalog.generate_series(1, 32) s(i) ON s.i <= array_length(ct.conkey, 1)"
                + " JOIN pg_catalog.pg_attribute fa ON fa.attrelid = fc.oid AND fa.attnum = ct.conkey[s.i]"
                + " JOIN pg_catalog.pg_attribute pa ON pa.attrelid = pc.oid AND pa.attnum = ct.confkey[s.i]"
                + " WHERE ct.contype = 'f' AND " + where + " ORDER BY 1, 2, 3, 9", args);
    }

    @Override
    public ResultSet getTypeInfo() throws SQLException {
        return query("SELECT CAST(t.typname AS text) AS TYPE_NAME, " + SQL_TYPE + " AS DATA_TYPE,"
                + " CASE t.typname WHEN 'int2' THEN 5 WHEN 'int4' THEN 10 WHEN 'int8' THEN 19 WHEN 'numeric' THEN 1000"
                + " WHEN 'float4' THEN 8 WHEN 'float8' THEN 17 ELSE 0 END AS PRECISION,"
                + " CASE WHEN t.typname IN ('text', 'varchar', 'bpchar', 'date', 'time', 'timestamp', 'timestamptz', 'bytea')"
                + " THEN '''' ELSE NULL END AS LITERAL_PREFIX,"
                + " CASE WHEN t.typname IN ('text', 'varchar', 'bpchar', 'date', 'time', 'timestamp', 'timestamptz', 'bytea')"
                + " THEN '''' ELSE NULL END AS LITERAL_SUFFIX, CAST(NULL AS text) AS CREATE_PARAMS,"
                + " CAST(1 AS int2) AS NULLABLE, t.typname IN ('text', 'varchar', 'bpchar', 'name') AS CASE_SENSITIVE,"
                + " CAST(3 AS int2) AS SEARCHABLE, t.typname NOT IN ('int2', 'int4', 'int8', 'float4', 'float8', 'numeric') AS UNSIGNED_ATTRIBUTE,"
                + " false AS FIXED_PREC_SCALE, false AS AUTO_INCREMENT, CAST(t.typname AS text) AS LOCAL_TYPE_NAME,"
                + " CAST(0 AS int2) AS MINIMUM_SCALE, CAST(0 AS int2) AS MAXIMUM_SCALE, CAST(NULL AS int4) AS SQL_DATA_TYPE,"
                + " CAST(NULL AS int4) AS SQL_DATETIME_SUB, 10 AS NUM_PREC_RADIX"
                + " FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace"
                + " WHERE n.nspname = 'pg_catalog' AND t.typtype = 'b' ORDER BY 2, 1");
    }

    @Override
    public ResultSet getProcedures(String catalog, String schemaPattern, String procPattern) throws SQLException {
        return query("SELECT CAST(current_database() AS text) AS PROCEDURE_CAT, CAST(n.nspname AS text) AS PROCEDURE_SCHEM,"
                + " CAST(p.proname AS text) AS PROCEDURE_NAME, CAST(NULL AS text) AS RESERVED1, CAST(NULL AS text) AS RESERVED2,"
                + " CAST(NULL AS text) AS RESERVED3, CAST(NULL AS text) AS REMARKS, CAST(2 AS int2) AS PROCEDURE_TYPE,"
                + " CAST(p.proname AS text) || '_' || CAST(p.oid AS text) AS SPECIFIC_NAME"
                + " FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace"
                + " WHERE n.nspname LIKE ? AND p.proname LIKE ? ORDER BY 2, 3", like(schemaPattern), like(procPattern));
    }

    @Override
    public ResultSet getFunctions(String catalog, String schemaPattern, String functionPattern) throws SQLException {
        return query("SELECT CAST(current_database() AS text) AS FUNCTION_CAT, CAST(n.nspname AS text) AS FUNCTION_SCHEM,"
                + " CAST(p.proname AS text) AS FUNCTION_NAME, CAST(NULL AS text) AS REMARKS, CAST(1 AS int2) AS FUNCTION_TYPE,"
                + " CAST(p.proname AS text) || '_' || CAST(p.oid AS text) AS SPECIFIC_NAME"
                + " FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace"
                + " WHERE n.nspname LIKE ? AND p.proname LIKE ? ORDER BY 2, 3", like(schemaPattern), like(functionPattern));
    }

    // --- who the database and driver are

    private String serverVersion() {
        String v = conn.getParameterStatus("server_version");
        return v == null ? "0" : v;
    }

    @Override
    public String getDatabaseProductVersion() {
        return serverVersion();
    }

    @Override
    public int getDatabaseMajorVersion() {
        return Integer.parseInt(serverVersion().split("[^0-9]")[0]);
    }

    @Override
    public int getDatabaseMinorVersion() {
        String[] p = serverVersion().split("[^0-9]+");
        return p.length > 1 ? Integer.parseInt(p[1]) : 0;
    }

    @Override
    public String getDriverVersion() {
        return TuskDriver.MAJOR_VERSION + "." + TuskDriver.MINOR_VERSION;
    }

    @Override
    public int getDriverMajorVersion() {
        return TuskDriver.MAJOR_VERSION;
    }

    @Override
    public int getDriverMinorVersion() {
        return TuskDriver.MINOR_VERSION;
    }

    @Override
    public String getURL() {
        return conn.url().toString();
    }

    @Override
    public String getUserName() {
        return conn.protocol().user();
    }

    @Override
    public Connection getConnection() {
        return conn;
    }

    @Override
    public boolean isReadOnly() throws SQLException {
        return conn.isReadOnly();
    }

    @Override
    public String getSQLKeywords() {
        return "abort,access,aggregate,also,analyse,analyze,backward,bit,cache,checkpoint,class,cluster,comment,concurrently,"
                + "connection,conversion,copy,csv,database,delimiter,delimiters,disable,do,enable,encoding,encrypted,exclusive,"
                + "explain,force,forward,freeze,greatest,handler,header,if,ilike,immutable,implicit,index,inherit,inherits,"
                + "instead,isnull,least,limit,listen,load,location,lock,mode,move,nothing,notify,notnull,nowait,off,offset,"
                + "oids,operator,owned,owner,password,prepared,procedural,quote,reassign,recheck,reindex,rename,replace,reset,"
                + "restrict,returning,rule,setof,share,show,stable,statistics,stdin,stdout,storage,strict,sysid,tablespace,"
                + "temp,template,truncate,trusted,unencrypted,unlisten,until,vacuum,valid,validator,verbose,volatile";
    }

    @Override
    public ResultSet getClientInfoProperties() throws SQLException {
        return query("SELECT 'ApplicationName' AS NAME, 63 AS MAX_LEN, '' AS DEFAULT_VALUE,"
                + " 'The name of the application currently using the connection.' AS DESCRIPTION");
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return Wrappers.unwrap(this, iface);
    }
}
