package dev.tusk.server.engine.h2;

import dev.tusk.server.engine.CatalogRole;
import dev.tusk.server.engine.Engine;
import dev.tusk.server.engine.EngineSession;
import dev.tusk.server.engine.SessionInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The H2 engine: one H2 database file per Tusk database, under {@code base/<name>/} of the data
 * directory, opened on first use and kept open (DB_CLOSE_DELAY=-1) until the postmaster shuts
 * down. Settings follow ../shared/H2-NOTES.md: lower-case identifiers, PostgreSQL's NULL ordering,
 * PostgreSQL mode set per connection so that Tusk can own pg_catalog. Commits are written by the
 * group commit (see {@link #groupCommit}); WRITE_DELAY=0 holds only until a database's first session.
 */
public final class H2Engine implements Engine {
    private static final String OPTIONS = ";DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
            + ";NON_KEYWORDS=KEY,VALUE;WRITE_DELAY=0;DB_CLOSE_DELAY=-1"
            // pg_catalog's functions replace the H2 PostgreSQL mode's own, which answer from H2's metadata
            + ";BUILTIN_ALIAS_OVERRIDE=TRUE"
            // H2 would answer a prepared query again from its last result while no row of its tables
            // changed since: but a change is counted when it is made, not when it commits, so a result
            // read before another session's commit came back after it (a stale read, and at REPEATABLE
            // READ a lost update: pgbench -M prepared transfers between ten rows created money)
            + ";OPTIMIZE_REUSE_RESULTS=0"
            // H2's own rollbacks of failing statements run under the store lock (see StoreLock)
            + ";DATABASE_EVENT_LISTENER='" + EngineRollbackGuard.class.getName() + "'";

    static {
        // Behind EngineAllowList, the engine itself loads no class outside Tusk (aliases, triggers, table
        // engines, linked tables' drivers by name) and deserializes no Java object. Read once, when H2's
        // SysProperties first loads; an application embedding Tusk that set them keeps its own values.
        if (System.getProperty("h2.allowedClasses") == null) {
            System.setProperty("h2.allowedClasses", "dev.tusk.*");
        }
        if (System.getProperty("h2.javaObjectSerializer") == null) {
            System.setProperty("h2.javaObjectSerializer", RefusingJavaObjectSerializer.class.getName());
        }
    }

    private final Path base;
    private final boolean fsync;
    private final Map<String, GroupCommit> groupCommits = new ConcurrentHashMap<>();
    private final Map<String, ColumnTypes> columnTypes = new ConcurrentHashMap<>();
    /** Databases whose catalog was installed since this engine started. */
    private final java.util.Set<String> prepared = ConcurrentHashMap.newKeySet();

    private final java.util.function.Supplier<java.util.List<CatalogRole>> roles;

    /** An engine for initdb and tools: the catalogs show no roles. */
    public H2Engine(Path dataDirectory, boolean fsync) {
        this(dataDirectory, fsync, java.util.List::of);
    }

    /**
     * @param fsync whether a commit waits for the sync to disk (postgresql.conf's fsync)
     * @param roles the installation's roles, for pg_authid
     */
    public H2Engine(Path dataDirectory, boolean fsync, java.util.function.Supplier<java.util.List<CatalogRole>> roles) {
        this.base = dataDirectory.resolve("base");
        this.fsync = fsync;
        this.roles = roles;
        org.h2.Driver.load();
    }

    private Path dir(String database) {
        return base.resolve(DatabaseDirectoryName.of(database));
    }

    String url(String database) {
        return "jdbc:h2:file:" + dir(database).resolve("h2").toAbsolutePath() + OPTIONS;
    }

    @Override
    public boolean databaseExists(String name) {
        return Files.isDirectory(dir(name));
    }

    /** The file in a database's directory that names its owner (absent: the bootstrap superuser). */
    static final String OWNER_FILE = "owner";

    @Override
    public String databaseOwner(String name) {
        return ownerIn(dir(name));
    }

    static String ownerIn(Path databaseDirectory) {
        Path f = databaseDirectory.resolve(OWNER_FILE);
        try {
            return Files.exists(f) ? Files.readString(f).strip() : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void setDatabaseOwner(String name, String owner) {
        try {
            Files.writeString(dir(name).resolve(OWNER_FILE), owner + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file in a database's directory with its access list, one aclitem a line (absent: the default). */
    static final String ACL_FILE = "acl";

    @Override
    public dev.tusk.server.catalog.Acl databaseAcl(String name) {
        return aclIn(dir(name));
    }

    static dev.tusk.server.catalog.Acl aclIn(Path databaseDirectory) {
        Path f = databaseDirectory.resolve(ACL_FILE);
        try {
            return Files.exists(f) ? dev.tusk.server.catalog.Acl.parse(Files.readAllLines(f).stream()
                    .filter(l -> !l.isBlank()).toArray()) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void setDatabaseAcl(String name, dev.tusk.server.catalog.Acl acl) {
        PrivilegeCheck.invalidate();
        try {
            Path f = dir(name).resolve(ACL_FILE);
            Path tmp = dir(name).resolve(ACL_FILE + ".tmp");
            Files.writeString(tmp, String.join("\n", acl.toArray()) + "\n");
            Files.move(tmp, f, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public java.util.List<String> databases() {
        try (Stream<Path> dirs = Files.list(base)) {
            return dirs.filter(Files::isDirectory).map(d -> DatabaseDirectoryName.databaseOf(d.getFileName().toString()))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void createDatabase(String name, String owner) {
        try {
            Files.createDirectories(dir(name));
            if (owner != null) {
                Files.writeString(dir(name).resolve(OWNER_FILE), owner + "\n");
            }
            try (Connection c = DriverManager.getConnection(url(name), "tusk", "")) {
                c.createStatement().execute("CHECKPOINT SYNC");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void dropDatabase(String name) {
        shutdown(name);
        prepared.remove(name);
        groupCommits.remove(name);
        try (Stream<Path> files = Files.walk(dir(name))) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public EngineSession openSession(SessionInfo session) {
        // H2 gives up on a row lock after 2 s by default; PostgreSQL waits until lock_timeout (0 = forever).
        Connection c = connect(session.database(), Integer.MAX_VALUE);
        if (!prepared.contains(session.database())) {
            installCatalog(c, session.database());
        }
        return new H2Session(c, session, groupCommit(session.database(), c),
                columnTypes.computeIfAbsent(session.database(), db -> new ColumnTypes()),
                () -> connect(session.database(), DDL_LOCK_TIMEOUT_MS),
                () -> databaseOwner(session.database()), () -> databaseAcl(session.database()));
    }

    /** How long DDL run beside an open transaction waits for a table lock before giving up (see H2Session). */
    private static final int DDL_LOCK_TIMEOUT_MS = 250;

    private Connection connect(String database, int lockTimeoutMs) {
        try {
            Connection c = DriverManager.getConnection(url(database), "tusk", "");
            org.h2.engine.SessionLocal session = H2Sessions.of(c);
            // the mode is the database's, not the session's: set at its first session (not in the
            // URL, where H2 would create its own pg_catalog); the lock timeout is the session's
            if (session.getDatabase().getMode().getEnum() != org.h2.engine.Mode.ModeEnum.PostgreSQL) {
                try (Statement s = c.createStatement()) {
                    s.execute("SET MODE PostgreSQL");
                }
            }
            session.setLockTimeout(lockTimeoutMs);
            // H2 applies the URL's WRITE_DELAY=0 to the database at each connection: take it back
            storeOf(c).setAutoCommitDelay(-1);
            return c;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open database " + database + ": " + e.getMessage(), e);
        }
    }

    /**
     * Installs pg_catalog (functions, role tables, views) in a database: once per database and
     * engine start, so a new release's catalog reaches databases created by an older one.
     */
    private synchronized void installCatalog(Connection c, String database) {
        if (prepared.contains(database)) {
            return;
        }
        try {
            H2PgCatalog.install(c, roles.get());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot install pg_catalog in " + database + ": " + e.getMessage(), e);
        }
        prepared.add(database);
    }

    @Override
    public synchronized void rolesChanged() {
        PrivilegeCheck.invalidate(); // a membership may have given or taken privileges
        for (String database : prepared) {
            try (Connection c = DriverManager.getConnection(url(database), "tusk", "")) {
                H2PgCatalog.writeRoles(c, roles.get());
            } catch (SQLException e) {
                throw new IllegalStateException("cannot update the roles of " + database + ": " + e.getMessage(), e);
            }
        }
    }

    private static org.h2.mvstore.MVStore storeOf(Connection c) {
        try {
            return H2Sessions.of(c).getDatabase().getStore().getMvStore();
        } catch (SQLException e) {
            throw H2Errors.map(e);
        }
    }

    /**
     * The database's group commit. H2 would write a chunk of changed pages at every commit
     * (WRITE_DELAY=0); instead commits only change the maps in memory, and the group's leader
     * writes one chunk for all the commits before it, then syncs it when fsync is on (cf.
     * XLogFlush). H2's own background writer stays off (autocommit delay -1, set on every
     * connection): every write happens in the thread that asks for it, so a chunk is on disk when
     * the leader's store commit returns.
     */
    private GroupCommit groupCommit(String database, Connection c) {
        return groupCommits.computeIfAbsent(database, db -> {
            org.h2.mvstore.MVStore store = storeOf(c);
            return new GroupCommit(() -> {
                store.commit();
                if (fsync) {
                    store.sync();
                }
            });
        });
    }

    private void shutdown(String database) {
        if (!databaseExists(database)) {
            return;
        }
        try (Connection c = DriverManager.getConnection(url(database) + ";IFEXISTS=TRUE", "tusk", "");
             Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        } catch (SQLException e) {
            // not open, or already shut down
        }
    }

    @Override
    public void close() {
        try (Stream<Path> dirs = Files.list(base)) {
            dirs.filter(Files::isDirectory).forEach(d -> shutdown(DatabaseDirectoryName.databaseOf(d.getFileName().toString())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
