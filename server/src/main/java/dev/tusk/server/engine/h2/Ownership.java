package dev.tusk.server.engine.h2;

import dev.tusk.protocol.SqlState;
import dev.tusk.server.engine.RowReceiver;
import dev.tusk.server.engine.SessionInfo;
import dev.tusk.server.error.PgException;
import dev.tusk.server.sql.CommandKind;
import dev.tusk.server.sql.EngineStatement;
import dev.tusk.server.sql.Token;
import dev.tusk.server.sql.TokenType;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * PostgreSQL's ownership rules for the DDL a session runs (cf. object_ownercheck and
 * ATExecChangeOwner): who creates a table, view, sequence or schema owns it; only its owner (or a
 * member of the owner role, or a superuser) may alter, drop, comment on or index it, or give it
 * away with ALTER … OWNER TO, and only to a role it is a member of. Owners are kept by
 * {@link ObjectOwners}. Belongs to its session's thread.
 */
final class Ownership {
    private static final Set<String> OWNED = Set.of("TABLE", "VIEW", "SEQUENCE", "SCHEMA");

    private final Connection conn;
    private final H2Catalog catalog;
    private final SessionInfo info;
    private final ObjectPrivileges privileges;

    Ownership(Connection conn, H2Catalog catalog, SessionInfo info, ObjectPrivileges privileges) {
        this.conn = conn;
        this.catalog = catalog;
        this.info = info;
        this.privileges = privileges;
    }

    private static String noun(String objectType) {
        return objectType.toLowerCase(Locale.ROOT);
    }

    /** The key ObjectOwners keeps an object under: (schema, name), a schema under ("", name). */
    private String[] key(String objectType, String schema, String name) {
        return objectType.equals("SCHEMA") ? new String[] {"", name}
                : new String[] {schema != null ? schema : catalog.currentSchema(), name};
    }

    /** Fails with 42501 unless the current user may change the object (unrecorded objects: anyone may). */
    private void requireOwner(String objectType, String schema, String name) {
        if (info.superuser().getAsBoolean()) {
            return;
        }
        String[] k = key(objectType, schema, name);
        ObjectOwners.Owned o;
        try {
            o = ObjectOwners.find(conn, k[0], k[1]);
        } catch (SQLException e) {
            throw H2Errors.map(e);
        }
        if (o != null && !info.roles().actsAs(o.owner())) {
            throw new PgException(SqlState.INSUFFICIENT_PRIVILEGE, "must be owner of " + o.kind() + " " + name);
        }
    }

    /** Before DDL runs: the ownership it needs. */
    void check(EngineStatement st, DropTargets drop) {
        if (drop != null && OWNED.contains(drop.objectType())) {
            for (DropTargets.Name n : drop.names()) {
                requireOwner(drop.objectType(), n.schema(), n.name());
            }
            return;
        }
        DdlUndo.Target target = DdlUndo.target(st);
        if (target != null) {
            requireOwner("TABLE", target.schema(), target.name());
            return;
        }
        List<Token> t = st.tokens();
        if (st.kind() == CommandKind.ALTER && OWNED.contains(st.objectType()) && t.size() > 3) {
            // ALTER VIEW | SEQUENCE | SCHEMA [IF EXISTS] [schema.]name ...
            int i = t.get(2).isWord("if") && t.get(3).isWord("exists") ? 4 : 2;
            if (i < t.size() && (t.get(i).is(TokenType.IDENT) || t.get(i).is(TokenType.QUOTED_IDENT))) {
                boolean qualified = i + 2 < t.size() && t.get(i + 1).isPunct('.');
                requireOwner(st.objectType(), qualified ? t.get(i).value() : null, t.get(qualified ? i + 2 : i).value());
            }
        }
    }

