package dev.tusk.driver.jdbc;

import java.sql.SQLException;
import java.sql.Savepoint;

/** A savepoint: named by the application, or numbered by the connection. */
final class TuskSavepoint implements Savepoint {
    private final int id;
    private final String name;

    TuskSavepoint(int id, String name) {
        this.id = id;
        this.name = name;
    }

    String sqlName() {
        return name != null ? Identifiers.quote(name) : "JDBC_SAVEPOINT_" + id;
    }

    @Override
    public int getSavepointId() throws SQLException {
        if (name != null) {
            throw new SQLException("Cannot retrieve the id of a named savepoint.", "3B000");
        }
        return id;
    }

    @Override
    public String getSavepointName() throws SQLException {
        if (name == null) {
            throw new SQLException("Cannot retrieve the name of an unnamed savepoint.", "3B000");
        }
        return name;
    }
}
