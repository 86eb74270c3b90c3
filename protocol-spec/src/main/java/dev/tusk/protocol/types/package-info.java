/**
 * PostgreSQL's data types on the wire: the type OIDs Tusk uses ({@link dev.tusk.protocol.types.PgTypes})
 * and their binary formats ({@link dev.tusk.protocol.types.PgBinary}), shared by server and driver.
 */
package dev.tusk.protocol.types;
