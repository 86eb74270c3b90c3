package dev.tusk.driver.jdbc;

/**
 * A named statement the connection has prepared on the server (or counts toward preparing), keyed
 * by its SQL and parameter types; its result description lets later executions ask for binary
 * columns up front.
 */
final class ServerStatement {
    final String key;
    final String sql;
    final int[] parameterOids;
    String name;
    int uses;
    boolean prepared;
    Field[] fields;
    int[] describedParameterOids;
    /** False once evicted or invalidated: a statement object holding on to it must look it up again. */
    boolean live = true;
    /** Result formats to ask for and the fields as they then arrive, worked out once at prepare. */
    short[] resultFormats;
    Field[] resultFields;

    ServerStatement(String key, String sql, int[] parameterOids) {
        this.key = key;
        this.sql = sql;
        this.parameterOids = parameterOids;
    }

    static String key(String sql, int[] oids) {
        StringBuilder b = new StringBuilder(sql.length() + oids.length * 5).append(sql);
        for (int o : oids) {
            b.append('\0').append(o);
        }
        return b.toString();
    }
}
