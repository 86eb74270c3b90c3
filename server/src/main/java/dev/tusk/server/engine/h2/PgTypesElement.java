package dev.tusk.server.engine.h2;

import dev.tusk.protocol.types.PgTypes;

/** The element type of an array type OID, for formatting array elements. */
final class PgTypesElement {
    private PgTypesElement() {
    }

    static int of(int arrayOid) {
        for (int base : new int[] {PgTypes.BOOL, PgTypes.BYTEA, PgTypes.NAME, PgTypes.INT8, PgTypes.INT2, PgTypes.INT4,
            PgTypes.TEXT, PgTypes.OID, PgTypes.JSON, PgTypes.FLOAT4, PgTypes.FLOAT8, PgTypes.BPCHAR, PgTypes.VARCHAR,
            PgTypes.DATE, PgTypes.TIME, PgTypes.TIMESTAMP, PgTypes.TIMESTAMPTZ, PgTypes.INTERVAL, PgTypes.TIMETZ,
            PgTypes.NUMERIC, PgTypes.UUID, PgTypes.JSONB}) {
            if (PgTypes.arrayOf(base) == arrayOid) {
                return base;
            }
        }
        return PgTypes.TEXT;
    }
}
