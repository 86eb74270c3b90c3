package dev.tusk.server.engine.h2;

import dev.tusk.server.engine.RowReceiver;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;

/** The current row of an H2 result set as text values, formatted on demand by column type. */
final class H2Row implements RowReceiver.RowSource {
    private final ResultSet rs;
    private final int[] oids;
    private final ZoneId zone;

    /** Carries an SQLException out through the receiver, which cannot declare it. */
    static final class ValueException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ValueException(SQLException cause) {
            super(cause);
        }

        @Override
        public synchronized SQLException getCause() {
            return (SQLException) super.getCause();
        }
    }

    H2Row(ResultSet rs, int[] oids, ZoneId zone) {
        this.rs = rs;
        this.oids = oids;
        this.zone = zone;
    }

    @Override
    public byte[] binary(int column) {
        try {
            return BinaryFormat.format(rs, column + 1, oids[column]);
        } catch (SQLException e) {
            throw new ValueException(e);
        }
    }

    @Override
    public byte[] text(int column) {
        try {
            return TextFormat.format(rs, column + 1, oids[column], zone);
        } catch (SQLException e) {
            throw new ValueException(e);
        }
    }
}
