/**
 * A backend: one client session from its startup packet to its end (cf. tcop/postgres.c and
 * backend_startup.c).
 *
 * <pre>
 *   BackendStartup: SSLRequest/GSSENCRequest -> 'N', CancelRequest -> registry,
 *                   StartupMessage -> negotiate, hba, slot -> AuthenticationOk, ParameterStatus*, BackendKeyData
 *   PostgresMain:   loop { ReadyForQuery; read; dispatch }
 *                     Query -> SimpleQuery -> Parser -> UtilityCommands | engine session -> WireReceiver
 *                     errors -> one funnel: ErrorResponse, TransactionBlock.onError, skip till Sync
 *   SessionSettings + ConfigOption: SET/SHOW/RESET and set_config() (cf. guc.c), SET ROLE included
 * </pre>
 *
 * Everything here runs on the backend's own thread; {@link dev.tusk.server.backend.Backend#cancel()}
 * and terminate are the only entries from other threads.
 */
package dev.tusk.server.backend;
