/**
 * PostgreSQL SQL as text: the lexer (cf. parser/scan.l), the statement parser (cf. parser/gram.y's
 * top level) and the statement records it produces.
 *
 * <pre>
 *   query string --Lexer--> tokens --Parser--> [Statement ...]
 *                                                 |-- utility (Transaction, SetVariable, ...): run by the backend
 *                                                 '-- EngineStatement: translated to engine SQL by engine.h2
 * </pre>
 *
 * Nothing here touches a session or the engine; it is pure and safe to call from any thread.
 */
package dev.tusk.server.sql;
