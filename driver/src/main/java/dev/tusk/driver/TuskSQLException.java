package dev.tusk.driver;

import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientConnectionException;

/**
 * Turns a server error into the standard SQLException subclass its SQLSTATE class calls for (so
 * frameworks that branch on the type, like Spring's translators, see 23505 as an integrity
 * violation), each carrying the whole {@link ServerErrorMessage}.
 */
public final class TuskSQLException {
    /** Implemented by every exception this driver raises for a server error. */
    public interface ServerError {
        ServerErrorMessage serverErrorMessage();
    }

    private TuskSQLException() {
    }

    public static SQLException of(ServerErrorMessage m) {
        String text = m.toString();
        String state = m.sqlState() == null ? "XX000" : m.sqlState();
        String cls = state.length() >= 2 ? state.substring(0, 2) : state;
        if (state.equals("57014")) {
            return new Timeout(text, state, m);
        }
        switch (cls) {
            case "23": return new IntegrityViolation(text, state, m);
            case "22": return new Data(text, state, m);
            case "42": return new Syntax(text, state, m);
            case "40": return new Rollback(text, state, m);
            case "28": return new Authorization(text, state, m);
            case "0A": return new FeatureNotSupported(text, state, m);
            case "08": return new TransientConnection(text, state, m);
            case "57":
                // admin shutdown, crash shutdown, cannot connect now: the connection is gone.
                return state.startsWith("57P") ? new NonTransientConnection(text, state, m) : new Generic(text, state, m);
            default: return new Generic(text, state, m);
        }
    }

    static final class Generic extends SQLException implements ServerError {
        private final transient ServerErrorMessage m;

        Generic(String text, String state, ServerErrorMessage m) {
            super(text, state);
            this.m = m;
        }

        @Override
        public ServerErrorMessage serverErrorMessage() {
            return m;
        }
    }

    static final class IntegrityViolation extends SQLIntegrityConstraintViolationException implements ServerError {
        private final transient ServerErrorMessage m;

        IntegrityViolation(String text, String state, ServerErrorMessage m) {
            super(text, state);
            this.m = m;
        }

        @Override
        public ServerErrorMessage serverErrorMessage() {
            return m;
        }
    }

    static final class Data extends SQLDataException implements ServerError {
        private final transient ServerErrorMessage m;

        Data(String text, String state, ServerErrorMessage m) {
            super(text, state);
            this.m = m;
        }

        @Override
        public ServerErrorMessage serverErrorMessage() {
            return m;
        }
    }

    static final class Syntax extends SQLSyntaxErrorException implements ServerError {
        private final transient ServerErrorMessage m;

        Syntax(String text, String state, ServerErrorMessage m) {
            super(text, state);
            this.m = m;
        }

        @Override
        public ServerErrorMessage serverErrorMessage() {
            return m;
        }
    }

    static final class Rollback extends SQLTransactionRollbackException implements ServerError {
        private final transient ServerErrorMessage m;

        Rollback(String text, String state, ServerErrorMessage m) {
            super(text, state);
            this.m = m;
        }

        @Override
        public ServerErrorMessage serverErrorMessage() {
            return m;
        }
    }

    static final class Authorization extends SQLInvalidAuthorizationSpecException implements ServerError {
        private final transient ServerErrorMessage m;

        Authorization(String text, String state, ServerErrorMessage m) {
            super(text, state);
            this.m = m;
        }

        @Override
        public ServerErrorMessage serverErrorMessage() {
            return m;
        }
    }

    static final class FeatureNotSupported extends SQLFeatureNotSupportedException implements ServerError {
        private final transient ServerErrorMessage m;

        FeatureNotSupported(String text, String state, ServerErrorMessage m) {
            super(text, state);
            this.m = m;
        }

        @Override
        public ServerErrorMessage serverErrorMessage() {
            return m;
        }
    }

    static final class Timeout extends SQLTimeoutException implements ServerError {
        private final transient ServerErrorMessage m;

        Timeout(String text, String state, ServerErrorMessage m) {
            super(text, state);
            this.m = m;
        }

        @Override
        public ServerErrorMessage serverErrorMessage() {
            return m;
        }
    }

    static final class TransientConnection extends SQLTransientConnectionException implements ServerError {
        private final transient ServerErrorMessage m;

        TransientConnection(String text, String state, ServerErrorMessage m) {
            super(text, state);
            this.m = m;
        }

        @Override
        public ServerErrorMessage serverErrorMessage() {
            return m;
        }
    }

    static final class NonTransientConnection extends SQLNonTransientConnectionException implements ServerError {
        private final transient ServerErrorMessage m;

        NonTransientConnection(String text, String state, ServerErrorMessage m) {
            super(text, state);
            this.m = m;
        }

        @Override
        public ServerErrorMessage serverErrorMessage() {
            return m;
        }
    }
}
