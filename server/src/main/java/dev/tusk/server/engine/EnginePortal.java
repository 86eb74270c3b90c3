package dev.tusk.server.engine;

import java.io.IOException;
import java.util.List;

/**
 * A bound statement ready to run, that may be run a piece at a time (cf. PortalRun): each
 * {@link #execute} sends at most maxRows rows and says whether rows remain. Owned by one backend
 * thread; lives until closed or its transaction ends.
 */
public interface EnginePortal extends AutoCloseable {
    /** The result columns, or null if the statement returns no rows. */
    List<ColumnDescription> columns();

    /**
     * Runs the statement, or resumes it, sending rows (not the columns) and, once done, the command tag.
     *
     * @param maxRows at most this many rows now; 0 for all
     * @return true if the row limit stopped it with rows remaining (PortalSuspended)
     */
    boolean execute(RowReceiver receiver, int maxRows) throws IOException;

    @Override
    void close();
}
