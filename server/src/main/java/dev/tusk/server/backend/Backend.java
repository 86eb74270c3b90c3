package dev.tusk.server.backend;

import dev.tusk.protocol.PgConnectionIO;
import dev.tusk.protocol.message.async.ParameterStatus;
import dev.tusk.protocol.SqlState;
import dev.tusk.server.engine.EngineSession;
import dev.tusk.server.error.PgException;
import dev.tusk.server.postmaster.BackendRegistry;
import dev.tusk.server.postmaster.ClientSocket;
import dev.tusk.server.postmaster.Postmaster;

/**
 * One session (cf. a PostgreSQL backend process after startup): its pid and cancel key, user and
 * database, settings, transaction state and engine session. Runs on its own thread; the only calls
 * from other threads are {@link #cancel()} and {@link #terminate(String)} via the postmaster's registry.
 */
final class Backend implements BackendRegistry.Entry {
    /** Sends notices and warnings to the client during a statement. */
    interface Notices {
        void warning(String sqlState, String message);

        void notice(String sqlState, String message);
    }

    final Postmaster postmaster;
    final ClientSocket client;
    final PgConnectionIO io;
    final int processId;
    final byte[] secretKey;
    /** The session user; SET ROLE changes the current user (see currentUser()). */
    final String user;
    final String database;
    private final boolean sessionSuperuser;
    final SessionSettings settings;
    final EngineSession engine;
    final TransactionBlock transaction;
    final Notifications notifications;
    private volatile String terminateMessage;

    Backend(Postmaster postmaster, ClientSocket client, PgConnectionIO io, LockedOutputStream out, int processId,
            byte[] secretKey, String user, String database, boolean superuser, SessionSettings settings,
            EngineSession engine) {
        this.postmaster = postmaster;
        this.client = client;
        this.io = io;
        this.processId = processId;
        this.secretKey = secretKey;
        this.user = user;
        this.database = database;
        this.sessionSuperuser = superuser;
        this.settings = settings;
        this.engine = engine;
        this.notifications = new Notifications(postmaster.notifyRegistry(), database, processId, out);
        this.transaction = new TransactionBlock(engine, notifications, settings);
    }

    @Override
    public int processId() {
        return processId;
    }

    @Override
    public byte[] secretKey() {
        return secretKey;
    }

    @Override
    public String database() {
        return database;
    }

    @Override
    public void cancel() {
        engine.cancel();
    }

    @Override
    public String user() {
        return user;
    }

    /**
     * pg_cancel_backend / pg_terminate_backend (cf. signalfuncs.c pg_signal_backend): a superuser
     * signals anyone; other roles only backends of roles whose privileges they have, or any non-superuser
     * backend as members of pg_signal_backend; never a superuser's.
     */
    boolean signal(int pid, boolean terminate) {
        BackendRegistry.Entry target = postmaster.registry().get(pid);
        if (target == null) {
            return false;
        }
        if (!isSuperuser()) {
            var targetRole = postmaster.roles().get(target.user());
            if (targetRole == null || targetRole.superuser()) {
                throw new PgException(SqlState.INSUFFICIENT_PRIVILEGE, terminate
                        ? "must be a superuser to terminate superuser process" : "must be a superuser to cancel superuser query");
            }
            String me = currentUser();
            if (!postmaster.roles().hasPrivilegesOf(me, target.user()) && !postmaster.roles().hasPrivilegesOf(me, "pg_signal_backend")) {
                throw new PgException(SqlState.INSUFFICIENT_PRIVILEGE, terminate
                        ? "must be a member of the role whose process is being terminated or member of pg_signal_backend"
                        : "must be a member of the role whose query is being canceled or member of pg_signal_backend");
            }
        }
        if (terminate) {
            target.terminate("terminating connection due to administrator command");
        } else {
            target.cancel();
        }
        return true;
    }

    @Override
    public long statementStartNanos() {
        return engine.statementStartNanos();
    }

    @Override
    public void cancelOutOfMemory() {
        engine.cancelOutOfMemory();
    }

    @Override
    public void terminate(String message) {
        terminateMessage = message;
        engine.cancel();
        client.shutdownInput();
    }

    /** The session user: the authenticated one, or whom a superuser chose with SET SESSION AUTHORIZATION. */
    String sessionUser() {
        String s = settings.get("session_authorization");
        return s == null || s.isEmpty() ? user : s;
    }

    /** The current user: the role SET ROLE chose, else the session user. */
    String currentUser() {
        String role = settings.get("role");
        return role.equals("none") ? sessionUser() : role;
    }

    /** Whether the current user is a superuser (SET ROLE to an ordinary role gives up the privilege). */
    boolean isSuperuser() {
        String role = settings.get("role");
        return role.equals("none") ? isSessionSuperuser() : superuser(role);
    }

    private boolean superuser(String role) {
        var r = postmaster.roles().get(role);
        return r != null && r.superuser();
    }

    /** Whether the session user (not the current role) is a superuser: what SET ROLE checks. */
    boolean isSessionSuperuser() {
        String s = sessionUser();
        return s.equals(user) ? sessionSuperuser : superuser(s);
    }

    /** Whether the authenticated user is a superuser: what SET SESSION AUTHORIZATION checks (cf. check_session_authorization). */
    boolean isAuthenticatedSuperuser() {
        return sessionSuperuser;
    }

    /** The FATAL message to end with if the postmaster asked this backend to terminate, else null. */
    String terminateMessage() {
        return terminateMessage;
    }

    /** Applies a setting's change: tells the engine, and reports it if it is a GUC_REPORT setting. */
    void settingChanged(String name, String value) {
        settingChanged(name, value, true);
    }

    /** Applies a setting's change; reports it (ParameterStatus) only if report and it is a GUC_REPORT setting. */
    void settingChanged(String name, String value, boolean report) {
        switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "timezone": engine.applySetting("timezone", value); break;
            case "search_path": engine.applySetting("search_path", value); break;
            case "statement_timeout": engine.applySetting("statement_timeout", Long.toString(Durations.millis(value))); break;
            default: break;
        }
        if (report && settings.isReported(name)) {
            new ParameterStatus(SessionSettings.canonical(name), value).encode(io.writer());
        }
    }
}
