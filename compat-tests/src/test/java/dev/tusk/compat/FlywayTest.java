package dev.tusk.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Flyway, a migration tool no one here wrote, through pgjdbc: four versioned migrations (tables with
 * serials, a foreign key, a check, an index, a comment, a view, data and an added column) applied
 * to an empty database, then a second run that finds them applied and does nothing. Same
 * assertions on PostgreSQL 15 and Tusk.
 */
class FlywayTest extends BothServers {

    private static String url(String server) {
        return server.equals("pg") ? pg.jdbcUrl("postgres") : tusk.jdbcUrl("postgres");
    }

    private static Flyway flyway(String server) {
        return Flyway.configure()
                .dataSource(url(server), "postgres", "")
                .locations("classpath:flyway")
                .load();
    }

    @ParameterizedTest
    @ValueSource(strings = {"pg", "tusk"})
    void migratesOnceThenFindsEverythingApplied(String server) throws Exception {
        MigrateResult first = flyway(server).migrate();
        assertTrue(first.success);
        assertEquals(4, first.migrationsExecuted);
        assertEquals("4", first.targetSchemaVersion);

        MigrateResult second = flyway(server).migrate();
        assertTrue(second.success);
        assertEquals(0, second.migrationsExecuted);
        MigrationInfo[] applied = flyway(server).info().applied();
        assertEquals(4, applied.length);
        for (MigrationInfo m : applied) {
            assertEquals(MigrationState.SUCCESS, m.getState(), m.getScript());
        }
        assertEquals(0, flyway(server).info().pending().length);

        try (Connection c = DriverManager.getConnection(url(server)); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select a.email, t.total, o.status from order_totals t"
                     + " join account a on a.id = t.account_id join orders o on o.account_id = a.id order by a.email")) {
            assertTrue(rs.next());
            assertEquals("ada@example.com", rs.getString(1));
            assertEquals("10.50", rs.getBigDecimal(2).toPlainString());
            assertEquals("new", rs.getString(3));
            assertTrue(rs.next());
            assertEquals("alan@example.com", rs.getString(1));
        }
        try (Connection c = DriverManager.getConnection(url(server)); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select d.description from pg_description d join pg_class c on c.oid = d.objoid"
                     + " join pg_attribute a on a.attrelid = c.oid and a.attnum = d.objsubid"
                     + " where c.relname = 'orders' and a.attname = 'status'")) {
            assertTrue(rs.next());
            assertEquals("new, paid or shipped", rs.getString(1));
        }
    }
}
