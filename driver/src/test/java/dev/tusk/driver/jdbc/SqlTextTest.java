package dev.tusk.driver.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SqlTextTest {
    @Test
    void placeholdersOutsideLiteralsCommentsAndDollarQuotes() {
        SqlText t = SqlText.of("select ?, '?', \"a?\", $$ ? $$, $tag$ ? $tag$ /* ? */ -- ?\n, ? from t where j ?? 'k'", true);
        assertEquals("select $1, '?', \"a?\", $$ ? $$, $tag$ ? $tag$ /* ? */ -- ?\n, $2 from t where j ? 'k'", t.sql);
        assertEquals(2, t.parameterCount);
        assertEquals("select", t.firstWord);
    }

    @Test
    void jdbcEscapes() {
        assertEquals("select upper('a'), DATE '2024-01-02', TIMESTAMP '2024-01-02 03:04:05'",
                SqlText.escapes("select {fn ucase('a')}, {d '2024-01-02'}, {ts '2024-01-02 03:04:05'}"));
        assertEquals("SELECT * FROM f(?, ?)", SqlText.escapes("{call f(?, ?)}"));
        assertEquals("SELECT g(?) AS result", SqlText.escapes("{? = call g(?)}"));
        assertEquals("select '{fn x}'", SqlText.escapes("select '{fn x}'"), "escapes inside literals are data");
        assertEquals("/* c */ insert", SqlText.of("/* c */ insert", false).sql);
        assertEquals("insert", SqlText.of("/* c */ insert into t", false).firstWord);
    }
}
