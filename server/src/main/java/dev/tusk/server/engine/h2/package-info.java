/**
 * The engine on embedded H2 (see ../shared/H2-NOTES.md): one H2 database per Tusk database, one H2
 * connection per backend, and everything that makes H2 answer as PostgreSQL.
 *
 * <pre>
 *   EngineStatement --H2SqlGenerator (+TokenEmitter, DmlShapes, AddConstraint, OperatorCalls)--> H2 SQL
 *   H2Session.execute / prepare --> H2 --> H2Row (TextFormat, BinaryFormat) --> RowReceiver
 *   SQLException --H2Errors--> PgException (SQLSTATE, message, position)
 *   H2PgCatalog: pg_catalog views and functions (PgCatalogFunctions, PgCatalogDefinitions, PgFunctions)
 *   GroupCommit: one sync for all commits waiting; DdlUndo: DDL undone when a transaction rolls back
 * </pre>
 *
 * An H2Session belongs to its backend's thread; H2Engine and GroupCommit are shared and thread-safe.
 */
package dev.tusk.server.engine.h2;
