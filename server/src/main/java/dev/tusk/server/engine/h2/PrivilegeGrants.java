package dev.tusk.server.engine.h2;

import dev.tusk.protocol.SqlState;
import dev.tusk.server.catalog.Acl;
import dev.tusk.server.catalog.AclChange;
import dev.tusk.server.error.PgException;
import dev.tusk.server.sql.Statement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import org.h2.engine.SessionLocal;
import org.h2.schema.Schema;
import org.h2.schema.Sequence;
import org.h2.table.Table;
import org.h2.table.TableType;
import org.h2.table.TableView;

/**
 * GRANT and REVOKE on this database's tables, views, sequences, columns and schemas, and ALTER
 * DEFAULT PRIVILEGES (cf. ExecuteGrantStmt, ExecAlterDefaultPrivilegesStmt in aclchk.c): finds the
 * objects as PostgreSQL would, checks what each privilege may apply to, and writes the new lists in
 * the session's transaction. Belongs to its session's thread.
 */
final class PrivilegeGrants {
    private final ObjectPrivileges privileges;
    private final SessionLocal h2;
    private final boolean superuser;

    PrivilegeGrants(ObjectPrivileges privileges, SessionLocal h2, boolean superuser) {
        this.privileges = privileges;
        this.h2 = h2;
        this.superuser = superuser;
    }

    /** A relation or schema a GRANT names, found. */
    private record Target(Acl.Kind kind, String schema, String name, Table table) {
    }

    void execute(Statement.GrantPrivileges g, List<String> grantees, BiConsumer<String, String> warnings) throws SQLException {
        for (Target t : targets(g)) {
            ObjectPrivileges.Entry e = privileges.find(t.schema(), t.name());
            if (e == null) {
                e = new ObjectPrivileges.Entry(t.kind(), t.schema(), t.name(), privileges.bootstrap(),
                        Acl.defaultFor(t.kind(), privileges.bootstrap()), false);
            }
            int whole = 0;
            Map<String, Integer> byColumn = new java.util.LinkedHashMap<>();
            for (Statement.Privilege p : g.privileges()) {
                int bit = p.name().equals("all") ? Acl.Kind.COLUMN.all() : bit(p, t, g.objectType(), warnings);
                if (p.columns().isEmpty()) {
                    whole |= bit;
                } else {
                    if ((bit & ~Acl.Kind.COLUMN.all()) != 0) {
                        throw new PgException(SqlState.INVALID_GRANT_OPERATION, "invalid privilege type "
                                + p.name().toUpperCase(java.util.Locale.ROOT) + " for column");
                    }
                    for (String c : p.columns()) {
                        if (t.table() == null || t.table().findColumn(c) == null) {
                            throw new PgException(SqlState.UNDEFINED_COLUMN, "column \"" + c + "\" of relation \"" + t.name()
                                    + "\" does not exist");
                        }
                        byColumn.merge(c, bit, (a, b) -> a | b);
                    }
                }
            }
            Predicate<String> actsAs = superuser ? r -> true : privileges.currentRoles();
            AclChange change = new AclChange(e.kind(), t.name(), e.owner(), actsAs, warnings);
            boolean all = g.privileges().isEmpty();
            if (all || whole != 0) {
                int mask = all ? 0 : whole & e.kind().all();
                if (all || mask != 0) {
                    Acl acl = g.grant() ? change.grant(e.acl(), mask, grantees, g.grantOption())
                            : change.revoke(e.acl(), mask, grantees, g.grantOption(), g.cascade());
                    if (!acl.equals(e.acl()) || !e.recorded()) {
                        privileges.store(e, acl);
                    }
                    if (!g.grant() && t.table() != null) {
                        // a table's REVOKE takes the same privileges on its columns too
                        int onColumns = (all ? Acl.Kind.COLUMN.all() : mask) & Acl.Kind.COLUMN.all();
                        for (var c : privileges.columns(t.schema(), t.name()).entrySet()) {
                            byColumn.merge(c.getKey(), onColumns, (a, b) -> a | b);
                        }
                    }
                }
            }
            if (!byColumn.isEmpty()) {
                Map<String, Acl> lists = privileges.columns(t.schema(), t.name());
                AclChange onColumn = new AclChange(Acl.Kind.COLUMN, t.name(), e.owner(), actsAs, warnings);
                for (var c : byColumn.entrySet()) {
                    Acl before = lists.getOrDefault(c.getKey(), Acl.EMPTY);
                    Acl after = g.grant() ? onColumn.grant(before, c.getValue(), grantees, g.grantOption())
                            : onColumn.revoke(before, c.getValue(), grantees, g.grantOption(), g.cascade());
                    if (!after.equals(before)) {
                        privileges.storeColumn(t.schema(), t.name(), c.getKey(), after);
                    }
                }
            }
        }
    }

    /** The privilege's bit, refused (0LP01) when the object type cannot have it, as PostgreSQL words it. */
    private static int bit(Statement.Privilege p, Target t, String objectType, BiConsumer<String, String> warnings) {
        int bit = Acl.privilege(p.name());
        String upper = p.name().toUpperCase(java.util.Locale.ROOT);
        if (bit == 0 || (bit & t.kind().all()) == 0) {
            if (t.kind() == Acl.Kind.SEQUENCE && objectType.equals("TABLE") && bit != 0) {
                warnings.accept(SqlState.WARNING, "sequence \"" + t.name() + "\" only supports USAGE, SELECT, and UPDATE privileges");
                return 0;
            }
            String noun = t.kind() == Acl.Kind.VIEW ? "table" : t.kind().noun();
            throw new PgException(SqlState.INVALID_GRANT_OPERATION, "invalid privilege type " + upper + " for " + noun);
        }
        return bit;
    }

