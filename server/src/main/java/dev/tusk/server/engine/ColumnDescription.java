package dev.tusk.server.engine;

/** A result column as RowDescription announces it: name, origin (0 if none), PostgreSQL type OID, size and modifier. */
public record ColumnDescription(String name, int tableOid, int columnNumber, int typeOid, int typeSize, int typeModifier) {
}
