/**
 * The engine interface: what storage and execution look like to a backend. The backend hands over
 * parsed statements and receives rows through a {@link dev.tusk.server.engine.RowReceiver}; the
 * engine turns its own values, types and errors into PostgreSQL's. {@code engine.h2} is the default
 * implementation.
 */
package dev.tusk.server.engine;
