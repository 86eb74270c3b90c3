package dev.tusk.server.backend;

import dev.tusk.protocol.SqlState;
import dev.tusk.server.error.PgException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A session's run-time settings (cf. utils/misc/guc.c): defaults, SET/RESET/SHOW, SET LOCAL undone at
 * transaction end, and the settings whose changes are reported to the client (GUC_REPORT).
 * Names are case-insensitive; each keeps PostgreSQL's spelling for SHOW and ParameterStatus.
 */
final class SessionSettings {
    /**
     * A setting's canonical name, default, whether changes are reported, when it may be set (pg_settings.context:
     * user, superuser, backend, superuser-backend, sighup, postmaster, internal), its type and enum values.
     * Tusk's own settings act; the rest of PostgreSQL 15's (pg15-settings.tsv) are kept and shown, without effect.
     */
    record Definition(String name, String defaultValue, boolean reported, String context, String type,
            List<String> enumValues, String unit, String description) {
    }

    private static final Map<String, Definition> DEFINITIONS = new LinkedHashMap<>();
    /** Tusk's own settings, which every session holds a value of from its start. */
    private static final List<String> OWN = new ArrayList<>();

    private static void define(String name, String value, boolean reported, boolean settable, String description) {
        String k = name.toLowerCase(Locale.ROOT);
        Definition pg = DEFINITIONS.get(k);
        String context = settable ? "user" : pg != null && !pg.context().equals("user") ? pg.context() : "internal";
        DEFINITIONS.put(k, new Definition(name, value, reported, context, pg != null ? pg.type() : "string",
                pg != null ? pg.enumValues() : List.of(), pg != null ? pg.unit() : "", description));
        OWN.add(k);
    }

