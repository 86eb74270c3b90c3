package dev.tusk.server.backend;

import dev.tusk.protocol.PgConnectionIO;
import dev.tusk.protocol.PgReader;
import dev.tusk.protocol.ProtocolException;
import dev.tusk.protocol.SqlState;
import dev.tusk.protocol.message.async.ErrorResponse;
import dev.tusk.protocol.message.async.ParameterStatus;
import dev.tusk.protocol.message.auth.AuthenticationOk;
import dev.tusk.protocol.message.startup.BackendKeyData;
import dev.tusk.protocol.message.startup.CancelRequest;
import dev.tusk.protocol.message.startup.GssEncRequest;
import dev.tusk.protocol.message.startup.NegotiateProtocolVersion;
import dev.tusk.protocol.message.startup.SslRequest;
import dev.tusk.protocol.message.startup.StartupMessage;
import dev.tusk.protocol.message.startup.StartupPacket;
import dev.tusk.server.auth.ClientAuthentication;
import dev.tusk.server.datadir.HbaRule;
import dev.tusk.server.datadir.Roles;
import dev.tusk.server.engine.EngineSession;
import dev.tusk.server.engine.SessionInfo;
import dev.tusk.server.error.PgException;
import dev.tusk.server.postmaster.ClientSocket;
import dev.tusk.server.postmaster.Postmaster;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A new connection from its first byte until the session's message loop starts (cf.
 * backend_startup.c / BackendInitialize and InitPostgres): SSL and GSS encryption requests (both
 * refused until TLS lands), cancel requests, the startup packet and protocol negotiation, client
 * authentication by pg_hba.conf, the connection slot, and the startup reply (AuthenticationOk,
 * ParameterStatus, BackendKeyData). Runs on the backend's own thread.
 */
public final class BackendStartup {
    private static final Logger LOG = Logger.getLogger("tusk.backend");
    /** The newest protocol minor version Tusk speaks (3.2: 256-bit cancel keys). */
    private static final int NEWEST_MINOR = 2;

    private final Postmaster postmaster;
    /** The connection, its streams replaced by TLS's once SSLRequest was accepted. */
    private ClientSocket client;
    private PgConnectionIO io;
    private LockedOutputStream out;
    /** tls-server-end-point of the TLS connection, for SCRAM-SHA-256-PLUS; null without TLS. */
    private byte[] tlsEndPoint;
    /** False for a connection over the postmaster's limit: it only hears "too many clients". */
    private final boolean admitted;
    private java.util.concurrent.ScheduledFuture<?> authenticationTimer;

    public BackendStartup(Postmaster postmaster, ClientSocket client, boolean admitted) {
        this.postmaster = postmaster;
        this.client = client;
        this.admitted = admitted;
        this.out = new LockedOutputStream(client.out());
        this.io = new PgConnectionIO(client.in(), out, postmaster.settings().maxMessageSize());
    }

