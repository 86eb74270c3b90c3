/**
 * The installation on disk: layout, initdb, postgresql.conf and pg_hba.conf parsing, roles and the
 * postmaster.pid lock file. No networking and no sessions here.
 */
package dev.tusk.server.datadir;
