package dev.tusk.server.backend;

import dev.tusk.protocol.SqlState;
import dev.tusk.server.error.PgException;
import java.util.ArrayList;
import java.util.List;

/**
 * The startup packet's {@code options} parameter as PostgreSQL reads it: split into arguments at
 * white space, a backslash taking the next character literally (cf. postinit.c pg_split_opts),
 * then read as the server's command-line switches {@code -c name=value}, {@code -cname=value} and
 * {@code --name=value}, a dash in a name standing for an underscore (cf. postgres.c
 * process_postgres_switches, guc.c ParseLongOption). Other switches name server settings a client
 * may not change, and are refused as PostgreSQL refuses an argument it does not know.
 */
final class StartupOptions {
    private StartupOptions() {
    }

    /** The settings the options name, as {name, value} pairs in their order. */
    static List<String[]> parse(String options) {
        List<String> args = split(options);
        List<String[]> settings = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String setting;
            String switchName;
            if (a.startsWith("--")) {
                setting = a.substring(2);
                switchName = "--";
            } else if (a.equals("-c") && i + 1 < args.size()) {
                setting = args.get(++i);
                switchName = "-c ";
            } else if (a.startsWith("-c") && a.length() > 2) {
                setting = a.substring(2);
                switchName = "-c ";
            } else {
                throw new PgException(SqlState.SYNTAX_ERROR, "invalid command-line argument for server process: " + a)
                        .hint("Try \"postgres --help\" for more information.");
            }
            int eq = setting.indexOf('=');
            if (eq < 0) {
                throw new PgException(SqlState.SYNTAX_ERROR, switchName + setting + " requires a value");
            }
            settings.add(new String[] {setting.substring(0, eq).replace('-', '_'), setting.substring(eq + 1)});
        }
        return settings;
    }

    /** pg_split_opts: arguments separated by unescaped white space; a backslash escapes the next character. */
    static List<String> split(String options) {
        List<String> args = new ArrayList<>();
        StringBuilder arg = new StringBuilder();
        boolean inArg = false;
        for (int i = 0; i < options.length(); i++) {
            char c = options.charAt(i);
            if (Character.isWhitespace(c) && c != '\u00a0') {
                if (inArg) {
                    args.add(arg.toString());
                    arg.setLength(0);
                    inArg = false;
                }
                continue;
            }
            inArg = true;
            if (c == '\\' && i + 1 < options.length()) {
                c = options.charAt(++i);
            }
            arg.append(c);
        }
        if (inArg) {
            args.add(arg.toString());
        }
        return args;
    }
}
