/** The startup phase: StartupMessage, SSLRequest, GSSENCRequest, CancelRequest, NegotiateProtocolVersion, BackendKeyData. */
package dev.tusk.protocol.message.startup;
