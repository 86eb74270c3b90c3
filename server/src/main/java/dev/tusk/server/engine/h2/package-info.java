/**
 * The engine on embedded H2 (see ../shared/H2-NOTES.md): one H2 database per Tusk database, one H2
 * connection per backend, and everything that makes H2 answer as PostgreSQL.
 *
 * <pre>
 *   EngineStatement --H2SqlGenerator (+TokenEmitter, DmlShapes, AddConstraint)--> H2 SQL
 *       token rewrites first: OperatorCalls (operators, casts to json/name/oid/regclass/regtype), ExpandArrayCalls
 *       (_pg_expandarray in select lists), UnnestCalls (FROM unnest(a) x), ArraySubscripts (NULL out of bounds),
 *       InformationSchemaViews (PostgreSQL-shaped information_schema views), JoinUsingColumns (JOIN USING)
 *       CREATE TABLE / DROP TABLE: SerialColumns (serial = sequence + nextval default, owned)
 *       a SELECT failing on a missing relation that is a sequence: SequenceRelations runs it again
 *   H2Session.execute / prepare --> H2 --> H2Row (TextFormat, BinaryFormat) --> RowReceiver
 *       result types H2 cannot tell: casts (SqlBuilder.castType) and json/name/oid columns (ColumnTypes)
 *   SQLException --H2Errors--> PgException (SQLSTATE, message, position)
 *   H2PgCatalog: pg_catalog views and functions (PgCatalogFunctions, PgCatalogDefinitions, PgFunctions,
 *       AdvisoryLocks, RelationFunctions, StatActivity); PgSystemViews: fixed, statistics, sequence and
 *       empty catalogs; BuiltinTypes: pg_type's rows; StatementRows: catalog views computed once per statement
 *   GroupCommit: one chunk write and sync for all commits waiting; SearchPath: search_path on H2; DdlUndo: DDL undone when a transaction rolls back;
 *   TransactionalDdl (+DdlConnection, DdlUndo): DDL inside a transaction; StoreLock (+EngineRollbackGuard): every
 *       rollback, Tusk's and H2's own, under H2's store lock
 *   Ownership (+ObjectOwners): who owns tables, views, sequences and schemas, and who may change them;
 *       SuperuserCatalogs: pg_authid, pg_shadow and Tusk's owner and access-list tables for superusers only
 *   ObjectPrivileges: the access lists of tables, views, columns, sequences and schemas (beside their owners),
 *       default privileges; PrivilegeGrants: GRANT/REVOKE/ALTER DEFAULT PRIVILEGES on them; PrivilegeCheck: what
 *       a statement needs before it runs (H2's dependencies of the prepared statement, among the relations its
 *       text names, StatementNames; a view's reads as its owner's); PrivilegeFunctions: has_*_privilege,
 *       table_privileges; Relations: a name as the search path finds it; RoleObjects: what roles own and are
 *       granted (DROP ROLE's detail, REASSIGN/DROP OWNED, GRANT/REVOKE)
 *   H2Sessions: the Tusk session behind an H2 connection, for functions H2 calls
 * </pre>
 *
 * An H2Session belongs to its backend's thread (StatementRows keeps rows per thread); H2Engine,
 * GroupCommit, ColumnTypes, AdvisoryLocks and H2Sessions are shared and thread-safe.
 */
package dev.tusk.server.engine.h2;
