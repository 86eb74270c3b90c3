package dev.tusk.driver.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class MultiRowInsertTest {
    private static MultiRowInsert of(String jdbcSql) {
        return MultiRowInsert.of(SqlText.of(jdbcSql, true));
    }

    @Test
    void repeatsTheValuesRowWithRenumberedParameters() {
        MultiRowInsert m = of("INSERT INTO t (a, b) VALUES (?, lower(?))");
        assertNotNull(m);
        assertEquals("INSERT INTO t (a, b) VALUES ($1, lower($2))", m.sql(1));
        assertEquals("INSERT INTO t (a, b) VALUES ($1, lower($2)), ($3, lower($4)), ($5, lower($6))", m.sql(3));
        // literals and quoted names are copied, not renumbered; a trailing semicolon or comment is fine
        assertEquals("insert into \"values\" values ($1, '$1 ?', $2), ($3, '$1 ?', $4)",
                of("insert into \"values\" values (?, '$1 ?', ?); -- done").sql(2));
    }

    @Test
    void onlyAPlainInsertOfOneValuesRowQualifies() {
        assertNull(of("insert into t values (?, ?) on conflict do nothing"), "a row may insert nothing");
        assertNull(of("insert into t values (?) returning id"), "one result per row is expected");
        assertNull(of("insert into t select ? from u"));
        assertNull(of("insert into t values (?), (?)"));
        assertNull(of("insert into t values (1, 2)"), "no parameters: nothing to batch");
        assertNull(of("update t set a = ? where b = 'values (x)'"));
        assertNull(of("with x as (select ?) insert into t values (1)"));
        assertNull(of("insert into t (a) select v from (values (?)) s(v)"));
    }
}
