package dev.tusk.server.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tusk.server.error.PgException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AclTest {
    @Test
    void printsAndReadsAclitemsAsPostgres() {
        Acl acl = Acl.defaultFor(Acl.Kind.DATABASE, "owner").grant("bob", Acl.CONNECT, true, "owner")
                .grant("odd name", Acl.TEMPORARY, false, "owner");
        String[] text = {"=Tc/owner", "owner=CTc/owner", "bob=c*/owner", "\"odd name\"=T/owner"};
        assertArrayEquals(text, acl.toArray());
        assertEquals(acl, Acl.parse(text));
        assertArrayEquals(new String[] {"alice=arwdDxt/alice"}, Acl.defaultFor(Acl.Kind.TABLE, "alice").toArray());
    }

    @Test
    void maskCountsPublicAndInheritedGrantees() {
        Acl acl = Acl.defaultFor(Acl.Kind.TABLE, "o").grant("", Acl.SELECT, false, "o").grant("grp", Acl.INSERT, true, "o");
        int mask = acl.mask(Set.of("grp")::contains);
        assertEquals(Acl.SELECT | Acl.INSERT, Acl.privilegesOf(mask));
        assertEquals(Acl.INSERT, Acl.grantOptionsOf(mask));
        assertEquals(Acl.SELECT, Acl.privilegesOf(acl.mask(r -> false)));
    }

    @Test
    void grantOptionHoldersGrantAsThemselvesAndRevokeNeedsCascade() {
        List<String> warnings = new ArrayList<>();
        Acl acl = Acl.defaultFor(Acl.Kind.TABLE, "o");
        AclChange owner = new AclChange(Acl.Kind.TABLE, "t", "o", r -> r.equals("o"), (s, m) -> warnings.add(m));
        acl = owner.grant(acl, Acl.SELECT, List.of("a"), true);
        AclChange a = new AclChange(Acl.Kind.TABLE, "t", "o", r -> r.equals("a"), (s, m) -> warnings.add(m));
        acl = a.grant(acl, Acl.SELECT | Acl.INSERT, List.of("b"), false);
        assertEquals(List.of("not all privileges were granted for \"t\""), warnings);
        assertArrayEquals(new String[] {"o=arwdDxt/o", "a=r*/o", "b=r/a"}, acl.toArray());
        Acl granted = acl;
        PgException dependent = assertThrows(PgException.class, () -> owner.revoke(granted, Acl.SELECT, List.of("a"), false, false));
        assertEquals("2BP01", dependent.sqlState());
        assertArrayEquals(new String[] {"o=arwdDxt/o"}, owner.revoke(acl, Acl.SELECT, List.of("a"), false, true).toArray());
        assertArrayEquals(new String[] {"o=arwdDxt/o", "a=r/o"}, owner.revoke(acl, Acl.SELECT, List.of("a"), true, true).toArray());
        AclChange nobody = new AclChange(Acl.Kind.TABLE, "t", "o", r -> false, (s, m) -> { });
        assertEquals("42501", assertThrows(PgException.class, () -> nobody.grant(granted, Acl.SELECT, List.of("c"), false)).sqlState());
    }

    @Test
    void newOwnerTakesTheOldOwnersGrants() {
        Acl acl = Acl.defaultFor(Acl.Kind.TABLE, "o").grant("b", Acl.SELECT, false, "o");
        assertArrayEquals(new String[] {"n=arwdDxt/n", "b=r/n"}, acl.renameRole("o", "n").toArray());
        assertArrayEquals(new String[] {"o=arwdDxt/o"}, acl.without("b").toArray());
    }
}
