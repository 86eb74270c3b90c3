package dev.tusk.server.backend;

import dev.tusk.protocol.SqlState;
import dev.tusk.protocol.types.PgTypes;
import dev.tusk.server.engine.ColumnDescription;
import dev.tusk.server.engine.RowReceiver;
import dev.tusk.server.error.PgException;
import dev.tusk.server.postmaster.BackendRegistry;
import dev.tusk.server.sql.Statement;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * The statements a backend carries out itself rather than through the engine (cf. tcop/utility.c):
 * transaction control, SET/SHOW/RESET, CREATE/DROP DATABASE, DISCARD and accepted no-ops.
 */
final class UtilityCommands {
    private final Backend backend;
    private final WireReceiver out;
    private final Backend.Notices notices;

    UtilityCommands(Backend backend, WireReceiver out) {
        this.backend = backend;
        this.out = out;
        this.notices = new Backend.Notices() {
            @Override
            public void warning(String sqlState, String message) {
                out.send("WARNING", sqlState, message);
            }

            @Override
            public void notice(String sqlState, String message) {
                out.send("NOTICE", sqlState, message);
            }
        };
    }

    void execute(Statement st) throws IOException {
        if (st instanceof Statement.Transaction t) {
            transaction(t);
        } else if (st instanceof Statement.SetVariable s) {
            set(s);
        } else if (st instanceof Statement.SetTransaction s) {
            setTransaction(s);
        } else if (st instanceof Statement.ShowVariable s) {
            show(s);
        } else if (st instanceof Statement.ResetVariable r) {
            reset(r);
        } else if (st instanceof Statement.CreateDatabase c) {
            createDatabase(c);
        } else if (st instanceof Statement.DropDatabase d) {
            dropDatabase(d);
        } else if (st instanceof Statement.Discard d) {
            out.end("DISCARD " + d.what());
        } else if (st instanceof Statement.NoOp n) {
            out.end(n.tag());
        } else if (st instanceof Statement.Listen l) {
            if (l.listen()) {
                backend.notifications.listen(l.channel());
            } else {
                backend.notifications.unlisten(l.channel());
            }
            out.end(l.listen() ? "LISTEN" : "UNLISTEN");
        } else if (st instanceof Statement.Notify n) {
            backend.notifications.notify(n.channel(), n.payload());
            out.end("NOTIFY");
        } else if (st instanceof Statement.Copy c) {
            new CopyCommand(backend).execute(c);
        } else if (st instanceof Statement.AlterDatabaseOwner a) {
            alterDatabaseOwner(a);
        } else if (st instanceof Statement.RoleCommand r) {
            out.end(new RoleCommands(backend, notices).execute(r));
        } else if (st instanceof Statement.GrantPrivileges g) {
            out.end(new PrivilegeCommands(backend, notices).execute(g));
        } else if (st instanceof Statement.AlterDefaultPrivileges d) {
            out.end(new PrivilegeCommands(backend, notices).execute(d));
        } else if (st instanceof Statement.Extension e) {
            out.end(ExtensionCommands.execute(e, notices));
        } else if (st instanceof Statement.Unsupported u) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, u.feature() + " is not supported by Tusk yet");
        } else {
            throw new IllegalArgumentException(st.getClass().getName());
        }
    }

    private void transaction(Statement.Transaction t) {
        TransactionBlock tx = backend.transaction;
        switch (t.kind()) {
            case BEGIN: {
                String warning = tx.begin();
                if (warning != null) {
                    notices.warning(SqlState.ACTIVE_SQL_TRANSACTION, warning);
                }
                t.modes().forEach((name, value) -> ConfigOption.set(backend, name, value, true));
                out.end(t.tag());
                break;
            }
            case COMMIT: {
                String tag = tx.commit(notices); // ROLLBACK for a failed block
                restoreLocalSettings(tag.equals("COMMIT"));
                out.end(tag);
                break;
            }
            case ROLLBACK:
                tx.rollback(notices);
                restoreLocalSettings(false);
                out.end("ROLLBACK");
                break;
            case SAVEPOINT:
                tx.requireBlock("SAVEPOINT");
                backend.engine.savepoint(t.savepoint());
                backend.settings.savepoint(t.savepoint());
                out.end("SAVEPOINT");
                break;
            case RELEASE:
                tx.requireBlock("RELEASE SAVEPOINT");
                backend.engine.releaseSavepoint(t.savepoint());
                backend.settings.releaseSavepoint(t.savepoint());
                out.end("RELEASE");
                break;
            case ROLLBACK_TO:
                tx.rollbackTo(t.savepoint());
                for (String name : backend.settings.rollbackToSavepoint(t.savepoint())) {
                    backend.settingChanged(name, backend.settings.get(name));
                }
                out.end("ROLLBACK");
                break;
            default:
                throw new IllegalArgumentException(t.kind().name());
        }
    }

    private void restoreLocalSettings(boolean commit) {
        for (String name : backend.settings.endTransaction(commit)) {
            backend.settingChanged(name, backend.settings.get(name));
        }
    }

    /** SET TRANSACTION / SET SESSION CHARACTERISTICS AS TRANSACTION: the modes as the settings they are. */
    private void setTransaction(Statement.SetTransaction s) {
        boolean sessionDefaults = s.modes().keySet().stream().anyMatch(k -> k.startsWith("default_"));
        if (!sessionDefaults && !backend.transaction.inBlock()) {
            notices.warning(SqlState.NO_ACTIVE_SQL_TRANSACTION, "SET TRANSACTION can only be used in transaction blocks");
            out.end("SET");
            return;
        }
        s.modes().forEach((name, value) -> ConfigOption.set(backend, name, value, !sessionDefaults));
        out.end("SET");
    }

    private void set(Statement.SetVariable s) {
        String value = s.values() == null ? null : String.join(", ", s.values());
        if (s.local() && !backend.transaction.inBlock()) {
            notices.warning(SqlState.NO_ACTIVE_SQL_TRANSACTION, "SET LOCAL can only be used in transaction blocks");
            out.end("SET");
            return;
        }
        ConfigOption.set(backend, s.name(), value, s.local());
        out.end("SET");
    }

    private void show(Statement.ShowVariable s) throws IOException {
        if (s.name().equals("all")) {
            out.start(List.of(text("name"), text("setting"), text("description")));
            for (String[] row : backend.settings.all()) {
                out.row(new TextRow(row));
            }
            out.end("SHOW");
            return;
        }
        String value = backend.settings.get(s.name());
        String canonical = SessionSettings.canonical(s.name());
        out.start(List.of(text(canonical)));
        out.row(new TextRow(value));
        out.end("SHOW");
    }

    /** The columns a utility statement returns (SHOW), or null: what Describe reports before it runs. */
    static List<ColumnDescription> columns(Statement st) {
        if (st instanceof Statement.ShowVariable s) {
            if (s.name().equals("all")) {
                return List.of(text("name"), text("setting"), text("description"));
            }
            String canonical = SessionSettings.canonical(s.name());
            return List.of(text(canonical != null ? canonical : s.name()));
        }
        return null;
    }

    private static ColumnDescription text(String name) {
        return new ColumnDescription(name, 0, 0, PgTypes.TEXT, -1, -1);
    }

    private void reset(Statement.ResetVariable r) {
        if (r.name().equals("all")) {
            for (String[] row : backend.settings.all()) {
                String name = row[0];
                SessionSettings.Definition d = SessionSettings.definition(name);
                if (d != null && !d.context().equals("user") && !(d.context().equals("superuser") && backend.isSuperuser())) {
                    continue; // RESET ALL leaves what SET may not change
                }
                try {
                    String before = backend.settings.get(name);
                    backend.settings.set(name, null, false);
                    String after = backend.settings.get(name);
                    if (!after.equals(before)) {
                        backend.settingChanged(name, after);
                    }
                } catch (PgException e) {
                    // read-only settings are not reset
                }
            }
        } else {
            ConfigOption.set(backend, r.name(), null, false);
        }
        out.end("RESET");
    }

    private void createDatabase(Statement.CreateDatabase c) {
        backend.transaction.requireNoBlock("CREATE DATABASE");
        var roles = backend.postmaster.roles();
        var me = roles.get(backend.currentUser());
        if (!backend.isSuperuser() && (me == null || !me.createDb())) {
            throw new PgException(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied to create database");
        }
        String owner = c.owner() == null ? backend.currentUser() : c.owner();
        if (roles.get(owner) == null) {
            throw new PgException(SqlState.UNDEFINED_OBJECT, "role \"" + owner + "\" does not exist");
        }
        if (!roles.hasPrivilegesOf(backend.currentUser(), owner)) {
            throw new PgException(SqlState.INSUFFICIENT_PRIVILEGE, "must be member of role \"" + owner + "\"");
        }
        synchronized (backend.postmaster.engine()) {
            if (backend.postmaster.engine().databaseExists(c.name())) {
                throw new PgException(SqlState.DUPLICATE_DATABASE, "database \"" + c.name() + "\" already exists");
            }
            backend.postmaster.engine().createDatabase(c.name(), owner);
        }
        out.end("CREATE DATABASE");
    }

    /** cf. AlterDatabaseOwner: the owner, becoming a role it is a member of, and only with CREATEDB. */
    private void alterDatabaseOwner(Statement.AlterDatabaseOwner a) {
        var engine = backend.postmaster.engine();
        var roles = backend.postmaster.roles();
        if (!engine.databaseExists(a.name())) {
            throw new PgException(SqlState.UNDEFINED_DATABASE, "database \"" + a.name() + "\" does not exist");
        }
        if (roles.get(a.owner()) == null) {
            throw new PgException(SqlState.UNDEFINED_OBJECT, "role \"" + a.owner() + "\" does not exist");
        }
        String owner = engine.databaseOwner(a.name());
        if (owner == null) {
            owner = roles.bootstrapSuperuser().name();
        }
        if (!owner.equals(a.owner())) {
            String me = backend.currentUser();
            if (!roles.hasPrivilegesOf(me, owner)) {
                throw new PgException(SqlState.INSUFFICIENT_PRIVILEGE, "must be owner of database " + a.name());
            }
            if (!roles.hasPrivilegesOf(me, a.owner())) {
                throw new PgException(SqlState.INSUFFICIENT_PRIVILEGE, "must be member of role \"" + a.owner() + "\"");
            }
            var role = roles.get(me);
            if (!backend.isSuperuser() && (role == null || !role.createDb())) {
                throw new PgException(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied to change owner of database");
            }
            engine.setDatabaseOwner(a.name(), a.owner());
        }
        out.end("ALTER DATABASE");
    }

    private void dropDatabase(Statement.DropDatabase d) {
        backend.transaction.requireNoBlock("DROP DATABASE");
        if (d.name().equals("template0") || d.name().equals("template1")) {
            throw new PgException(SqlState.WRONG_OBJECT_TYPE, "cannot drop a template database");
        }
        synchronized (backend.postmaster.engine()) {
            if (!backend.postmaster.engine().databaseExists(d.name())) {
                if (d.ifExists()) {
                    notices.notice(SqlState.SUCCESSFUL_COMPLETION, "database \"" + d.name() + "\" does not exist, skipping");
                    out.end("DROP DATABASE");
                    return;
                }
                throw new PgException(SqlState.UNDEFINED_DATABASE, "database \"" + d.name() + "\" does not exist");
            }
            if (d.name().equals(backend.database)) {
                throw new PgException(SqlState.OBJECT_IN_USE, "cannot drop the currently open database");
            }
            String owner = backend.postmaster.engine().databaseOwner(d.name());
            if (owner == null) {
                owner = backend.postmaster.roles().bootstrapSuperuser().name();
            }
            if (!backend.postmaster.roles().hasPrivilegesOf(backend.currentUser(), owner)) {
                throw new PgException(SqlState.INSUFFICIENT_PRIVILEGE, "must be owner of database " + d.name());
            }
            List<BackendRegistry.Entry> users = backend.postmaster.registry().connectedTo(d.name());
            if (!users.isEmpty()) {
                throw new PgException(SqlState.OBJECT_IN_USE, "database \"" + d.name() + "\" is being accessed by other users")
                        .detail("There " + (users.size() == 1 ? "is 1 other session" : "are " + users.size() + " other sessions")
                                + " using the database.");
            }
            backend.postmaster.engine().dropDatabase(d.name());
        }
        out.end("DROP DATABASE");
    }

    RowReceiver receiver() {
        return out;
    }
}
