/**
 * The PostgreSQL v3 frontend/backend protocol, shared by Tusk's server and driver (cf.
 * include/libpq/protocol.h, libpq/pqcomm.c, libpq/pqformat.c). See PROTOCOL.md beside the sources.
 *
 * <pre>
 * INTERFACE ROUTINES
 *   FrontendMessage / BackendMessage   every typed message: type byte, length cap
 *   PgConnectionIO.readStartupPacket   untyped startup-phase packet (length checked, max 10,000 bytes)
 *   PgConnectionIO.readFrontend/Backend  next typed message: type and cap checked before the body
 *   PgConnectionIO.body                the body just read, as a bounds-checked PgReader
 *   PgWriter.begin(type) ... end()     build one message; the length is filled in by end()
 *   PgConnectionIO.flush / flushIfFull send whole messages only
 *   SqlState                           PostgreSQL 15's SQLSTATE codes
 *
 *   bytes --PgConnectionIO--> type + PgReader --Record.decode--> message value
 *   message value --Record.encode(PgWriter)--> PgConnectionIO.flush --> bytes
 * </pre>
 *
 * Nothing here is thread-safe: a connection's I/O belongs to one thread at a time.
 */
package dev.tusk.protocol;