    /**
     * After a CREATE: the current user owns the object, and a new table's serial sequences too (as
     * PostgreSQL's owned-by sequences). Returns the statement that forgets them again (for the undo).
     */
    String created(Connection on, DdlUndo.Undo u, EngineStatement st) {
        if (!OWNED.contains(u.objectType())) {
            return null;
        }
        String[] k = key(u.objectType(), u.schema(), u.name());
        List<String[]> objects = new java.util.ArrayList<>();
        objects.add(new String[] {noun(u.objectType()), k[0], k[1]});
        if (u.objectType().equals("TABLE")) {
            for (String column : SerialColumns.declaredIn(st.tokens())) {
                objects.add(new String[] {"sequence", k[0], SerialColumns.sequenceName(u.name(), column)});
            }
        }
        StringBuilder forget = new StringBuilder();
        try {
            String owner = info.currentUser().get();
            for (String[] o : objects) {
                // whatever an earlier object of this name left (dropped with its schema, say) is not the new one's
                ObjectOwners.forget(on, o[1], o[2]);
                ObjectOwners.record(on, o[0], o[1], o[2], owner);
                dev.tusk.server.catalog.Acl initial = privileges.initial(on, ObjectPrivileges.kindOf(o[0]),
                        u.objectType().equals("SCHEMA") ? "" : o[1], owner);
                if (initial != null) {
                    ObjectOwners.setAcl(on, o[1], o[2], initial);
                }
                forget.append(forget.length() > 0 ? "; " : "").append(ObjectOwners.forgetSql(o[1], o[2]));
            }
            commitIfOwn(on);
        } catch (SQLException e) {
            throw H2Errors.map(e);
        }
        return forget.toString();
    }

    /** After a DROP: the objects' owners are forgotten. */
    void dropped(Connection on, DropTargets drop) {
        if (!OWNED.contains(drop.objectType())) {
            return;
        }
        try {
            for (DropTargets.Name n : drop.names()) {
                String[] k = key(drop.objectType(), n.schema(), n.name());
                ObjectOwners.forget(on, k[0], k[1]);
                if (drop.objectType().equals("SCHEMA")) {
                    ObjectOwners.forgetSchemaContents(on, n.name()); // CASCADE took what was in it
                }
            }
            commitIfOwn(on);
        } catch (SQLException e) {
            throw H2Errors.map(e);
        }
    }

    /** After ALTER TABLE|VIEW|SEQUENCE|SCHEMA name RENAME TO new: the owner goes with the name. */
    void renamed(Connection on, EngineStatement st) {
        Subject subject = subject(st, "rename");
        if (subject == null) {
            return; // not a rename of the object itself (RENAME COLUMN, RENAME CONSTRAINT, other DDL)
        }
        String[] k = key(st.objectType(), subject.schema(), subject.name());
        try {
            ObjectOwners.rename(on, k[0], k[1], subject.to());
            commitIfOwn(on);
        } catch (SQLException e) {
            throw H2Errors.map(e);
        }
    }

    /** What ALTER kind [IF EXISTS] [ONLY] [schema.]name verb TO x names, or null if st is not exactly that. */
    private record Subject(boolean ifExists, String schema, String name, Token toToken) {
        String to() {
            return toToken.value();
        }
    }

    private static Subject subject(EngineStatement st, String verb) {
        List<Token> t = st.tokens();
        if (st.kind() != CommandKind.ALTER || !OWNED.contains(st.objectType()) || t.size() < 6
                || !t.get(t.size() - 3).isWord(verb) || !t.get(t.size() - 2).isWord("to")) {
            return null;
        }
        int i = 2;
        boolean ifExists = t.get(i).isWord("if") && t.get(i + 1).isWord("exists");
        if (ifExists) {
            i += 2;
        }
        if (t.get(i).isWord("only")) {
            i++;
        }
        String schema = null;
        if (t.get(i + 1).isPunct('.')) {
            schema = t.get(i).value();
            i += 2;
        }
        Token name = t.get(i);
        if (i + 1 != t.size() - 3 || !(name.is(TokenType.IDENT) || name.is(TokenType.QUOTED_IDENT))) {
            return null;
        }
        return new Subject(ifExists, schema, name.value(), t.get(t.size() - 1));
    }

