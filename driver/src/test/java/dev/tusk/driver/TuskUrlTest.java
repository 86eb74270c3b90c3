package dev.tusk.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.DriverPropertyInfo;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class TuskUrlTest {
    @Test
    void hostsPortsDatabaseAndProperties() {
        Properties info = new Properties();
        info.setProperty("password", "from-info");
        TuskUrl u = TuskUrl.parse("jdbc:tusk://db1:6543,db2,[::1]:7000/sales?user=app&password=from-url&ApplicationName=a%20b", info);
        assertEquals(List.of(new TuskUrl.HostSpec("db1", 6543), new TuskUrl.HostSpec("db2", 5432),
                new TuskUrl.HostSpec("::1", 7000)), u.hosts());
        assertEquals("sales", u.database());
        assertEquals("app", u.properties().getProperty("user"));
        assertEquals("from-info", u.properties().getProperty("password"), "connect()'s properties win, as in pgjdbc");
        assertEquals("a b", u.properties().getProperty("ApplicationName"));
    }

    @Test
    void defaultsAndForeignUrls() {
        TuskUrl u = TuskUrl.parse("jdbc:tusk:///?user=bob", null);
        assertEquals(List.of(new TuskUrl.HostSpec("localhost", 5432)), u.hosts());
        assertEquals("bob", u.database(), "no database: the user's, as libpq does");
        assertNull(TuskUrl.parse("jdbc:postgresql://localhost/db", null), "pgjdbc's URLs are left to pgjdbc");
        assertThrows(IllegalArgumentException.class, () -> TuskUrl.parse("jdbc:tusk://h:99999/db", null));
    }

    @Test
    void everyPropertyIsDescribed() {
        DriverPropertyInfo[] info = new TuskDriver().getPropertyInfo("jdbc:tusk://h/db?prepareThreshold=0", null);
        assertEquals(DriverProperty.values().length, info.length);
        DriverPropertyInfo threshold = Arrays.stream(info).filter(i -> i.name.equals("prepareThreshold")).findFirst().orElseThrow();
        assertEquals("0", threshold.value);
        Arrays.stream(info).forEach(i -> assertEquals(false, i.description == null || i.description.isEmpty(), i.name));
    }
}
