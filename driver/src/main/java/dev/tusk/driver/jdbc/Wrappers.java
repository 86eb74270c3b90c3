package dev.tusk.driver.jdbc;

import java.sql.SQLException;

/** java.sql.Wrapper for the driver's objects: each wraps nothing, so it unwraps only to what it is. */
public final class Wrappers {
    private Wrappers() {
    }

    public static <T> T unwrap(Object self, Class<T> iface) throws SQLException {
        if (iface.isInstance(self)) {
            return iface.cast(self);
        }
        throw new SQLException("Cannot unwrap to " + iface.getName(), "0A000");
    }
}
