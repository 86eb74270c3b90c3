package dev.tusk.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** pgjdbc authenticating to Tusk with each password method of pg_hba.conf. */
class AuthenticationTest {

    @ParameterizedTest
    @ValueSource(strings = {"scram-sha-256", "md5", "password"})
    void rightPasswordConnectsWrongOneIsRefused(String method) throws Exception {
        try (TuskServer tusk = TuskServer.start(method, "s3cret")) {
            try (Connection c = DriverManager.getConnection(tusk.jdbcUrl("postgres") + "&password=s3cret");
                 ResultSet rs = c.createStatement().executeQuery("select current_user")) {
                rs.next();
                assertEquals("postgres", rs.getString(1));
            }
            SQLException e = assertThrows(SQLException.class,
                    () -> DriverManager.getConnection(tusk.jdbcUrl("postgres") + "&password=wrong"));
            assertEquals("28P01", e.getSQLState());
            e = assertThrows(SQLException.class, () -> DriverManager.getConnection(
                    "jdbc:postgresql://127.0.0.1:" + tusk.port() + "/postgres?user=nobody&password=s3cret"));
            assertEquals("28P01", e.getSQLState(), "an unknown role fails the same way: nothing revealed");
        }
    }
}
