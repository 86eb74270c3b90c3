package dev.tusk.driver.jdbc;

import dev.tusk.protocol.types.PgTypes;
import java.sql.Types;
import java.util.HashMap;
import java.util.Map;

/**
 * The built-in PostgreSQL types the driver knows by OID: their names, JDBC type codes, Java classes
 * and array types. Types not listed (user types, enums) are reported as strings of their text form.
 */
final class PgTypeInfo {
    record Info(int oid, String name, int sqlType, String javaClass, int arrayOid, boolean binaryOk) {
    }

    private static final Map<Integer, Info> BY_OID = new HashMap<>();
    private static final Map<Integer, Integer> ELEMENT_OF = new HashMap<>();
    private static final Map<String, Info> BY_NAME = new HashMap<>();

    static {
        add(PgTypes.BOOL, "bool", Types.BIT, "java.lang.Boolean", 1000, true);
        add(PgTypes.BYTEA, "bytea", Types.BINARY, "[B", 1001, true);
        add(PgTypes.NAME, "name", Types.VARCHAR, "java.lang.String", 1003, false);
        add(PgTypes.INT8, "int8", Types.BIGINT, "java.lang.Long", 1016, true);
        add(PgTypes.INT2, "int2", Types.SMALLINT, "java.lang.Integer", 1005, true);
        add(PgTypes.INT4, "int4", Types.INTEGER, "java.lang.Integer", 1007, true);
        add(PgTypes.TEXT, "text", Types.VARCHAR, "java.lang.String", 1009, false);
        add(PgTypes.OID, "oid", Types.BIGINT, "java.lang.Long", 1028, true);
        add(PgTypes.JSON, "json", Types.OTHER, "java.lang.String", 199, false);
        add(PgTypes.FLOAT4, "float4", Types.REAL, "java.lang.Float", 1021, true);
        add(PgTypes.FLOAT8, "float8", Types.DOUBLE, "java.lang.Double", 1022, true);
        add(PgTypes.BPCHAR, "bpchar", Types.CHAR, "java.lang.String", 1014, false);
        add(PgTypes.VARCHAR, "varchar", Types.VARCHAR, "java.lang.String", 1015, false);
        add(PgTypes.DATE, "date", Types.DATE, "java.sql.Date", 1182, true);
        add(PgTypes.TIME, "time", Types.TIME, "java.sql.Time", 1183, true);
        add(PgTypes.TIMESTAMP, "timestamp", Types.TIMESTAMP, "java.sql.Timestamp", 1115, true);
        add(PgTypes.TIMESTAMPTZ, "timestamptz", Types.TIMESTAMP, "java.sql.Timestamp", 1185, true);
        add(PgTypes.INTERVAL, "interval", Types.OTHER, "java.lang.String", 1187, false);
        add(PgTypes.TIMETZ, "timetz", Types.TIME, "java.sql.Time", 1270, false);
        add(PgTypes.NUMERIC, "numeric", Types.NUMERIC, "java.math.BigDecimal", 1231, false);
        add(PgTypes.UUID, "uuid", Types.OTHER, "java.util.UUID", 2951, true);
        add(PgTypes.JSONB, "jsonb", Types.OTHER, "java.lang.String", 3807, false);
        add(PgTypes.UNKNOWN, "unknown", Types.VARCHAR, "java.lang.String", 0, false);
        add(18, "char", Types.CHAR, "java.lang.String", 1002, false);
        add(142, "xml", Types.SQLXML, "java.lang.String", 143, false);
        add(1560, "bit", Types.BIT, "java.lang.Boolean", 1561, false);
        add(1562, "varbit", Types.OTHER, "java.lang.String", 1563, false);
        add(790, "money", Types.DOUBLE, "java.lang.Double", 791, false);
        add(2278, "void", Types.OTHER, "java.lang.String", 0, false);
        add(24, "regproc", Types.OTHER, "java.lang.String", 1008, false);
        add(2205, "regclass", Types.OTHER, "java.lang.String", 2210, false);
        add(2206, "regtype", Types.OTHER, "java.lang.String", 2211, false);
        add(869, "inet", Types.OTHER, "java.lang.String", 1041, false);
        add(650, "cidr", Types.OTHER, "java.lang.String", 651, false);
        add(28, "xid", Types.OTHER, "java.lang.String", 1011, false);
        add(1033, "aclitem", Types.OTHER, "java.lang.String", 1034, false);
        add(22, "int2vector", Types.OTHER, "java.lang.String", 1006, false);
        add(30, "oidvector", Types.OTHER, "java.lang.String", 1013, false);
        add(194, "pg_node_tree", Types.VARCHAR, "java.lang.String", 0, false);
    }

