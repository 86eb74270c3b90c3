package dev.tusk.server.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** COPY's text and CSV line formats, both ways. */
class CopyFormatTest {
    @Test
    void textEscapesAndNull() {
        CopyFormat text = CopyFormat.of(Map.of());
        assertEquals(Arrays.asList("a\tb", null, "back\\slash", "\\N"), text.parse("a\\tb\t\\N\tback\\\\slash\t\\\\N"));
        assertEquals("a\\tb\t\\N\tx\\ny\n", text.format(new String[] {"a\tb", null, "x\ny"}));
    }

    @Test
    void csvQuotingAndNull() {
        CopyFormat csv = CopyFormat.of(Map.of("format", "csv"));
        assertEquals(Arrays.asList("a,b", null, "", "say \"hi\""), csv.parse("\"a,b\",,\"\",\"say \"\"hi\"\"\""));
        assertEquals("\"a,b\",,\"\",\"say \"\"hi\"\"\"\n", csv.format(new String[] {"a,b", null, "", "say \"hi\""}));
        CopyFormat quoted = CopyFormat.of(Map.of("format", "csv", "force_quote", "*"));
        boolean[] forceQuote = quoted.columns("force_quote", List.of("x", "y"));
        assertEquals("\"1\",\"2\"\n", quoted.format(new String[] {"1", "2"}, forceQuote));
    }
}
