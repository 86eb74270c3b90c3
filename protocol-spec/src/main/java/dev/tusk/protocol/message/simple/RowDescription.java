package dev.tusk.protocol.message.simple;

import dev.tusk.protocol.BackendMessage;
import dev.tusk.protocol.PgReader;
import dev.tusk.protocol.PgWriter;
import dev.tusk.protocol.message.PgMessage;
import java.util.List;

/** RowDescription: name, origin, type and format of each column of the rows that follow. */
public record RowDescription(List<Field> fields) implements PgMessage {
    /** One column. tableOid/columnNumber are 0 when the column is not a plain table column. */
    public record Field(String name, int tableOid, int columnNumber, int typeOid, int typeSize,
                        int typeModifier, int format) {
    }

    public RowDescription {
        fields = List.copyOf(fields);
    }

    public static RowDescription decode(PgReader r) {
        int n = r.count16(19);
        Field[] f = new Field[n];
        for (int i = 0; i < n; i++) {
            f[i] = new Field(r.cstring(), r.int32(), r.int16(), r.int32(), r.int16(), r.int32(), r.int16());
        }
        r.end();
        return new RowDescription(List.of(f));
    }

    @Override
    public void encode(PgWriter w) {
        w.begin(BackendMessage.ROW_DESCRIPTION).int16(fields.size());
        for (Field f : fields) {
            w.cstring(f.name).int32(f.tableOid).int16(f.columnNumber).int32(f.typeOid)
                    .int16(f.typeSize).int32(f.typeModifier).int16(f.format);
        }
        w.end();
    }
}
