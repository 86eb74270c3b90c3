package dev.tusk.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The driver side of bounded memory: a million rows (100 MB of text) fetched with a fetch size by a
 * JVM whose heap is 32 MiB, from PostgreSQL 15 and from Tusk. Holding the result would not fit.
 */
class DriverBoundedMemoryTest extends BothServers {

    @ParameterizedTest
    @ValueSource(strings = {"pg", "tusk"})
    void millionRowFetchStreamsInA32MiBHeap(String server) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-Xmx32m", "-cp", System.getProperty("java.class.path"),
                DriverStreamingMain.class.getName(), TuskDriverTest.url(server, "")).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), out);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("rows 1000000 bytes 100000000"), out);
    }
}
