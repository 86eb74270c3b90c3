package dev.tusk.protocol.message.startup;

import dev.tusk.protocol.PgWriter;

/** GSSENCRequest: asks for GSSAPI encryption; answered with one byte, 'G' or 'N'. */
public record GssEncRequest() implements StartupPacket {
    @Override
    public void encode(PgWriter w) {
        w.beginUntyped().int32(GSSENC_REQUEST_CODE).end();
    }
}