    private List<Target> targets(Statement.GrantPrivileges g) {
        List<Target> out = new ArrayList<>();
        if (!g.inSchemas().isEmpty()) {
            for (String s : g.inSchemas()) {
                Schema schema = h2.getDatabase().findSchema(s);
                if (schema == null) {
                    throw new PgException(SqlState.INVALID_SCHEMA_NAME, "schema \"" + s + "\" does not exist");
                }
                if (g.objectType().equals("SEQUENCE")) {
                    for (Sequence q : schema.getAllSequences()) {
                        out.add(new Target(Acl.Kind.SEQUENCE, s, q.getName(), null));
                    }
                } else {
                    for (Table t : schema.getAllTablesAndViews(h2)) {
                        if (!t.getName().startsWith(DdlUndo.HIDDEN_PREFIX) && t.getTableType() != null) {
                            out.add(relation(s, t));
                        }
                    }
                }
            }
            return out;
        }
        for (Statement.ObjectName o : g.objects()) {
            if (g.objectType().equals("SCHEMA")) {
                if (h2.getDatabase().findSchema(o.name()) == null) {
                    throw new PgException(SqlState.INVALID_SCHEMA_NAME, "schema \"" + o.name() + "\" does not exist");
                }
                out.add(new Target(Acl.Kind.SCHEMA, "", o.name(), null));
                continue;
            }
            Object found = Relations.find(h2, o.schema(), o.name());
            if (found == null) {
                throw new PgException(SqlState.UNDEFINED_TABLE, "relation \"" + (o.schema() != null ? o.schema() + "." : "")
                        + o.name() + "\" does not exist");
            }
            if (found instanceof Sequence q) {
                out.add(new Target(Acl.Kind.SEQUENCE, q.getSchema().getName(), q.getName(), null));
            } else if (g.objectType().equals("SEQUENCE")) {
                throw new PgException(SqlState.WRONG_OBJECT_TYPE, "\"" + o.name() + "\" is not a sequence");
            } else {
                Table t = (Table) found;
                out.add(relation(t.getSchema().getName(), t));
            }
        }
        return out;
    }

    private static Target relation(String schema, Table t) {
        return new Target(t instanceof TableView || t.getTableType() == TableType.VIEW ? Acl.Kind.VIEW : Acl.Kind.TABLE,
                schema, t.getName(), t);
    }

    /** ALTER DEFAULT PRIVILEGES: the lists later objects of the roles start with. */
    void alterDefaults(Statement.AlterDefaultPrivileges d, List<String> roles, List<String> grantees,
                       BiConsumer<String, String> warnings) throws SQLException {
        Statement.GrantPrivileges g = d.action();
        Acl.Kind kind = switch (g.objectType()) {
            case "SEQUENCE" -> Acl.Kind.SEQUENCE;
            case "SCHEMA" -> Acl.Kind.SCHEMA;
            case "FUNCTION" -> Acl.Kind.FUNCTION;
            case "TYPE" -> Acl.Kind.TYPE;
            default -> Acl.Kind.TABLE;
        };
        String objtype = switch (kind) {
            case SEQUENCE -> "S";
            case SCHEMA -> "n";
            case FUNCTION -> "f";
            case TYPE -> "T";
            default -> "r";
        };
        if (kind == Acl.Kind.SCHEMA && !d.inSchemas().isEmpty()) {
            throw new PgException(SqlState.INVALID_GRANT_OPERATION, "cannot use IN SCHEMA clause when using GRANT/REVOKE ON SCHEMAS");
        }
        int mask = 0;
        for (Statement.Privilege p : g.privileges()) {
            int bit = Acl.privilege(p.name());
            if (bit == 0 || (bit & kind.all()) == 0) {
                throw new PgException(SqlState.INVALID_GRANT_OPERATION, "invalid privilege type "
                        + p.name().toUpperCase(java.util.Locale.ROOT) + " for " + kind.noun());
            }
            mask |= bit;
        }
        List<String> schemas = d.inSchemas().isEmpty() ? List.of("") : d.inSchemas();
        for (String role : roles) {
            for (String schema : schemas) {
                if (!schema.isEmpty() && h2.getDatabase().findSchema(schema) == null) {
                    throw new PgException(SqlState.INVALID_SCHEMA_NAME, "schema \"" + schema + "\" does not exist");
                }
                Acl before = privileges.defaults(role, schema, objtype);
                // for all schemas the entry replaces the built-in default; for one schema it adds to it
                Acl base = before != null ? before : schema.isEmpty() ? Acl.defaultFor(kind, role) : Acl.EMPTY;
                AclChange change = new AclChange(kind, "", role, r -> true, warnings);
                Acl after = g.grant() ? change.grant(base, mask, grantees, g.grantOption())
                        : change.revoke(base, mask, grantees, g.grantOption(), true);
                boolean isDefault = schema.isEmpty() ? after.equals(Acl.defaultFor(kind, role)) : after.items().isEmpty();
                privileges.storeDefaults(role, schema, objtype, isDefault ? null : after);
            }
        }
    }
}