    private static void add(int oid, String name, int sqlType, String javaClass, int arrayOid, boolean binaryOk) {
        Info i = new Info(oid, name, sqlType, javaClass, arrayOid, binaryOk);
        BY_OID.put(oid, i);
        BY_NAME.put(name, i);
        if (arrayOid != 0) {
            Info a = new Info(arrayOid, "_" + name, Types.ARRAY, "java.sql.Array", 0, false);
            BY_OID.put(arrayOid, a);
            BY_NAME.put("_" + name, a);
            ELEMENT_OF.put(arrayOid, oid);
        }
    }

    private PgTypeInfo() {
    }

    static Info of(int oid) {
        return BY_OID.get(oid);
    }

    static String name(int oid) {
        Info i = BY_OID.get(oid);
        return i == null ? "unknown" : i.name();
    }

    static int sqlType(int oid) {
        Info i = BY_OID.get(oid);
        return i == null ? Types.OTHER : i.sqlType();
    }

    static String javaClass(int oid) {
        Info i = BY_OID.get(oid);
        return i == null ? "java.lang.String" : i.javaClass();
    }

    /** Whether results of this type are asked for in binary (decoding is exact and cheaper than text). */
    static boolean binaryResult(int oid) {
        Info i = BY_OID.get(oid);
        return i != null && i.binaryOk();
    }

    static boolean isArray(int oid) {
        return ELEMENT_OF.containsKey(oid);
    }

    static int elementOf(int arrayOid) {
        return ELEMENT_OF.getOrDefault(arrayOid, 0);
    }

    /** The OID of a type by its SQL or internal name (for createArrayOf and setObject with a type name). */
    static int oidOf(String typeName) {
        String n = typeName.toLowerCase(java.util.Locale.ROOT);
        switch (n) {
            case "integer": case "int": n = "int4"; break;
            case "bigint": n = "int8"; break;
            case "smallint": n = "int2"; break;
            case "boolean": n = "bool"; break;
            case "real": n = "float4"; break;
            case "double precision": case "double": case "float": n = "float8"; break;
            case "character varying": n = "varchar"; break;
            case "character": n = "bpchar"; break;
            case "decimal": n = "numeric"; break;
            case "timestamp with time zone": n = "timestamptz"; break;
            default: break;
        }
        Info i = BY_NAME.get(n);
        return i == null ? 0 : i.oid();
    }

    static int displaySize(int oid, int typmod) {
        switch (oid) {
            case PgTypes.INT2: return 6;
            case PgTypes.INT4: return 11;
            case PgTypes.INT8: return 20;
            case PgTypes.FLOAT4: return 15;
            case PgTypes.FLOAT8: return 25;
            case PgTypes.BOOL: return 1;
            case PgTypes.DATE: return 13;
            case PgTypes.TIME: return 15;
            case PgTypes.TIMESTAMP: return 29;
            case PgTypes.TIMESTAMPTZ: return 35;
            case PgTypes.UUID: return 36;
            case PgTypes.VARCHAR: case PgTypes.BPCHAR: return typmod > 4 ? typmod - 4 : Integer.MAX_VALUE;
            case PgTypes.NUMERIC: return typmod > 4 ? ((typmod - 4) >> 16) + 2 : 131089;
            default: return Integer.MAX_VALUE;
        }
    }

    static int precision(int oid, int typmod) {
        switch (oid) {
            case PgTypes.INT2: return 5;
            case PgTypes.INT4: return 10;
            case PgTypes.INT8: return 19;
            case PgTypes.FLOAT4: return 8;
            case PgTypes.FLOAT8: return 17;
            case PgTypes.BOOL: return 1;
            case PgTypes.DATE: return 13;
            case PgTypes.TIMESTAMP: return 29;
            case PgTypes.TIMESTAMPTZ: return 35;
            case PgTypes.VARCHAR: case PgTypes.BPCHAR: return typmod > 4 ? typmod - 4 : Integer.MAX_VALUE;
            case PgTypes.NUMERIC: return typmod > 4 ? (typmod - 4) >> 16 : 0;
            default: return 0;
        }
    }

    static int scale(int oid, int typmod) {
        if (oid == PgTypes.NUMERIC) {
            return typmod > 4 ? (typmod - 4) & 0xffff : 0;
        }
        if (oid == PgTypes.TIMESTAMP || oid == PgTypes.TIMESTAMPTZ || oid == PgTypes.TIME) {
            return typmod >= 0 ? typmod : 6;
        }
        if (oid == PgTypes.FLOAT4) {
            return 8;
        }
        if (oid == PgTypes.FLOAT8) {
            return 17;
        }
        return 0;
    }
}