    /** The statement that forgets a table dropped in a block, to run at commit before its real drop. */
    String forgetOnCommit(String schema, String name) {
        String[] k = key("TABLE", schema, name);
        return ObjectOwners.forgetSql(k[0], k[1]);
    }

    /**
     * The row goes with the DDL: on the session's connection, DDL has just committed (nothing else was
     * open there), so the row is committed at once too; the DDL connection commits by itself.
     */
    private void commitIfOwn(Connection on) throws SQLException {
        if (on == conn) {
            conn.commit();
        }
    }

    /**
     * ALTER TABLE|VIEW|SEQUENCE|SCHEMA name OWNER TO role, which the engine has no form of: carried out
     * here; false if st is not one. The new owner is written in the session's transaction.
     */
    boolean alterOwner(EngineStatement st, RowReceiver receiver) throws IOException {
        Subject subject = subject(st, "owner");
        if (subject == null) {
            return false;
        }
        boolean ifExists = subject.ifExists();
        String schema = subject.schema();
        String name = subject.name();
        Token role = subject.toToken();
        String newOwner = role.is(TokenType.IDENT) && Set.of("current_user", "current_role", "session_user").contains(role.value())
                ? (role.value().equals("session_user") ? info.sessionUser().get() : info.currentUser().get()) : role.value();
        if (!catalog.exists(st.objectType(), schema, name)) {
            if (ifExists) {
                receiver.notice(SqlState.SUCCESSFUL_COMPLETION, "relation \"" + name + "\" does not exist, skipping");
                receiver.end(st.tag(0));
                return true;
            }
            throw st.objectType().equals("SCHEMA")
                    ? new PgException(SqlState.INVALID_SCHEMA_NAME, "schema \"" + name + "\" does not exist")
                    : new PgException(SqlState.UNDEFINED_TABLE, "relation \"" + name + "\" does not exist");
        }
        if (!info.roles().exists(newOwner)) {
            throw new PgException(SqlState.UNDEFINED_OBJECT, "role \"" + newOwner + "\" does not exist");
        }
        requireOwner(st.objectType(), schema, name);
        if (!info.superuser().getAsBoolean()) {
            if (!info.roles().actsAs(newOwner)) {
                throw new PgException(SqlState.INSUFFICIENT_PRIVILEGE, "must be member of role \"" + newOwner + "\"");
            }
        }
        String[] k = key(st.objectType(), schema, name);
        try {
            ObjectOwners.Owned recorded = ObjectOwners.find(conn, k[0], k[1]);
            String kind = recorded != null ? recorded.kind() : kindOf(st.objectType(), k);
            reown(kind, k[0], k[1], newOwner);
            if (kind.equals("table")) {
                for (String sequence : SerialColumns.owned(conn, k[0], k[1])) {
                    reown("sequence", k[0], sequence, newOwner); // a table's serial sequences go with it, as in PostgreSQL
                }
            }
        } catch (SQLException e) {
            throw H2Errors.map(e);
        }
        receiver.end(st.tag(0));
        return true;
    }

    /** The object is newOwner's; the old owner's grants on it become the new owner's (cf. aclnewowner). */
    private void reown(String kind, String schema, String name, String newOwner) throws SQLException {
        ObjectPrivileges.Entry before = privileges.find(schema, name);
        ObjectOwners.record(conn, kind, schema, name, newOwner);
        if (before != null && before.recorded()) {
            ObjectOwners.setAcl(conn, schema, name, before.acl().renameRole(before.owner(), newOwner));
        }
    }

    /** ALTER TABLE also re-owns views and sequences in PostgreSQL; what the object really is. */
    private String kindOf(String objectType, String[] k) {
        if (objectType.equals("SCHEMA")) {
            return "schema";
        }
        if (catalog.exists("SEQUENCE", k[0], k[1])) {
            return "sequence";
        }
        return catalog.exists("VIEW", k[0], k[1]) ? "view" : noun(objectType);
    }
}
