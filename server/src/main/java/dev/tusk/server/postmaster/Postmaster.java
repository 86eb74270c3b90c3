package dev.tusk.server.postmaster;

import dev.tusk.server.backend.BackendStartup;
import dev.tusk.server.datadir.DataDirectory;
import dev.tusk.server.datadir.HbaFile;
import dev.tusk.server.datadir.PidFile;
import dev.tusk.server.datadir.Roles;
import dev.tusk.server.engine.Engine;
import dev.tusk.server.engine.h2.H2Engine;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The postmaster (cf. postmaster/postmaster.c): owns the installation while it runs — the lock file,
 * the listen sockets (TCP and Unix-domain), the engine, the backend registry — and does nothing but
 * accept connections and start a backend thread for each. Everything after the accept happens in
 * the backend ({@link BackendStartup}), so a slow or broken client never holds up the postmaster.
 * Shutdown requests (signals or {@link #shutdown}) are honoured from any thread.
 */
public final class Postmaster implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger("tusk.postmaster");

    private final DataDirectory dataDir;
    private final ServerSettings settings;
    private final ServerTls tls;
    private final Engine engine;
    private final BackendRegistry registry;
    private final MemoryGuard memoryGuard;
    private final NotifyRegistry notifyRegistry = new NotifyRegistry();
    private final Roles roles;
    private final HbaFile hba;
    private final PidFile pidFile;
    private final List<ServerSocket> tcp = new ArrayList<>();
    private final List<ServerSocketChannel> unix = new ArrayList<>();
    private final List<Path> socketFiles = new ArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile ShutdownMode shutdown;
    private int boundPort;

    private Postmaster(DataDirectory dataDir, ServerSettings settings) throws IOException {
        this.dataDir = dataDir;
        this.settings = settings;
        this.roles = Roles.read(dataDir.path());
        this.hba = HbaFile.read(dataDir.hba());
        this.registry = new BackendRegistry(settings.maxConnections());
        this.memoryGuard = MemoryGuard.start(registry);
        this.pidFile = new PidFile(dataDir.pidFile());
        this.engine = new H2Engine(dataDir.path(), settings.fsync(), this::catalogRoles);
        this.tls = settings.ssl() ? ServerTls.load(dataDir.path().resolve(settings.sslCertFile()),
                dataDir.path().resolve(settings.sslKeyFile())) : null;
    }

    /** TLS as ssl = on configures it, or null (SSLRequest is then answered 'N'). */
    public ServerTls tls() {
        return tls;
    }

    /** Starts a postmaster on an initialized data directory; port overrides the configured one when not null. */
    public static Postmaster start(Path dir, Integer port) throws IOException {
        DataDirectory dataDir = new DataDirectory(dir);
        dataDir.checkUsable();
        ServerSettings settings = ServerSettings.from(dataDir.readConfig());
        if (port != null) {
            settings = settings.withPort(port);
        }
        // The lock comes first, as in PostgreSQL: nothing of the installation is touched without it.
        PidFile lock = new PidFile(dataDir.pidFile());
        lock.create(dataDir.path(), settings.port(),
                settings.socketDirectories().isEmpty() ? "" : settings.socketDirectories().get(0),
                settings.listenAddresses().isEmpty() ? "" : settings.listenAddresses().get(0));
        Postmaster pm;
        try {
            pm = new Postmaster(dataDir, settings);
        } catch (IOException | RuntimeException e) {
            lock.delete();
            throw e;
        }
        try {
            pm.listen();
            if (pm.boundPort != settings.port()) {
                lock.updatePort(pm.boundPort);
            }
        } catch (IOException | RuntimeException e) {
            pm.closeListeners();
            pm.engine.close();
            lock.delete();
            throw e;
        }
        LOG.info("database system is ready to accept connections on port " + pm.boundPort);
        return pm;
    }

    private void listen() throws IOException {
        int port = settings.port();
        for (String addr : settings.listenAddresses()) {
            List<InetAddress> addresses = new ArrayList<>();
            if (addr.equals("*")) {
                addresses.add(null);
            } else {
                for (InetAddress a : InetAddress.getAllByName(addr)) {
                    addresses.add(a);
                }
            }
            for (InetAddress a : addresses) {
                ServerSocket ss = new ServerSocket();
                ss.setReuseAddress(true);
                ss.bind(new InetSocketAddress(a, port), 128);
                port = ss.getLocalPort(); // port 0: the first bind chooses, the rest follow
                tcp.add(ss);
                acceptLoop("tcp " + ss.getLocalSocketAddress(), () -> ClientSocket.of(accept(ss)));
            }
        }
        if (tcp.isEmpty() && port == 0) {
            throw new IOException("port 0 needs at least one TCP listen address to choose a port");
        }
        boundPort = port;
        for (String dir : settings.socketDirectories()) {
            Path file = Path.of(dir).resolve(".s.PGSQL." + port);
            Files.deleteIfExists(file); // ours: the lock file proved no other postmaster owns this directory's port
            ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            ch.bind(UnixDomainSocketAddress.of(file), 128);
            file.toFile().setWritable(true, false);
            unix.add(ch);
            socketFiles.add(file);
            acceptLoop("unix " + file, () -> ClientSocket.of(acceptUnix(ch)));
        }
        if (tcp.isEmpty() && unix.isEmpty()) {
            throw new IOException("no socket created for listening: set listen_addresses or unix_socket_directories");
        }
    }

    private interface Acceptor {
        ClientSocket accept() throws IOException;
    }

    private static Socket accept(ServerSocket ss) throws IOException {
        return ss.accept();
    }

    private static SocketChannel acceptUnix(ServerSocketChannel ch) throws IOException {
        return ch.accept();
    }

    private void acceptLoop(String name, Acceptor acceptor) {
        Thread.ofPlatform().name("postmaster " + name).daemon(true).start(() -> {
            while (shutdown == null) {
                ClientSocket client;
                try {
                    client = acceptor.accept();
                } catch (IOException e) {
                    if (shutdown == null) {
                        LOG.log(Level.WARNING, "accept failed on " + name, e);
                    }
                    continue;
                }
                startBackend(client);
            }
        });
    }

    private void startBackend(ClientSocket client) {
        boolean admitted = registry.admit();
        Runnable backend = () -> {
            try {
                new BackendStartup(this, client, admitted).run();
            } finally {
                if (admitted) {
                    registry.release();
                }
            }
        };
        if (settings.virtualThreads()) {
            Thread.ofVirtual().name("backend").start(backend);
        } else {
            Thread.ofPlatform().name("backend").daemon(true).start(backend);
        }
    }

    /** The roles as the catalogs show them; the bootstrap superuser has PostgreSQL's OID 10. */
    private java.util.List<dev.tusk.server.engine.CatalogRole> catalogRoles() {
        java.util.List<dev.tusk.server.engine.CatalogRole> out = new java.util.ArrayList<>();
        for (Roles.Role r : roles.all()) {
            java.util.List<Integer> memberOf = new java.util.ArrayList<>();
            for (String g : r.memberOf()) {
                memberOf.add(roleOid(g));
            }
            java.util.List<Integer> adminOf = new java.util.ArrayList<>();
            for (String g : r.adminOf()) {
                adminOf.add(roleOid(g));
            }
            out.add(new dev.tusk.server.engine.CatalogRole(roleOid(r.name()), r.name(), r.superuser(), r.login(), memberOf,
                    adminOf, r.createRole(), r.createDb(), r.connectionLimit(), r.validUntil(), r.replication(), r.bypassRls()));
        }
        return out;
    }

    private int roleOid(String name) {
        return name.equals(roles.bootstrapSuperuser().name()) ? dev.tusk.server.catalog.PgOids.BOOTSTRAP_SUPERUSER
                : dev.tusk.server.catalog.PgOids.of('a', "", name);
    }

    public DataDirectory dataDirectory() {
        return dataDir;
    }

    public ServerSettings settings() {
        return settings;
    }

    public Engine engine() {
        return engine;
    }

    /**
     * Closes the connection unless the returned timer is cancelled first: a connection gets
     * authentication_timeout from its accept to the end of its authentication (cf. postmaster.c
     * StartupPacketTimeoutHandler and the authentication timeout of PerformAuthentication).
     */
    public java.util.concurrent.ScheduledFuture<?> authenticationTimer(ClientSocket client) {
        return TIMERS.schedule(client::close, settings.authenticationTimeoutMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** One daemon thread for the timers of every postmaster in this JVM; a cancelled timer leaves the queue. */
    private static final java.util.concurrent.ScheduledThreadPoolExecutor TIMERS = timers();

    private static java.util.concurrent.ScheduledThreadPoolExecutor timers() {
        var t = new java.util.concurrent.ScheduledThreadPoolExecutor(1,
                r -> Thread.ofPlatform().name("postmaster timers").daemon(true).unstarted(r));
        t.setRemoveOnCancelPolicy(true);
        return t;
    }

    public BackendRegistry registry() {
        return registry;
    }

    public NotifyRegistry notifyRegistry() {
        return notifyRegistry;
    }

    public Roles roles() {
        return roles;
    }

    public HbaFile hba() {
        return hba;
    }

    /** The TCP port actually bound (differs from the setting when that was 0). */
    public int port() {
        return boundPort;
    }

    /** Null while running; the mode once a shutdown was requested (backends check it at startup). */
    public ShutdownMode shutdownMode() {
        return shutdown;
    }

    /** Requests a shutdown; returns at once, {@link #awaitStopped()} waits for it. Idempotent. */
    public synchronized void shutdown(ShutdownMode mode) {
        if (shutdown != null && shutdown.ordinal() >= mode.ordinal()) {
            return;
        }
        boolean first = shutdown == null;
        shutdown = mode;
        LOG.info("received " + mode.name().toLowerCase() + " shutdown request");
        closeListeners();
        if (mode != ShutdownMode.SMART) {
            for (BackendRegistry.Entry e : registry.all()) {
                e.terminate("terminating connection due to administrator command");
            }
        }
        if (first) {
            Thread.ofPlatform().name("postmaster shutdown").start(this::finishShutdown);
        }
    }

    private void finishShutdown() {
        memoryGuard.stop();
        while (registry.count() > 0 && shutdown != ShutdownMode.IMMEDIATE) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (shutdown != ShutdownMode.IMMEDIATE) {
            engine.close();
        }
        pidFile.delete();
        LOG.info("database system is shut down");
        stopped.countDown();
    }

    public void awaitStopped() throws InterruptedException {
        stopped.await();
    }

    private void closeListeners() {
        tcp.forEach(Postmaster::closeQuietly);
        unix.forEach(Postmaster::closeQuietly);
        for (Path f : socketFiles) {
            try {
                Files.deleteIfExists(f);
            } catch (IOException e) {
                // a stale socket file is replaced at the next start
            }
        }
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // closing anyway: the postmaster is going down
        }
    }

    /** Fast shutdown, waiting until done: for tests and embedding. */
    @Override
    public void close() {
        shutdown(ShutdownMode.FAST);
        try {
            awaitStopped();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
