package dev.tusk.server.backend;

import dev.tusk.protocol.SqlState;
import dev.tusk.server.error.PgException;
import dev.tusk.server.sql.Statement;

/**
 * CREATE and DROP EXTENSION (cf. commands/extension.c). Every database holds plpgsql, as
 * PostgreSQL's initdb installs it in template1, so that schema scripts saying
 * {@code CREATE EXTENSION IF NOT EXISTS plpgsql} run; Tusk has no other extension to create and
 * cannot run PL/pgSQL (CREATE FUNCTION and DO answer 0A000), so plpgsql cannot be dropped either.
 */
final class ExtensionCommands {
    private static final String PLPGSQL = "plpgsql";

    private ExtensionCommands() {
    }

    /** Runs the statement; returns its command tag. */
    static String execute(Statement.Extension e, Backend.Notices notices) {
        if (e.create()) {
            String name = e.names().get(0);
            if (!name.equals(PLPGSQL)) {
                throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "extension \"" + name + "\" is not available")
                        .detail("Tusk provides no extensions besides plpgsql.");
            }
            if (!e.ifExists()) {
                throw new PgException(SqlState.DUPLICATE_OBJECT, "extension \"" + name + "\" already exists");
            }
            notices.notice(SqlState.DUPLICATE_OBJECT, "extension \"" + name + "\" already exists, skipping");
            return "CREATE EXTENSION";
        }
        for (String name : e.names()) {
            if (name.equals(PLPGSQL)) {
                throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "dropping extension plpgsql is not supported by Tusk");
            }
            if (!e.ifExists()) {
                throw new PgException(SqlState.UNDEFINED_OBJECT, "extension \"" + name + "\" does not exist");
            }
        }
        for (String name : e.names()) {
            notices.notice(SqlState.SUCCESSFUL_COMPLETION, "extension \"" + name + "\" does not exist, skipping");
        }
        return "DROP EXTENSION";
    }
}
