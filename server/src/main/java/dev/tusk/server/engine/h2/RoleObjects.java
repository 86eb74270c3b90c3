package dev.tusk.server.engine.h2;

import dev.tusk.server.engine.RowReceiver;
import dev.tusk.server.sql.CommandKind;
import dev.tusk.server.sql.EngineStatement;
import dev.tusk.server.sql.Identifiers;
import dev.tusk.server.sql.Parser;
import dev.tusk.server.sql.Statement;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.h2.engine.SessionLocal;

/**
 * What roles own and are granted in a session's database (cf. shdepReassignOwned, shdepDropOwned
 * and ExecuteGrantStmt): DROP ROLE's list of dependencies, REASSIGN OWNED, DROP OWNED, GRANT and
 * REVOKE on objects, ALTER DEFAULT PRIVILEGES, all in the session's transaction. Their rows are data
 * on the session's connection, so each marks the transaction as having written. Belongs to its
 * session's thread.
 */
final class RoleObjects {
    private final H2Session session;
    private final Connection conn;
    private final ObjectPrivileges privileges;
    private final SessionLocal h2;

    RoleObjects(H2Session session, Connection conn, ObjectPrivileges privileges, SessionLocal h2) {
        this.session = session;
        this.conn = conn;
        this.privileges = privileges;
        this.h2 = h2;
    }

    /** What the role owns, then what grants name it, as DROP ROLE's detail lists them. */
    List<String> ownedBy(String role) {
        try {
            List<String> out = new ArrayList<>(ObjectOwners.ownedBy(conn, role));
            out.addAll(privileges.grantsNaming(role));
            return out;
        } catch (SQLException e) {
            throw H2Errors.map(e);
        }
    }

    void reassignOwned(String from, String to) {
        session.privilegesChanged();
        try {
            ObjectOwners.reassign(conn, from, to);
            PrivilegeCheck.invalidate();
        } catch (SQLException e) {
            throw H2Errors.map(e);
        }
        session.wrote(CommandKind.UPDATE);
    }

    private PrivilegeGrants grants() {
        return new PrivilegeGrants(privileges, h2, session.info().superuser().getAsBoolean());
    }

    void grant(Statement.GrantPrivileges grant, List<String> grantees, BiConsumer<String, String> warnings) {
        session.privilegesChanged();
        try {
            grants().execute(grant, grantees, warnings);
        } catch (SQLException e) {
            throw H2Errors.map(e);
        }
        session.wrote(CommandKind.UPDATE);
    }

    void alterDefaultPrivileges(Statement.AlterDefaultPrivileges defaults, List<String> roles, List<String> grantees,
                                BiConsumer<String, String> warnings) {
        session.privilegesChanged();
        try {
            grants().alterDefaults(defaults, roles, grantees, warnings);
        } catch (SQLException e) {
            throw H2Errors.map(e);
        }
        session.wrote(CommandKind.UPDATE);
    }

    /**
     * Each object as its own DROP, through the DDL path (so a transaction block can still undo it);
     * then the grants, which are data: after them no more DDL could run in this transaction.
     */
    void dropOwned(List<String> roles, boolean cascade, BiConsumer<String, String> notices) throws IOException {
        RowReceiver quiet = RowReceiver.discarding(notices);
        for (String role : roles) {
            List<ObjectOwners.Owned> owned;
            try {
                owned = ObjectOwners.owned(conn, role);
            } catch (SQLException e) {
                throw H2Errors.map(e);
            }
            for (ObjectOwners.Owned o : owned) {
                String qualified = (o.kind().equals("schema") ? "" : Identifiers.quote(o.schema()) + ".") + Identifiers.quote(o.name());
                String sql = "drop " + o.kind() + " if exists " + qualified + (cascade ? " cascade" : "");
                session.execute((EngineStatement) Parser.parse(sql).get(0), quiet);
            }
        }
        session.privilegesChanged();
        try {
            for (String role : roles) {
                privileges.revokeAllFrom(role);
            }
            PrivilegeCheck.invalidate();
        } catch (SQLException e) {
            throw H2Errors.map(e);
        }
        session.wrote(CommandKind.UPDATE);
    }
}
