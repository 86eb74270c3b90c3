package dev.tusk.protocol.types;

/**
 * The PostgreSQL 15 type OIDs Tusk uses (from pg_type.dat), with each base type's array type and
 * fixed size (-1 for variable length). The same numbers are listed in types.json.
 */
public final class PgTypes {
    public static final int BOOL = 16;
    public static final int BYTEA = 17;
    public static final int NAME = 19;
    /** The catalogs' vectors (pg_index.indkey, pg_proc.proargtypes): arrays indexed from 0, printed space-separated. */
    public static final int INT2VECTOR = 22;
    public static final int OIDVECTOR = 30;
    public static final int INT8 = 20;
    public static final int INT2 = 21;
    public static final int INT4 = 23;
    public static final int TEXT = 25;
    public static final int OID = 26;
    public static final int JSON = 114;
    public static final int FLOAT4 = 700;
    public static final int FLOAT8 = 701;
    public static final int UNKNOWN = 705;
    public static final int BPCHAR = 1042;
    public static final int VARCHAR = 1043;
    public static final int DATE = 1082;
    public static final int TIME = 1083;
    public static final int TIMESTAMP = 1114;
    public static final int TIMESTAMPTZ = 1184;
    public static final int INTERVAL = 1186;
    public static final int TIMETZ = 1266;
    public static final int NUMERIC = 1700;
    public static final int UUID = 2950;
    public static final int JSONB = 3802;

    private static final int[][] ARRAYS = {
        {BOOL, 1000}, {BYTEA, 1001}, {NAME, 1003}, {INT8, 1016}, {INT2, 1005}, {INT4, 1007}, {TEXT, 1009},
        {OID, 1028}, {INT2VECTOR, 1006}, {OIDVECTOR, 1013}, {JSON, 199}, {FLOAT4, 1021}, {FLOAT8, 1022}, {BPCHAR, 1014}, {VARCHAR, 1015},
        {DATE, 1182}, {TIME, 1183}, {TIMESTAMP, 1115}, {TIMESTAMPTZ, 1185}, {INTERVAL, 1187},
        {TIMETZ, 1270}, {NUMERIC, 1231}, {UUID, 2951}, {JSONB, 3807},
    };

    private PgTypes() {
    }

    /** The array type of a base type, or the text array if the base has none listed. */
    public static int arrayOf(int elementOid) {
        for (int[] a : ARRAYS) {
            if (a[0] == elementOid) {
                return a[1];
            }
        }
        return 1009;
    }

    /** pg_type.typlen: the fixed size in bytes, or -1 for variable length. */
    public static int typeSize(int oid) {
        switch (oid) {
            case BOOL: return 1;
            case INT2: return 2;
            case INT4: case OID: case FLOAT4: case DATE: return 4;
            case INT8: case FLOAT8: case TIME: case TIMESTAMP: case TIMESTAMPTZ: return 8;
            case TIMETZ: return 12;
            case INTERVAL: case UUID: return 16;
            case NAME: return 64;
            default: return -1;
        }
    }
}
