package dev.tusk.server.backend;

import dev.tusk.protocol.SqlState;
import dev.tusk.protocol.message.simple.EmptyQueryResponse;
import dev.tusk.server.error.PgException;
import dev.tusk.server.sql.EngineStatement;
import dev.tusk.server.sql.Parser;
import dev.tusk.server.sql.SqlSyntaxException;
import dev.tusk.server.sql.Statement;
import java.io.IOException;
import java.util.List;

/**
 * The simple query protocol (cf. exec_simple_query in tcop/postgres.c): parse the whole string, run
 * each statement in one implicit transaction unless the string controls transactions itself, and
 * answer each with its rows and CommandComplete. An error abandons the rest of the string; the
 * caller's error funnel reports it.
 */
final class SimpleQuery {
    private final Backend backend;
    private final WireReceiver out;
    private final UtilityCommands utility;

    SimpleQuery(Backend backend) {
        this.backend = backend;
        this.out = new WireReceiver(backend.io, true);
        this.utility = new UtilityCommands(backend, out);
    }

    void execute(String sql) throws IOException {
        List<Statement> statements;
        try {
            statements = Parser.parse(sql);
        } catch (SqlSyntaxException e) {
            throw new PgException(SqlState.SYNTAX_ERROR, e.getMessage()).position(e.offset() + 1);
        }
        if (statements.isEmpty()) {
            EmptyQueryResponse.INSTANCE.encode(backend.io.writer());
            return;
        }
        boolean multi = statements.size() > 1;
        for (Statement st : statements) {
            backend.transaction.beforeStatement(st, multi);
            if (st instanceof EngineStatement es) {
                backend.engine.execute(es, out);
            } else {
                utility.execute(st);
            }
        }
        backend.transaction.endOfQuery();
    }
}
