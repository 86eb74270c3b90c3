package dev.tusk.server.sql;

import java.util.List;

/**
 * One parsed SQL statement: the node at the root of its syntax tree. Utility statements that Tusk
 * carries out itself (transaction control, settings, databases) are their own records; everything
 * else is an {@link EngineStatement} whose tree the engine's SQL generator walks.
 */
public sealed interface Statement
        permits Statement.Transaction, Statement.SetTransaction, Statement.SetVariable, Statement.ShowVariable, Statement.ResetVariable,
        Statement.CreateDatabase, Statement.AlterDatabaseOwner, Statement.DropDatabase, Statement.Discard, Statement.NoOp, Statement.Unsupported,
        Statement.Copy, Statement.Listen, Statement.Notify, Statement.RoleCommand, Statement.Extension,
        Statement.GrantPrivileges, Statement.AlterDefaultPrivileges, EngineStatement {

    /** The statement's source text, exactly as the client wrote it (no trailing semicolon). */
    String text();

    /** Transaction control: BEGIN, COMMIT, ROLLBACK, SAVEPOINT, RELEASE, ROLLBACK TO. */
    /**
     * @param modes for BEGIN / START TRANSACTION: the transaction modes given, as settings
     *              (transaction_isolation, transaction_read_only, transaction_deferrable)
     */
    record Transaction(String text, TransactionKind kind, String savepoint, String tag, java.util.Map<String, String> modes)
            implements Statement {
        public Transaction(String text, TransactionKind kind, String savepoint, String tag) {
            this(text, kind, savepoint, tag, java.util.Map.of());
        }
    }

    /**
     * SET TRANSACTION modes (this transaction's), or SET SESSION CHARACTERISTICS AS TRANSACTION modes
     * (the session's defaults: modes are then named default_transaction_*).
     */
    record SetTransaction(String text, java.util.Map<String, String> modes) implements Statement {
    }

    enum TransactionKind { BEGIN, COMMIT, ROLLBACK, SAVEPOINT, RELEASE, ROLLBACK_TO }

    /** SET [SESSION | LOCAL] name {TO | =} value, ...; values null for DEFAULT. */
    record SetVariable(String text, String name, List<String> values, boolean local) implements Statement {
    }

    /** SHOW name | SHOW ALL. */
    record ShowVariable(String text, String name) implements Statement {
    }

    /** RESET name | RESET ALL (name "all"). */
    record ResetVariable(String text, String name) implements Statement {
    }

    /** CREATE DATABASE name [[WITH] OWNER [=] role] (owner null when not given; other options are ignored). */
    record CreateDatabase(String text, String name, int nameOffset, String owner) implements Statement {
    }

    /** ALTER DATABASE name OWNER TO role. */
    record AlterDatabaseOwner(String text, String name, String owner) implements Statement {
    }

    record DropDatabase(String text, String name, boolean ifExists, int nameOffset) implements Statement {
    }

    /** DISCARD ALL | PLANS | SEQUENCES | TEMP. */
    record Discard(String text, String what) implements Statement {
    }

    /**
     * CREATE/ALTER/DROP ROLE (and USER), GRANT role TO role, REVOKE role FROM role: the installation's
     * roles, which Tusk keeps itself rather than in the engine.
     *
     * @param names      the roles created, altered, dropped, or granted/revoked
     * @param attributes for CREATE/ALTER: superuser, login (booleans as "true"/"false") and password (null: none)
     * @param members    for GRANT/REVOKE: the roles that gain or lose membership
     */
    record RoleCommand(String text, RoleAction action, List<String> names, java.util.Map<String, String> attributes,
                       List<String> members, boolean ifExists) implements Statement {
    }

    /**
     * REASSIGN_OWNED: REASSIGN OWNED BY names TO members[0]; DROP_OWNED: DROP OWNED BY names
     * (attribute "cascade").
     */
    enum RoleAction { CREATE, ALTER, DROP, GRANT, REVOKE, REASSIGN_OWNED, DROP_OWNED }

    /**
     * GRANT privileges ON objects TO grantees [WITH GRANT OPTION], REVOKE [GRANT OPTION FOR] privileges
     * ON objects FROM grantees [CASCADE | RESTRICT] (cf. GrantStmt).
     *
     * @param privileges  what is granted; empty for ALL [PRIVILEGES] without columns
     * @param objectType  TABLE (also views), SEQUENCE, SCHEMA, DATABASE, FUNCTION (also PROCEDURE and
     *                    ROUTINE), TYPE (also DOMAIN), LANGUAGE ...
     * @param inSchemas   for ALL TABLES | SEQUENCES | FUNCTIONS IN SCHEMA s: the schemas (objects empty)
     * @param grantees    role names, "public" for PUBLIC
     */
    record GrantPrivileges(String text, boolean grant, List<Privilege> privileges, String objectType, List<ObjectName> objects,
                           List<String> inSchemas, List<String> grantees, boolean grantOption, boolean cascade)
            implements Statement {
    }

    /** One privilege of a GRANT ("select", "all" ...), on some columns only when columns is not empty. */
    record Privilege(String name, List<String> columns) {
    }

    /** An object as a GRANT names it; schema null when not qualified. */
    record ObjectName(String schema, String name) {
    }

    /**
     * ALTER DEFAULT PRIVILEGES [FOR ROLE roles] [IN SCHEMA schemas] GRANT | REVOKE ... ON TABLES |
     * SEQUENCES | FUNCTIONS | TYPES | SCHEMAS ...: what objects those roles create later get (roles
     * empty: the current user's; the action's objects are empty and its objectType names the kind).
     */
    record AlterDefaultPrivileges(String text, List<String> roles, List<String> inSchemas, GrantPrivileges action)
            implements Statement {
    }

    /** Accepted and does nothing in Tusk (VACUUM, ANALYZE, CHECKPOINT ...), answered with its tag. */
    record NoOp(String text, String tag) implements Statement {
    }

    /**
     * COPY table [(columns)] FROM STDIN | TO STDOUT, or COPY (query) TO STDOUT, with its options
     * (FORMAT, DELIMITER, NULL, HEADER, QUOTE, ESCAPE ...; names lower-cased, values as written).
     *
     * @param table   the table, possibly schema-qualified as written, or null for a query
     * @param query   the query of COPY (query) TO, or null
     * @param file    the server-side file name, or null for STDIN/STDOUT
     */
    record Copy(String text, String table, List<String> columns, EngineStatement query, boolean from, String file,
                java.util.Map<String, String> options) implements Statement {
    }

    /** LISTEN channel, or UNLISTEN channel / UNLISTEN * (channel null for all). */
    record Listen(String text, String channel, boolean listen) implements Statement {
    }

    /** NOTIFY channel [, 'payload']. */
    record Notify(String text, String channel, String payload) implements Statement {
    }

    /**
     * CREATE EXTENSION [IF NOT EXISTS] name [options], or DROP EXTENSION [IF EXISTS] name [, ...]
     * [CASCADE | RESTRICT]; the options are accepted and have no use, as no extension can be created.
     */
    record Extension(String text, boolean create, boolean ifExists, List<String> names) implements Statement {
    }

    /** Recognised but not implemented yet: answered with 0A000 naming the feature. */
    record Unsupported(String text, String feature) implements Statement {
    }
}
