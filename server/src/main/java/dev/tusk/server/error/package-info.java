/** Errors reported to clients the way PostgreSQL reports them (SQLSTATE, severity, message, detail, hint, position). */
package dev.tusk.server.error;
