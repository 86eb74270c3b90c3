package dev.tusk.driver.jdbc;

/** One result column as RowDescription gives it; format 1 is binary. */
record Field(String name, int tableOid, int columnNumber, int typeOid, int typeSize, int typeModifier, int format) {
    boolean binary() {
        return format == 1;
    }

    Field withFormat(int f) {
        return new Field(name, tableOid, columnNumber, typeOid, typeSize, typeModifier, f);
    }
}
