package dev.tusk.server.engine;

import java.util.List;

/**
 * A statement prepared by the engine for the extended query protocol (cf. a CachedPlanSource): its
 * parameter types, known or inferred, and the columns it returns. Portals are made from it by
 * binding parameter values. Owned by one backend thread.
 */
public interface EnginePrepared extends AutoCloseable {
    /** The PostgreSQL type OID of each parameter ($1 first); 0 where neither client nor engine knows. */
    int[] parameterTypes();

    /** The result columns, or null if the statement returns no rows. */
    List<ColumnDescription> columns();

    /** A portal running this statement with these parameter values (Java values, null for SQL NULL). */
    EnginePortal bind(Object[] parameters);

    @Override
    void close();
}
