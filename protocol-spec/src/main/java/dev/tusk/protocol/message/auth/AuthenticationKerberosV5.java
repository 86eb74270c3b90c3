package dev.tusk.protocol.message.auth;

import dev.tusk.protocol.PgWriter;

/** AuthenticationKerberosV5: Kerberos V5 requested (not supported by PostgreSQL since 9.4; here for completeness). */
public record AuthenticationKerberosV5() implements Authentication {
    @Override
    public void encode(PgWriter w) {
        Authentication.encode(w, KERBEROS_V5, null);
    }
}