    static {
        try (java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(
                SessionSettings.class.getResourceAsStream("pg15-settings.tsv"), java.nio.charset.StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                DEFINITIONS.put(f[0].toLowerCase(Locale.ROOT), new Definition(f[0], f[3], false, f[1], f[2],
                        f[4].isEmpty() ? List.of() : List.of(f[4].split(",")), f[5], f[6]));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        define("application_name", "", true, true, "Sets the application name to be reported in statistics and logs.");
        define("client_encoding", "UTF8", true, true, "Sets the client's character set encoding.");
        define("client_min_messages", "notice", false, true, "Sets the message levels that are sent to the client.");
        define("DateStyle", "ISO, MDY", true, true, "Sets the display format for date and time values.");
        define("default_transaction_isolation", "read committed", false, true, "Sets the transaction isolation level of each new transaction.");
        define("default_transaction_read_only", "off", true, true, "Sets the default read-only status of new transactions.");
        define("extra_float_digits", "1", false, true, "Sets the number of digits displayed for floating-point values.");
        define("idle_in_transaction_session_timeout", "0", false, true, "Sets the maximum allowed idle time between queries, when in a transaction.");
        define("in_hot_standby", "off", true, false, "Shows whether hot standby is currently active.");
        define("integer_datetimes", "on", true, false, "Shows whether datetimes are integer based.");
        define("IntervalStyle", "postgres", true, true, "Sets the display format for interval values.");
        define("is_superuser", "off", true, false, "Shows whether the current user is a superuser.");
        define("lc_messages", "C", false, true, "Sets the language in which messages are displayed.");
        define("lock_timeout", "0", false, true, "Sets the maximum allowed duration of any wait for a lock.");
        define("max_connections", "100", false, false, "Sets the maximum number of concurrent connections.");
        define("max_identifier_length", "63", false, false, "Shows the maximum identifier length.");
        define("password_encryption", "scram-sha-256", false, true, "Chooses the algorithm for encrypting passwords.");
        define("port", "5432", false, false, "Sets the TCP port the server listens on.");
        define("role", "none", false, true, "Sets the current role.");
        define("search_path", "\"$user\", public", false, true, "Sets the schema search order for names that are not schema-qualified.");
        define("server_encoding", "UTF8", true, false, "Shows the server (database) character set encoding.");
        define("server_version", Versions.SERVER_VERSION, true, false, "Shows the server version.");
        define("server_version_num", Versions.SERVER_VERSION_NUM, false, false, "Shows the server version as an integer.");
        define("session_authorization", "", true, true, "Sets the session user name.");
        define("standard_conforming_strings", "on", true, false, "Causes '...' strings to treat backslashes literally.");
        define("statement_timeout", "0", false, true, "Sets the maximum allowed duration of any statement.");
        define("TimeZone", "UTC", true, true, "Sets the time zone for displaying and interpreting time stamps.");
        define("transaction_isolation", "read committed", false, true, "Sets the current transaction's isolation level.");
        define("transaction_read_only", "off", false, true, "Sets the current transaction's read-only status.");
        define("work_mem", "4MB", false, true, "Sets the maximum memory to be used for query workspaces.");
    }

    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, String> sessionDefaults = new LinkedHashMap<>();
    private final List<String[]> localUndo = new ArrayList<>();

    SessionSettings(Map<String, String> startupValues) {
        for (String k : OWN) {
            values.put(k, DEFINITIONS.get(k).defaultValue());
        }
        startupValues.forEach((k, v) -> values.put(k.toLowerCase(Locale.ROOT), v));
        sessionDefaults.putAll(values);
    }

    /** The canonical name of a setting, or null if it is unknown (custom names with a dot are allowed). */
    static String canonical(String name) {
        Definition d = DEFINITIONS.get(name.toLowerCase(Locale.ROOT));
        if (d != null) {
            return d.name();
        }
        return name.indexOf('.') > 0 ? name.toLowerCase(Locale.ROOT) : null;
    }

    private static String key(String name) {
        String c = canonical(name);
        if (c == null) {
            throw new PgException(SqlState.UNDEFINED_OBJECT, "unrecognized configuration parameter \"" + name + "\"");
        }
        return c.toLowerCase(Locale.ROOT);
    }

    /** The definition of a setting PostgreSQL or Tusk knows, or null (an unknown or custom name). */
    static Definition definition(String name) {
        return DEFINITIONS.get(name.toLowerCase(Locale.ROOT));
    }

    String get(String name) {
        String k = key(name);
        String v = values.get(k);
        if (v == null && DEFINITIONS.containsKey(k)) {
            v = DEFINITIONS.get(k).defaultValue();
        }
        if (v == null) {
            throw new PgException(SqlState.UNDEFINED_OBJECT, "unrecognized configuration parameter \"" + name + "\"");
        }
        return v;
    }

    /**
     * Sets a value (null = the session's default); returns the canonical name. In a transaction
     * block the old value is kept: SET LOCAL goes back at the block's end, any SET at its rollback.
     */
    String set(String name, String value, boolean local, boolean inBlock) {
        String k = key(name);
        Definition d = DEFINITIONS.get(k);
        String v = value == null ? sessionDefaults.getOrDefault(k, d == null ? "" : d.defaultValue()) : value;
        if (local || inBlock) {
            localUndo.add(new String[] {k, values.get(k), local ? "local" : null});
        }
        values.put(k, v);
        return d != null ? d.name() : k;
    }

    /** A transaction mode's value at a transaction's start (no undo: the next transaction sets it again). */
    void startTransactionMode(String name, String value) {
        values.put(name, value);
    }

    String set(String name, String value, boolean local) {
        return set(name, value, local, false);
    }

    /** Savepoints of the block, with how many undo entries stood before each (cf. GUC nest levels). */
    private final List<Object[]> savepoints = new ArrayList<>();

    void savepoint(String name) {
        savepoints.add(new Object[] {name, localUndo.size()});
    }

    void releaseSavepoint(String name) {
        int at = savepointIndex(name);
        if (at >= 0) {
            savepoints.subList(at, savepoints.size()).clear();
        }
    }

    /** ROLLBACK TO SAVEPOINT: every SET since it goes back; returns the names whose values changed back. */
    List<String> rollbackToSavepoint(String name) {
        List<String> changed = new ArrayList<>();
        int at = savepointIndex(name);
        if (at < 0) {
            return changed;
        }
        int mark = (Integer) savepoints.get(at)[1];
        for (int i = localUndo.size() - 1; i >= mark; i--) {
            String[] u = localUndo.remove(i);
            values.put(u[0], u[1]);
            changed.add(u[0]);
        }
        savepoints.subList(at + 1, savepoints.size()).clear();
        return changed;
    }

    private int savepointIndex(String name) {
        for (int i = savepoints.size() - 1; i >= 0; i--) {
            if (savepoints.get(i)[0].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * At the end of a transaction (cf. AtEOXact_GUC): undoes SET LOCAL, and on rollback every SET
     * made in it; returns the names whose values changed back.
     */
    List<String> endTransaction(boolean commit) {
        List<String> changed = new ArrayList<>();
        for (int i = localUndo.size() - 1; i >= 0; i--) {
            String[] u = localUndo.get(i);
            if (!commit || u[2] != null) {
                values.put(u[0], u[1]);
                changed.add(u[0]);
            } else {
                // committed SET: an earlier SET LOCAL's undo must not bring back the value before it
                for (int j = i - 1; j >= 0; j--) {
                    if (localUndo.get(j)[0].equals(u[0])) {
                        localUndo.get(j)[1] = values.get(u[0]);
                    }
                }
            }
        }
        localUndo.clear();
        savepoints.clear();
        return changed;
    }

    boolean isReported(String name) {
        Definition d = DEFINITIONS.get(name.toLowerCase(Locale.ROOT));
        return d != null && d.reported();
    }

    /** The settings reported at startup, with canonical names. */
    Map<String, String> reported() {
        Map<String, String> out = new LinkedHashMap<>();
        DEFINITIONS.forEach((k, d) -> {
            if (d.reported()) {
                out.put(d.name(), values.get(k));
            }
        });
        return out;
    }

    /** All settings for SHOW ALL: name, setting, description. */
    List<String[]> all() {
        List<String[]> rows = new ArrayList<>();
        DEFINITIONS.forEach((k, d) -> rows.add(new String[] {d.name(), get(k), d.description()}));
        values.forEach((k, v) -> {
            if (!DEFINITIONS.containsKey(k)) {
                rows.add(new String[] {k, v, ""});
            }
        });
        rows.sort((a, b) -> a[0].compareToIgnoreCase(b[0]));
        return rows;
    }
}
