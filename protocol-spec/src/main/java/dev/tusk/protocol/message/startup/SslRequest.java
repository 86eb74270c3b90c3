package dev.tusk.protocol.message.startup;

import dev.tusk.protocol.PgWriter;

/** SSLRequest: asks for TLS before the StartupMessage; answered with one byte, 'S' or 'N'. */
public record SslRequest() implements StartupPacket {
    @Override
    public void encode(PgWriter w) {
        w.beginUntyped().int32(SSL_REQUEST_CODE).end();
    }
}
