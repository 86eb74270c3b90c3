/**
 * The protocol side of a connection (libpq's role): opening the socket (TCP, Unix-domain, TLS as
 * sslmode says), startup and authentication (cleartext, md5, SCRAM-SHA-256[-PLUS]), multi-host
 * selection, the framed message stream with its asynchronous messages (notices, notifications,
 * parameter changes) taken aside, CancelRequest, and the watcher that pushes notifications to
 * listeners of idle connections.
 */
package dev.tusk.driver.core;
