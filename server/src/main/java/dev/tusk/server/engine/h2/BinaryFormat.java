package dev.tusk.server.engine.h2;

import dev.tusk.protocol.SqlState;
import dev.tusk.protocol.types.PgBinary;
import dev.tusk.protocol.types.PgTypes;
import dev.tusk.server.error.PgException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Engine values in PostgreSQL's binary formats, read from H2 as the Java type each format encodes. */
final class BinaryFormat {
    private BinaryFormat() {
    }

    /** An array element from H2 as the Java type PgBinary encodes for the element type. */
    private static Object elementValue(int oid, Object v) {
        if (v == null) {
            return null;
        }
        switch (oid) {
            case PgTypes.DATE: return v instanceof java.sql.Date d ? d.toLocalDate() : v;
            case PgTypes.TIMESTAMP: return v instanceof java.sql.Timestamp t ? t.toLocalDateTime() : v;
            case PgTypes.TIMESTAMPTZ: return v instanceof OffsetDateTime t ? t.toInstant() : v;
            case PgTypes.JSONB: case PgTypes.JSON:
                return JsonbText.format(v instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : v.toString());
            default: return v;
        }
    }

    static byte[] format(ResultSet rs, int col, int oid) throws SQLException {
        Object v;
        switch (oid) {
            case PgTypes.BOOL: v = rs.getBoolean(col); break;
            case PgTypes.INT2: v = rs.getShort(col); break;
            case PgTypes.INT4: v = rs.getInt(col); break;
            case PgTypes.OID: {
                long value = rs.getLong(col); // held as bigint: an oid may be above 2^31
                v = rs.wasNull() ? null : (int) value;
                break;
            }
            case PgTypes.INT8: v = rs.getLong(col); break;
            case PgTypes.FLOAT4: v = rs.getFloat(col); break;
            case PgTypes.FLOAT8: v = rs.getDouble(col); break;
            case PgTypes.NUMERIC: v = TextFormat.numeric(rs, col); break;
            case PgTypes.DATE: v = rs.getObject(col, LocalDate.class); break;
            case PgTypes.TIME: v = rs.getObject(col, LocalTime.class); break;
            case PgTypes.TIMETZ: v = rs.getObject(col, java.time.OffsetTime.class); break;
            case PgTypes.TIMESTAMP: v = rs.getObject(col, LocalDateTime.class); break;
            case PgTypes.TIMESTAMPTZ: {
                OffsetDateTime t = rs.getObject(col, OffsetDateTime.class);
                v = t == null ? null : t.toInstant();
                break;
            }
            case PgTypes.UUID: v = rs.getObject(col, UUID.class); break;
            case PgTypes.BYTEA: v = rs.getBytes(col); break;
            case PgTypes.JSON: {
                // text as written (a json constant is kept as text), or H2's JSON formatted
                Object json = rs.getObject(col);
                v = json == null ? null : json instanceof byte[] b ? JsonbText.format(new String(b, StandardCharsets.UTF_8)) : json.toString();
                break;
            }
            case PgTypes.JSONB: {
                byte[] json = rs.getBytes(col);
                v = json == null ? null : JsonbText.format(new String(json, StandardCharsets.UTF_8));
                break;
            }
            case PgTypes.TEXT: case PgTypes.VARCHAR: case PgTypes.BPCHAR: case PgTypes.NAME: v = rs.getString(col); break;
            case PgTypes.INTERVAL: {
                org.h2.api.Interval i = rs.getObject(col, org.h2.api.Interval.class);
                v = i == null ? null : IntervalFormat.toPg(i);
                break;
            }
            case PgTypes.INT2VECTOR: case PgTypes.OIDVECTOR: {
                java.sql.Array a = rs.getArray(col);
                if (a == null) {
                    return null;
                }
                byte[] out = PgBinary.encodeArray(oid == PgTypes.INT2VECTOR ? PgTypes.INT2 : PgTypes.OID, (Object[]) a.getArray());
                if (out.length > 20) {
                    java.nio.ByteBuffer.wrap(out).putInt(16, 0); // a vector's subscripts start at 0
                }
                return out;
            }
            default:
                if (dev.tusk.server.catalog.PgOids.isUserObject(oid)) {
                    // a column of an enum type: its binary form (enum_send) is the label's text
                    String label = rs.getString(col);
                    return label == null ? null : label.getBytes(StandardCharsets.UTF_8);
                }
                int element = PgTypesElement.of(oid);
                if (PgTypes.arrayOf(element) == oid) {
                    java.sql.Array a = rs.getArray(col);
                    if (a == null) {
                        return null;
                    }
                    Object[] values = (Object[]) a.getArray();
                    for (int i = 0; i < values.length; i++) {
                        values[i] = elementValue(element, values[i]);
                    }
                    byte[] out = PgBinary.encodeArray(element, values);
                    if (out != null) {
                        return out;
                    }
                }
                throw new PgException(SqlState.FEATURE_NOT_SUPPORTED,
                        "binary output of type " + oid + " is not supported by Tusk yet");
        }
        if (rs.wasNull() || v == null) {
            return null;
        }
        return PgBinary.encode(oid, v);
    }
}
