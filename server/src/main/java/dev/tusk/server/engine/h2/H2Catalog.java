package dev.tusk.server.engine.h2;

import dev.tusk.protocol.SqlState;
import dev.tusk.server.error.PgException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Questions about a database's objects, answered from H2's INFORMATION_SCHEMA and metadata for one
 * session's connection: does an object exist, a table's columns, who references a table.
 */
final class H2Catalog implements H2SqlGenerator.Catalog {
    private final Connection conn;

    H2Catalog(Connection conn) {
        this.conn = conn;
    }


    /** PostgreSQL refuses DROP TABLE (RESTRICT) of a table another table's foreign key references. */
    void checkNotReferenced(String schema, String table) {
        String sql = "select tc.constraint_name, tc.table_name from information_schema.referential_constraints rc"
                + " join information_schema.table_constraints tc on tc.constraint_schema = rc.constraint_schema"
                + " and tc.constraint_name = rc.constraint_name"
                + " join information_schema.table_constraints uc on uc.constraint_schema = rc.unique_constraint_schema"
                + " and uc.constraint_name = rc.unique_constraint_name"
                + " where uc.table_schema = ? and uc.table_name = ? and tc.table_name <> uc.table_name";
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    throw new PgException(SqlState.DEPENDENT_OBJECTS_STILL_EXIST,
                            "cannot drop table " + table + " because other objects depend on it")
                            .detail("constraint " + rs.getString(1) + " on table " + rs.getString(2) + " depends on table " + table)
                            .hint("Use DROP ... CASCADE to drop the dependent objects too.");
                }
            }
        } catch (SQLException e) {
            throw H2Errors.map(e);
        }
    }


    @Override
    public List<String> ownedSequenceDrops(String schema, String table) {
        try {
            return SerialColumns.dropOwned(conn, schema, table);
        } catch (SQLException e) {
            throw H2Errors.map(e);
        }
    }

    @Override
    public String currentSchema() {
        try {
            return conn.getSchema();
        } catch (SQLException e) {
            throw H2Errors.map(e);
        }
    }


    /**
     * Whether an object of this type exists; an unqualified name is looked up in the current schema.
     * When the engine cannot say, the answer is yes: callers use it to avoid undoing what may not
     * be theirs.
     */
    boolean exists(String objectType, String schema, String name) {
        String sql;
        switch (objectType) {
            case "SCHEMA":
                sql = "select 1 from information_schema.schemata where schema_name = ?";
                break;
            case "SEQUENCE":
                sql = "select 1 from information_schema.sequences where sequence_name = ? and sequence_schema = ";
                break;
            case "INDEX":
                sql = "select 1 from information_schema.indexes where index_name = ? and index_schema = ";
                break;
            case "VIEW":
                sql = "select 1 from information_schema.tables where table_type = 'VIEW' and table_name = ? and table_schema = ";
                break;
            default:
                sql = "select 1 from information_schema.tables where table_name = ? and table_schema = ";
                break;
        }
        boolean qualified = !objectType.equals("SCHEMA") && schema != null;
        if (!objectType.equals("SCHEMA")) {
            sql += qualified ? "?" : "current_schema";
        }
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            ps.setString(1, name);
            if (qualified) {
                ps.setString(2, schema);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            return true;
        }
    }



    /** The comment on a table, view or column now (null for none), to restore if a COMMENT is undone. */
    String comment(DdlUndo.Target target) {
        String sql = target.column() == null
                ? "select remarks from information_schema.tables where table_name = ? and table_schema = "
                : "select remarks from information_schema.columns where table_name = ? and column_name = ? and table_schema = ";
        sql += target.schema() != null ? "?" : "current_schema";
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            int i = 1;
            ps.setString(i++, target.name());
            if (target.column() != null) {
                ps.setString(i++, target.column());
            }
            if (target.schema() != null) {
                ps.setString(i, target.schema());
            }
            try (ResultSet rs = ps.executeQuery()) {
                String remarks = rs.next() ? rs.getString(1) : null;
                return remarks == null || remarks.isEmpty() ? null : remarks;
            }
        } catch (SQLException e) {
            throw H2Errors.map(e);
        }
    }

    /** A table's columns, in order, from H2's metadata; empty if the table is not found. */
    @Override
    public List<H2SqlGenerator.Column> columns(String schema, String table) {
        List<H2SqlGenerator.Column> cols = new ArrayList<>();
        try (ResultSet rs = conn.getMetaData().getColumns(null, schema != null ? schema : conn.getSchema(), table, null)) {
            while (rs.next()) {
                cols.add(new H2SqlGenerator.Column(rs.getString("COLUMN_NAME"), rs.getString("TYPE_NAME")));
            }
        } catch (SQLException e) {
            return List.of();
        }
        return cols;
    }


    /** The columns of a constraint of the table, or of its primary key when constraint is null, in key order. */
    @Override
    public List<String> keyColumns(String schema, String table, String constraint) {
        String sql = "select kcu.column_name from information_schema.table_constraints tc"
                + " join information_schema.key_column_usage kcu on kcu.constraint_schema = tc.constraint_schema"
                + " and kcu.constraint_name = tc.constraint_name"
                + " where tc.table_name = ? and tc.table_schema = coalesce(?, current_schema)"
                + (constraint == null ? " and tc.constraint_type = 'PRIMARY KEY'" : " and tc.constraint_name = ?")
                + " order by kcu.ordinal_position";
        List<String> cols = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            ps.setString(1, table);
            ps.setString(2, schema);
            if (constraint != null) {
                ps.setString(3, constraint);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    cols.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            return List.of();
        }
        return cols;
    }
}