    public void run() {
        authenticationTimer = postmaster.authenticationTimer(client);
        try {
            StartupMessage startup = readStartup();
            if (startup != null) {
                startSession(startup);
            }
        } catch (ProtocolException e) {
            sendFatal(PgException.fatal(e.sqlState(), e.getMessage()));
        } catch (PgException e) {
            sendFatal(e);
        } catch (IOException e) {
            // the client went away
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "backend failed", e);
            sendFatal(PgException.fatal(SqlState.INTERNAL_ERROR, String.valueOf(e.getMessage())));
        } finally {
            authenticationTimer.cancel(false);
            client.close();
        }
    }

    /** Reads packets until the StartupMessage; null if the connection was only a cancel request or closed. */
    private StartupMessage readStartup() throws IOException {
        while (true) {
            PgReader body;
            try {
                body = io.readStartupPacket();
            } catch (ProtocolException e) {
                // an invalid length (an HTTP request, a port scanner): closed without a reply, as PostgreSQL does
                LOG.fine(e.getMessage());
                return null;
            }
            if (body == null) {
                return null;
            }
            StartupPacket p;
            try {
                p = StartupPacket.decode(body);
            } catch (ProtocolException e) {
                if (SqlState.FEATURE_NOT_SUPPORTED.equals(e.sqlState())) { // a request code of no protocol we speak
                    throw PgException.fatal(SqlState.FEATURE_NOT_SUPPORTED, e.getMessage()
                            + ": server supports 3.0 to 3." + NEWEST_MINOR);
                }
                throw e;
            }
            if (p instanceof SslRequest && postmaster.tls() != null && tlsEndPoint == null && client.isTcp()) {
                startTls();
            } else if (p instanceof SslRequest || p instanceof GssEncRequest) {
                io.writer().int8('N');
                io.flush();
            } else if (p instanceof CancelRequest c) {
                postmaster.registry().cancel(c.processId(), c.secretKey());
                return null;
            } else {
                return (StartupMessage) p;
            }
        }
    }

    /**
     * Answers SSLRequest with 'S' and completes the TLS handshake (cf. ProcessSSLStartup): what the
     * client sends from then on is encrypted. Bytes already sent after the request, unencrypted, could
     * be injected by anyone on the path, so they end the connection, as in PostgreSQL.
     */
    private void startTls() throws IOException {
        if (client.in().available() > 0) {
            throw PgException.fatal(SqlState.PROTOCOL_VIOLATION, "received unencrypted data after SSL request")
                    .hint("This could be either a client-software bug or evidence of an attempted man-in-the-middle attack.");
        }
        io.writer().int8('S');
        io.flush();
        client = client.withTls(postmaster.tls());
        out = new LockedOutputStream(client.out());
        io = new PgConnectionIO(client.in(), out, postmaster.settings().maxMessageSize());
        tlsEndPoint = postmaster.tls().tlsServerEndPoint();
    }

    /**
     * The role's password verifier, or null once VALID UNTIL has passed: an expired password then
     * fails as a wrong one would (cf. get_role_password), and the log says why.
     */
    private static String unexpiredVerifier(Roles.Role role) {
        if (role.validUntil() != null && role.validUntil().isBefore(java.time.Instant.now())) {
            LOG.info("User \"" + role.name() + "\" has an expired password.");
            return null;
        }
        return role.passwordVerifier();
    }

    /** CONNECTION LIMIT, counted with this backend registered (cf. InitializeSessionUserId); superusers are exempt. */
    private void checkConnectionLimit(Roles.Role role, int pid) {
        if (role.connectionLimit() < 0 || role.superuser()) {
            return;
        }
        long mine = postmaster.registry().all().stream().filter(e -> e.user().equals(role.name())).count();
        if (mine > role.connectionLimit()) {
            postmaster.registry().deregister(pid);
            throw PgException.fatal(SqlState.TOO_MANY_CONNECTIONS, "too many connections for role \"" + role.name() + "\"");
        }
    }

    /** cf. CheckMyDatabase: a role needs CONNECT on the database (PUBLIC has it until revoked). */
    private void checkConnectPrivilege(Roles.Role role, String database, int pid) {
        if (role.superuser()) {
            return;
        }
        dev.tusk.server.catalog.Acl acl = postmaster.engine().databaseAcl(database);
        if (acl == null) {
            return; // the default: PUBLIC may connect
        }
        Roles roles = postmaster.roles();
        String owner = postmaster.engine().databaseOwner(database);
        String dbOwner = owner != null ? owner : roles.bootstrapSuperuser().name();
        int mask = acl.mask(g -> roles.hasPrivilegesOf(role.name(), g)
                || g.equals("pg_database_owner") && roles.hasPrivilegesOf(role.name(), dbOwner));
        if ((dev.tusk.server.catalog.Acl.privilegesOf(mask) & dev.tusk.server.catalog.Acl.CONNECT) == 0) {
            postmaster.registry().deregister(pid);
            throw PgException.fatal(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied for database \"" + database + "\"")
                    .detail("User does not have CONNECT privilege.");
        }
    }

    private void startSession(StartupMessage startup) throws IOException {
        if (!admitted) {
            throw PgException.fatal(SqlState.TOO_MANY_CONNECTIONS, "sorry, too many clients already");
        }
        if (startup.majorVersion() != 3) {
            throw PgException.fatal(SqlState.FEATURE_NOT_SUPPORTED, "unsupported frontend protocol "
                    + startup.majorVersion() + "." + startup.minorVersion() + ": server supports 3.0 to 3." + NEWEST_MINOR);
        }
        Map<String, String> params = new LinkedHashMap<>();
        List<String> unknownOptions = new ArrayList<>();
        startup.parameters().forEach((k, v) -> {
            if (k.startsWith("_pq_.")) {
                unknownOptions.add(k);
            } else {
                params.put(k, v);
            }
        });
        if (startup.minorVersion() > NEWEST_MINOR || !unknownOptions.isEmpty()) {
            new NegotiateProtocolVersion(Math.min(startup.minorVersion(), NEWEST_MINOR), unknownOptions).encode(io.writer());
        }
        String user = params.get("user");
        if (user == null || user.isEmpty()) {
            throw PgException.fatal(SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
                    "no PostgreSQL user name specified in startup packet");
        }
        String database = params.getOrDefault("database", user);
        if (database.isEmpty()) {
            database = user;
        }
        if (postmaster.shutdownMode() != null) {
            throw PgException.fatal(SqlState.CANNOT_CONNECT_NOW, "the database system is shutting down");
        }
        Roles.Role role = authenticate(user, database, client.address());
        checkReplication(params.get("replication"), role);
        authenticationTimer.cancel(false);
        if (database.equals("template0")) {
            // listed in pg_database as PostgreSQL lists it, never connectable (datallowconn false)
            throw PgException.fatal(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE,
                    "database \"template0\" is not currently accepting connections");
        }
        if (!postmaster.engine().databaseExists(database)) {
            throw PgException.fatal(SqlState.UNDEFINED_DATABASE, "database \"" + database + "\" does not exist");
        }
        int pid = postmaster.registry().nextProcessId();
        byte[] key = postmaster.registry().newSecretKey(startup.minorVersion() >= 2 ? 32 : 4);

        Map<String, String> startupSettings = new LinkedHashMap<>();
        startupSettings.put("timezone", postmaster.settings().timezone());
        startupSettings.put("application_name", params.getOrDefault("application_name", ""));
        startupSettings.put("is_superuser", role.superuser() ? "on" : "off");
        startupSettings.put("session_authorization", user);
        startupSettings.put("max_connections", Integer.toString(postmaster.settings().maxConnections()));
        startupSettings.put("port", Integer.toString(postmaster.port()));
        SessionSettings settings = new SessionSettings(startupSettings);
        java.util.concurrent.atomic.AtomicReference<Backend> self = new java.util.concurrent.atomic.AtomicReference<>();
        EngineSession engine = postmaster.engine().openSession(new SessionInfo(pid, user, () -> self.get().currentUser(),
                () -> self.get().isSuperuser(), database, Versions.versionString(),
                () -> self.get().notifications.channels(),
                new SessionInfo.Settings() {
                    @Override
                    public String set(String name, String value, boolean local) {
                        return ConfigOption.set(self.get(), name, value, local);
                    }

                    @Override
                    public String get(String name) {
                        return self.get().settings.get(name);
                    }
                }, (target, terminate) -> self.get().signal(target, terminate),
                new SessionInfo.RoleChecks() {
                    @Override
                    public boolean exists(String role) {
                        return postmaster.roles().get(role) != null;
                    }

                    @Override
                    public boolean actsAs(String role) {
                        return self.get().isSuperuser() || postmaster.roles().hasPrivilegesOf(self.get().currentUser(), role);
                    }

                    @Override
                    public boolean hasPrivilegesOf(String member, String role) {
                        return superuser(member) || postmaster.roles().hasPrivilegesOf(member, role);
                    }

                    @Override
                    public boolean superuser(String role) {
                        var r = postmaster.roles().get(role);
                        return r != null && r.superuser();
                    }
                }, () -> self.get().sessionUser()));
        Backend backend = new Backend(postmaster, client, io, out, pid, key, user, database, role.superuser(), settings,
                engine);
        self.set(backend);
        try {
            if (!postmaster.registry().register(backend)) {
                throw PgException.fatal(SqlState.TOO_MANY_CONNECTIONS, "sorry, too many clients already");
            }
            checkConnectionLimit(role, pid);
            checkConnectPrivilege(role, database, pid);
            try {
                new AuthenticationOk().encode(io.writer());
                engine.applySetting("timezone", settings.get("TimeZone"));
                engine.applySetting("search_path", settings.get("search_path"));
                applyStartupOptions(backend, params);
                settings.reported().forEach((k, v) -> new ParameterStatus(k, v).encode(io.writer()));
                new BackendKeyData(pid, key).encode(io.writer());
                new PostgresMain(backend).run();
            } finally {
                backend.notifications.close();
                postmaster.registry().deregister(pid);
            }
        } finally {
            engine.close();
        }
    }

    /**
     * The startup packet's settings (cf. postinit.c process_startup_options): {@code options} first,
     * then every other parameter, each set as SET would set it for this role after authentication,
     * with the same checks; a refusal ends the connection (FATAL), as in PostgreSQL.
     */
    private static void applyStartupOptions(Backend backend, Map<String, String> params) {
        String options = params.get("options");
        try {
            if (options != null) {
                for (String[] setting : StartupOptions.parse(options)) {
                    startupSetting(backend, setting[0], setting[1]);
                }
            }
            params.forEach((k, v) -> {
                switch (k) {
                    case "user": case "database": case "replication": case "options":
                        return;
                    default:
                        startupSetting(backend, k, v);
                }
            });
        } catch (PgException e) {
            throw e.asFatal();
        }
    }

    private static void startupSetting(Backend backend, String name, String value) {
        if (SessionSettings.canonical(name) == null) {
            throw new PgException(SqlState.UNDEFINED_OBJECT, "unrecognized configuration parameter \"" + name + "\"");
        }
        if (name.equalsIgnoreCase("session_authorization")) {
            if (value.equals(backend.user)) {
                return;
            }
            if (!backend.isAuthenticatedSuperuser()) {
                throw new PgException(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied to set session authorization \"" + value + "\"");
            }
        }
        ConfigOption.set(backend, name, value, false, true);
    }

    /**
     * A walsender connection (replication=true/database) needs a superuser or a replication role
     * (cf. postinit.c InitPostgres); Tusk has no replication protocol to speak even then.
     */
    private static void checkReplication(String replication, Roles.Role role) {
        if (replication == null) {
            return;
        }
        String v = replication.toLowerCase(java.util.Locale.ROOT);
        Boolean walsender = v.equals("database") ? Boolean.TRUE : ConfigOption.parseBool(v);
        if (walsender == null) {
            throw PgException.fatal(SqlState.INVALID_PARAMETER_VALUE, "invalid value for parameter \"replication\": \""
                    + replication + "\"").hint("Valid values are: \"false\", 0, \"true\", 1, \"database\".");
        }
        if (!walsender) {
            return;
        }
        if (!role.superuser() && !role.replication()) {
            throw PgException.fatal(SqlState.INSUFFICIENT_PRIVILEGE, "must be superuser or replication role to start walsender");
        }
        throw PgException.fatal(SqlState.FEATURE_NOT_SUPPORTED, "replication connections are not supported by Tusk");
    }

    /**
     * pg_hba.conf: the first matching rule decides the method. With trust a missing role is said to
     * be missing; with a password method the exchange runs first and any failure reads the same.
     */
    private Roles.Role authenticate(String user, String database, InetAddress address) throws IOException {
        boolean ssl = tlsEndPoint != null;
        HbaRule rule = postmaster.hba().match(database, user, address, ssl);
        String host = address == null ? "[local]" : address.getHostAddress();
        String encryption = ssl ? "SSL encryption" : "no encryption";
        if (rule == null) {
            throw PgException.fatal(SqlState.INVALID_AUTHORIZATION_SPECIFICATION, "no pg_hba.conf entry for host \""
                    + host + "\", user \"" + user + "\", database \"" + database + "\", " + encryption);
        }
        Roles.Role role = postmaster.roles().get(user);
        switch (rule.method()) {
            case "trust":
                break;
            case "reject":
                throw PgException.fatal(SqlState.INVALID_AUTHORIZATION_SPECIFICATION, "pg_hba.conf rejects connection for host \""
                        + host + "\", user \"" + user + "\", database \"" + database + "\", " + encryption);
            default:
                if (!ClientAuthentication.isPasswordMethod(rule.method())) {
                    throw PgException.fatal(SqlState.INVALID_AUTHORIZATION_SPECIFICATION, "authentication method \""
                            + rule.method() + "\" (pg_hba.conf line " + rule.line() + ") is not supported by Tusk yet");
                }
                ClientAuthentication.authenticate(io, rule.method(), user, role == null ? null : unexpiredVerifier(role),
                        tlsEndPoint);
        }
        if (role == null) {
            throw PgException.fatal(SqlState.INVALID_AUTHORIZATION_SPECIFICATION, "role \"" + user + "\" does not exist");
        }
        if (!role.login()) {
            throw PgException.fatal(SqlState.INVALID_AUTHORIZATION_SPECIFICATION, "role \"" + user + "\" is not permitted to log in");
        }
        return role;
    }

    private void sendFatal(PgException e) {
        try {
            io.writer().discardOpenMessage();
            new ErrorResponse(e.fields()).encode(io.writer());
            io.flush();
        } catch (IOException ignored) {
            // the client is gone; nothing to tell
        }
    }
}
