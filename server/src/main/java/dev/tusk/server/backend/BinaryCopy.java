package dev.tusk.server.backend;

import dev.tusk.protocol.SqlState;
import dev.tusk.protocol.types.PgBinary;
import dev.tusk.server.error.PgException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * COPY's binary format (cf. the "Binary Format" section of the COPY documentation): a signature and
 * header, then per row a field count and each field as length + binary value (-1 for NULL), then
 * a -1 trailer. The decoder takes the stream in chunks as CopyData delivers it.
 */
final class BinaryCopy {
    static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};

    private BinaryCopy() {
    }

    /** The header: signature, flags 0, no header extension. */
    static byte[] header() {
        return ByteBuffer.allocate(19).put(SIGNATURE).putInt(0).putInt(0).array();
    }

    static byte[] trailer() {
        return new byte[] {(byte) 0xff, (byte) 0xff};
    }

    static byte[] row(byte[][] values) {
        int size = 2;
        for (byte[] v : values) {
            size += 4 + (v == null ? 0 : v.length);
        }
        ByteBuffer b = ByteBuffer.allocate(size).putShort((short) values.length);
        for (byte[] v : values) {
            if (v == null) {
                b.putInt(-1);
            } else {
                b.putInt(v.length).put(v);
            }
        }
        return b.array();
    }

    /** Decodes rows from the binary stream as it arrives; values decoded by each column's type. */
    static final class Decoder {
        private final int[] types;
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
        private boolean headerRead;
        private boolean ended;

        Decoder(int[] columnTypes) {
            this.types = columnTypes;
        }

        /** The complete rows in the data received so far. */
        List<Object[]> add(byte[] chunk) {
            pending.write(chunk, 0, chunk.length);
            byte[] all = pending.toByteArray();
            ByteBuffer b = ByteBuffer.wrap(all);
            List<Object[]> rows = new ArrayList<>();
            if (!headerRead) {
                if (b.remaining() < 19) {
                    return rows;
                }
                byte[] sig = new byte[11];
                b.get(sig);
                if (!Arrays.equals(sig, SIGNATURE)) {
                    throw new PgException(SqlState.BAD_COPY_FILE_FORMAT, "COPY file signature not recognized");
                }
                b.getInt(); // flags
                int extension = b.getInt();
                if (extension < 0 || b.remaining() < extension) {
                    return rows; // wait for the rest of the header (a rare, tiny case)
                }
                b.position(b.position() + extension);
                headerRead = true;
            }
            while (!ended) {
                int mark = b.position();
                Object[] row = readRow(b);
                if (row == null) {
                    b.position(mark);
                    break;
                }
                if (row.length == 0) {
                    ended = true;
                    break;
                }
                rows.add(row);
            }
            pending.reset();
            pending.write(all, b.position(), all.length - b.position());
            return rows;
        }

        boolean ended() {
            return ended;
        }

        /** A row, an empty array at the trailer, or null if the row is not complete yet. */
        private Object[] readRow(ByteBuffer b) {
            if (b.remaining() < 2) {
                return null;
            }
            short count = b.getShort();
            if (count == -1) {
                return new Object[0];
            }
            if (count != types.length) {
                throw new PgException(SqlState.BAD_COPY_FILE_FORMAT, "row field count is " + count + ", expected " + types.length);
            }
            Object[] row = new Object[count];
            for (int i = 0; i < count; i++) {
                if (b.remaining() < 4) {
                    return null;
                }
                int len = b.getInt();
                if (len == -1) {
                    continue;
                }
                if (len < 0) {
                    throw new PgException(SqlState.BAD_COPY_FILE_FORMAT, "invalid field size");
                }
                if (b.remaining() < len) {
                    return null;
                }
                byte[] v = new byte[len];
                b.get(v);
                row[i] = PgBinary.isArray(types[i]) ? PgBinary.decodeArray(v) : PgBinary.decode(types[i], v);
            }
            return row;
        }
    }
}
