package dev.tusk.driver.jdbc;

/** SQL quoting for the statements the driver writes itself (SET, SAVEPOINT, metadata queries). */
final class Identifiers {
    private Identifiers() {
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** A string constant; E'' syntax is never needed since standard_conforming_strings is on. */
    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
