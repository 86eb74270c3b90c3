/**
 * PostgreSQL's system catalogs as Tusk presents them: the OIDs of objects, access control lists
 * (Acl: aclitems as acl.c keeps them; AclChange: one GRANT or REVOKE with PostgreSQL's rules), and (in the engine
 * package that implements them) the pg_catalog relations and functions clients such as psql,
 * pgjdbc's DatabaseMetaData and DBeaver query.
 */
package dev.tusk.server.catalog;
