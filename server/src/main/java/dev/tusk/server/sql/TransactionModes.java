package dev.tusk.server.sql;

/** The transaction modes of BEGIN, START TRANSACTION, SET TRANSACTION and SET SESSION CHARACTERISTICS. */
final class TransactionModes {
    private TransactionModes() {
    }

    /**
     * ISOLATION LEVEL ..., READ WRITE | READ ONLY, [NOT] DEFERRABLE, comma-separated or not (cf. gram.y
     * transaction_mode_list), as the settings they stand for, each name prefixed with prefix.
     */
    static java.util.Map<String, String> parse(Parser p, String prefix) {
        java.util.Map<String, String> modes = new java.util.LinkedHashMap<>();
        while (p.pos < p.end) {
            if (p.optionalWord("isolation")) {
                p.expectWord("level");
                String level;
                if (p.optionalWord("serializable")) {
                    level = "serializable";
                } else if (p.optionalWord("repeatable")) {
                    p.expectWord("read");
                    level = "repeatable read";
                } else {
                    p.expectWord("read");
                    level = p.optionalWord("uncommitted") ? "read uncommitted" : expectedWord(p, "committed", "read committed");
                }
                modes.put(prefix + "transaction_isolation", level);
            } else if (p.optionalWord("read")) {
                modes.put(prefix + "transaction_read_only", p.optionalWord("only") ? "on" : expectedWord(p, "write", "off"));
            } else if (p.optionalWord("not")) {
                p.expectWord("deferrable");
                modes.put(prefix + "transaction_deferrable", "off");
            } else if (p.optionalWord("deferrable")) {
                modes.put(prefix + "transaction_deferrable", "on");
            } else {
                throw p.syntaxError(p.tokens.get(p.pos));
            }
            if (p.pos < p.end && p.tokens.get(p.pos).isPunct(',')) {
                p.pos++;
            }
        }
        return modes;
    }

    private static String expectedWord(Parser p, String word, String meaning) {
        p.expectWord(word);
        return meaning;
    }
}
