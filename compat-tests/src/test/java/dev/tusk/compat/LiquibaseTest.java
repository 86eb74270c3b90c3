package dev.tusk.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Liquibase, a second migration tool no one here wrote, through pgjdbc: a changelog of four change
 * sets (tables with auto-increment keys, a foreign key, an index, data, an added column, a
 * sequence, a view) in Liquibase's own XML, for which it writes the PostgreSQL SQL itself; then a
 * second run that finds nothing left to do. Same assertions on PostgreSQL 15 and Tusk.
 */
class LiquibaseTest extends BothServers {

    private static String url(String server) {
        return server.equals("pg") ? pg.jdbcUrl("postgres") : tusk.jdbcUrl("postgres");
    }

    private static int update(Connection c) throws Exception {
        Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
        Liquibase liquibase = new Liquibase("liquibase/changelog.xml", new ClassLoaderResourceAccessor(), database);
        int pending = liquibase.listUnrunChangeSets(new Contexts(), new LabelExpression()).size();
        liquibase.update(new Contexts(), new LabelExpression());
        return pending;
    }

    @ParameterizedTest
    @ValueSource(strings = {"pg", "tusk"})
    void updatesOnceThenFindsEverythingApplied(String server) throws Exception {
        try (Connection c = DriverManager.getConnection(url(server))) {
            assertEquals(4, update(c));
        }
        try (Connection c = DriverManager.getConnection(url(server))) {
            assertEquals(0, update(c));
        }
        try (Connection c = DriverManager.getConnection(url(server)); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select count(*), count(distinct md5sum) from databasechangelog")) {
                assertTrue(rs.next());
                assertEquals(4, rs.getInt(1));
                assertEquals(4, rs.getInt(2));
            }
            try (ResultSet rs = s.executeQuery("select locked from databasechangeloglock")) {
                assertTrue(rs.next());
                assertEquals(false, rs.getBoolean(1));
            }
            try (ResultSet rs = s.executeQuery("select name, title, price, isbn from book_titles join book using (title)")) {
                assertTrue(rs.next());
                assertEquals("Ursula", rs.getString(1));
                assertEquals("The Dispossessed", rs.getString(2));
                assertEquals("12.50", rs.getBigDecimal(3).toPlainString());
                assertEquals(null, rs.getString(4));
            }
            try (ResultSet rs = s.executeQuery("select nextval('invoice_seq'), nextval('invoice_seq')")) {
                assertTrue(rs.next());
                assertEquals(1000, rs.getLong(1));
                assertEquals(1010, rs.getLong(2));
            }
        }
    }
}
