/**
 * The postmaster (cf. postmaster/postmaster.c): listen sockets, accept loop, backend registry with
 * connection slots and cancel keys, authentication timeouts, TLS (ServerTls: the certificate and key,
 * the handshake after SSLRequest) and shutdown modes.
 *
 * <pre>
 *   tusk start --> Postmaster.start: lock file, engine, listen TCP + Unix
 *                  accept loop --(one thread per connection)--> backend.BackendStartup
 *   tusk stop  --> signal --> Postmaster.shutdown(mode) --> terminate backends, close engine, remove lock
 * </pre>
 */
package dev.tusk.server.postmaster;
