package dev.tusk.compat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Run in a JVM with a small heap by {@link DriverBoundedMemoryTest}: fetches a million 100-byte rows
 * through Tusk's driver with a fetch size and prints how many arrived.
 */
public final class DriverStreamingMain {
    private DriverStreamingMain() {
    }

    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection(args[0])) {
            c.setAutoCommit(false);
            long n = 0;
            long bytes = 0;
            try (Statement s = c.createStatement()) {
                s.setFetchSize(1000);
                try (ResultSet rs = s.executeQuery("select g, repeat('x', 100) from generate_series(1, 1000000) g")) {
                    while (rs.next()) {
                        n++;
                        bytes += rs.getString(2).length();
                    }
                }
            }
            c.commit();
            System.out.println("rows " + n + " bytes " + bytes);
        }
    }
}
