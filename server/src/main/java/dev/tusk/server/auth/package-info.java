/**
 * Client authentication (cf. libpq/auth.c, auth-scram.c): the password methods of pg_hba.conf —
 * cleartext password, md5, SCRAM-SHA-256 — and the stored verifiers they check against.
 */
package dev.tusk.server.auth;
