package dev.tusk.server.backend;

import dev.tusk.protocol.FrontendMessage;
import dev.tusk.protocol.ProtocolException;
import dev.tusk.protocol.SqlState;
import dev.tusk.protocol.message.async.ErrorResponse;
import dev.tusk.protocol.message.extended.Bind;
import dev.tusk.protocol.message.extended.Close;
import dev.tusk.protocol.message.extended.Describe;
import dev.tusk.protocol.message.extended.Execute;
import dev.tusk.protocol.message.extended.Flush;
import dev.tusk.protocol.message.extended.Parse;
import dev.tusk.protocol.message.extended.Sync;
import dev.tusk.protocol.message.simple.Query;
import dev.tusk.protocol.message.simple.ReadyForQuery;
import dev.tusk.server.error.PgException;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A backend's message loop (cf. PostgresMain in tcop/postgres.c). Each turn:
 * <ol>
 *   <li>if the last command finished (a Query, or a Sync), send ReadyForQuery with the transaction
 *       status and flush; otherwise output waits for Sync or Flush, so pipelined messages are
 *       answered in one write;</li>
 *   <li>read one message (type and length checked before the body, in PgConnectionIO);</li>
 *   <li>honour a termination request from the postmaster;</li>
 *   <li>after an error in the extended protocol, skip everything until Sync;</li>
 *   <li>dispatch on the message type; errors go to the one error funnel below.</li>
 * </ol>
 */
final class PostgresMain {
    private static final Logger LOG = Logger.getLogger("tusk.backend");

    private final Backend backend;
    private final SimpleQuery simpleQuery;
    private final ExtendedQuery extendedQuery;
    private boolean sendReady = true;
    private boolean ignoreTillSync;

    PostgresMain(Backend backend) {
        this.backend = backend;
        this.simpleQuery = new SimpleQuery(backend);
        this.extendedQuery = new ExtendedQuery(backend);
    }

    /** Runs until the client terminates or the connection ends; FATAL errors are sent before returning. */
    void run() throws IOException {
        while (true) {
            // 1. ReadyForQuery, and the end of the transaction's portals if it ended
            if (sendReady) {
                if (backend.transaction.state() == TransactionBlock.State.IDLE) {
                    extendedQuery.transactionEnded();
                }
                backend.notifications.drainInto(backend.io.writer());
                new ReadyForQuery(backend.transaction.status()).encode(backend.io.writer());
                backend.io.flush();
                backend.notifications.idleBegin();
                sendReady = false;
            }

            // 2. read a message
            FrontendMessage type;
            try {
                type = backend.io.readFrontend();
            } catch (ProtocolException e) {
                fatal(PgException.fatal(e.sqlState(), e.getMessage()));
                return;
            } finally {
                backend.notifications.idleEnd();
            }

            // 3. interrupts: termination requested by the postmaster
            String terminate = backend.terminateMessage();
            if (terminate != null) {
                fatal(PgException.fatal(SqlState.ADMIN_SHUTDOWN, terminate));
                return;
            }
            if (type == null) {
                return; // the client went away
            }

            // 4. skip till Sync after an extended-protocol error
            if (ignoreTillSync && type != FrontendMessage.SYNC) {
                continue;
            }

            // 5. dispatch
            try {
                switch (type) {
                    case QUERY:
                        sendReady = true;
                        extendedQuery.dropUnnamed();
                        simpleQuery.execute(Query.decode(backend.io.body()).sql());
                        break;
                    case PARSE:
                        extendedQuery.parse(Parse.decode(backend.io.body()));
                        break;
                    case BIND:
                        extendedQuery.bind(Bind.decode(backend.io.body()));
                        break;
                    case DESCRIBE:
                        extendedQuery.describe(Describe.decode(backend.io.body()));
                        break;
                    case EXECUTE:
                        extendedQuery.execute(Execute.decode(backend.io.body()));
                        break;
                    case CLOSE:
                        extendedQuery.close(Close.decode(backend.io.body()));
                        break;
                    case SYNC:
                        Sync.decode(backend.io.body());
                        ignoreTillSync = false;
                        sendReady = true;
                        backend.transaction.endOfQuery();
                        break;
                    case FLUSH:
                        Flush.decode(backend.io.body());
                        backend.io.flush();
                        break;
                    case TERMINATE:
                        return;
                    case FUNCTION_CALL:
                        throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "fast-path function calls are not supported");
                    case COPY_DATA:
                    case COPY_DONE:
                    case COPY_FAIL:
                        break; // as PostgreSQL: copy messages outside COPY are ignored
                    case AUTH_RESPONSE:
                    default:
                        fatal(PgException.fatal(SqlState.PROTOCOL_VIOLATION, "invalid frontend message type " + (char) type.type()));
                        return;
                }
            } catch (ProtocolException e) {
                fatal(PgException.fatal(e.sqlState(), e.getMessage()));
                return;
            } catch (PgException e) {
                if (e.isFatal()) {
                    fatal(e);
                    return;
                }
                error(e, type);
            } catch (OutOfMemoryError e) {
                // One allocation larger than the heap has left (a huge repeat(), a giant aggregate the
                // engine builds while planning): it failed before anything was made of it, so the
                // statement fails as PostgreSQL's palloc failure does and the session goes on.
                error(new PgException(SqlState.OUT_OF_MEMORY, "out of memory")
                        .detail("The statement asked for more memory than the server has left."), type);
            } catch (StackOverflowError e) {
                // Deeply nested SQL: PostgreSQL's check_stack_depth() answers this with an ERROR.
                error(new PgException(SqlState.STATEMENT_TOO_COMPLEX, "stack depth limit exceeded")
                        .hint("The statement nests too deeply; simplify it."), type);
            } catch (RuntimeException e) {
                // A bug, not a user error: the session's state can no longer be trusted, so it ends
                // here (as a crashed PostgreSQL backend would), and nothing else is touched.
                LOG.log(Level.SEVERE, "backend " + backend.processId + " failed", e);
                fatal(new PgException("FATAL", SqlState.INTERNAL_ERROR, "internal error: " + e, e));
                return;
            }
        }
    }

    /** The error funnel: report, abort the transaction, and skip to Sync for extended-protocol messages. */
    private void error(PgException e, FrontendMessage type) {
        backend.io.writer().discardOpenMessage();
        new ErrorResponse(e.fields()).encode(backend.io.writer());
        try {
            backend.transaction.onError();
        } catch (RuntimeException rollbackFailure) {
            LOG.log(Level.WARNING, "rollback after error failed in backend " + backend.processId, rollbackFailure);
        }
        if (type != FrontendMessage.QUERY) {
            ignoreTillSync = true;
        } else {
            sendReady = true;
        }
    }

    private void fatal(PgException e) throws IOException {
        backend.io.writer().discardOpenMessage();
        new ErrorResponse(e.fields()).encode(backend.io.writer());
        backend.io.flush();
    }
}
