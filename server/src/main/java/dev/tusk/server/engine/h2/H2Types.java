package dev.tusk.server.engine.h2;

import dev.tusk.protocol.types.PgTypes;
import dev.tusk.server.engine.ColumnDescription;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.Locale;

/** H2 result column types as PostgreSQL types: the OID, size and modifier RowDescription announces, and the text format. */
final class H2Types {
    private H2Types() {
    }

    static ColumnDescription describe(ResultSetMetaData md, int col) throws SQLException {
        return describe(md, col, 0);
    }

    /**
     * cast: the PostgreSQL type the statement casts this column to (SqlBuilder.castType) or its
     * table declares (ColumnTypes), or 0; it names json, name, oid and enum types, which H2 reports
     * as jsonb, varchar, integer and ENUM('a', ...).
     */
    static ColumnDescription describe(ResultSetMetaData md, int col, int cast) throws SQLException {
        String h2 = md.getColumnTypeName(col).toUpperCase(Locale.ROOT);
        int oid = oid(h2, md.getPrecision(col));
        if (cast == PgTypes.JSON && (oid == PgTypes.JSONB || oid == PgTypes.VARCHAR || oid == PgTypes.TEXT) || cast == PgTypes.NAME && (oid == PgTypes.VARCHAR || oid == PgTypes.TEXT)
                || cast == PgTypes.OID && (oid == PgTypes.INT4 || oid == PgTypes.INT8)) {
            return new ColumnDescription(md.getColumnLabel(col), 0, 0, cast, PgTypes.typeSize(cast), -1);
        }
        if ((cast == PgTypes.INT2VECTOR || cast == PgTypes.OIDVECTOR) && h2.endsWith(" ARRAY")) {
            return new ColumnDescription(md.getColumnLabel(col), 0, 0, cast, -1, -1);
        }
        if (h2.startsWith("ENUM") && dev.tusk.server.catalog.PgOids.isUserObject(cast)) {
            return new ColumnDescription(md.getColumnLabel(col), 0, 0, cast, 4, -1); // a column of an enum type
        }
        int modifier = -1;
        if (oid == PgTypes.VARCHAR || oid == PgTypes.BPCHAR) {
            modifier = md.getPrecision(col) + 4;
        } else if (oid == PgTypes.NUMERIC && h2.equals("NUMERIC")) {
            modifier = ((md.getPrecision(col) << 16) | md.getScale(col)) + 4;
        }
        return new ColumnDescription(md.getColumnLabel(col), 0, 0, oid, PgTypes.typeSize(oid), modifier);
    }

    static int oid(String h2Type, int precision) {
        if (h2Type.endsWith(" ARRAY")) {
            return PgTypes.arrayOf(oid(h2Type.substring(0, h2Type.length() - 6), 0));
        }
        if (h2Type.startsWith("INTERVAL")) {
            return PgTypes.INTERVAL;
        }
        switch (h2Type) {
            case "BOOLEAN": return PgTypes.BOOL;
            case "TINYINT": case "SMALLINT": return PgTypes.INT2;
            case "INTEGER": return PgTypes.INT4;
            case "BIGINT": return PgTypes.INT8;
            case "REAL": return PgTypes.FLOAT4;
            case "DOUBLE PRECISION": return PgTypes.FLOAT8;
            case "NUMERIC": case "DECFLOAT": return PgTypes.NUMERIC;
            // Unbounded varchar is how Tusk stores PostgreSQL's text; a bounded one is varchar(n).
            case "CHARACTER VARYING": return precision >= 1_000_000_000 ? PgTypes.TEXT : PgTypes.VARCHAR;
            case "VARCHAR_IGNORECASE": case "CHARACTER LARGE OBJECT": case "ENUM": case "NULL": return PgTypes.TEXT;
            case "CHARACTER": return PgTypes.BPCHAR;
            case "BINARY": case "BINARY VARYING": case "BINARY LARGE OBJECT": return PgTypes.BYTEA;
            case "DATE": return PgTypes.DATE;
            case "TIME": return PgTypes.TIME;
            case "TIME WITH TIME ZONE": return PgTypes.TIMETZ;
            case "TIMESTAMP": return PgTypes.TIMESTAMP;
            case "TIMESTAMP WITH TIME ZONE": return PgTypes.TIMESTAMPTZ;
            case "JSON": return PgTypes.JSONB;
            case "UUID": return PgTypes.UUID;
            default: return PgTypes.TEXT;
        }
    }
}
