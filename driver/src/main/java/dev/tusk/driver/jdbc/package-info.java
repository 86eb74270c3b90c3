/**
 * The JDBC objects over a protocol connection: Connection, Statement/PreparedStatement/
 * CallableStatement, ResultSet and the metadata classes, the executor that turns them into simple-
 * or extended-protocol exchanges (named-statement cache, pipelined batches, portals for fetch
 * size), value conversion in both directions, COPY, and DatabaseMetaData from pg_catalog. The
 * {@code Unsupported*} classes are generated (driver/tools/gen_unsupported.py) so every JDBC method
 * the driver lacks fails the same clear way.
 */
package dev.tusk.driver.jdbc;
