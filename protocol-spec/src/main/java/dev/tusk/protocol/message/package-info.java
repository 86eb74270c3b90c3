/**
 * One record per protocol message, grouped by family (startup, auth, simple, extended, copy,
 * async, fastpath); each has a static {@code decode(PgReader)} and {@code encode(PgWriter)}.
 * {@link dev.tusk.protocol.message.Messages} maps a type byte to its decoder for code that wants
 * message values (the driver, tests).
 */
package dev.tusk.protocol.message;
