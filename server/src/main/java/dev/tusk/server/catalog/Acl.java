package dev.tusk.server.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * An access control list as PostgreSQL keeps one (cf. utils/adt/acl.c): aclitems {@code grantee=privs/grantor},
 * one per grantee and grantor, each privilege a letter followed by {@code *} when it comes with the
 * grant option, the empty grantee for PUBLIC. An object without a list has its kind's default (cf.
 * acldefault): all privileges for the owner, and for databases, functions and types some for PUBLIC
 * too. Immutable.
 */
public final class Acl {
    /** The privilege letters in PostgreSQL's bit order (ACL_INSERT is bit 0 ...). */
    private static final String LETTERS = "arwdDxtXUCTc";
    public static final int INSERT = 1;
    public static final int SELECT = 1 << 1;
    public static final int UPDATE = 1 << 2;
    public static final int DELETE = 1 << 3;
    public static final int TRUNCATE = 1 << 4;
    public static final int REFERENCES = 1 << 5;
    public static final int TRIGGER = 1 << 6;
    public static final int EXECUTE = 1 << 7;
    public static final int USAGE = 1 << 8;
    public static final int CREATE = 1 << 9;
    public static final int TEMPORARY = 1 << 10;
    public static final int CONNECT = 1 << 11;

    /** What can carry privileges, with the ones each kind has (cf. ACL_ALL_RIGHTS_*) and its name in messages. */
    public enum Kind {
        TABLE("table", INSERT | SELECT | UPDATE | DELETE | TRUNCATE | REFERENCES | TRIGGER, 0),
        VIEW("view", INSERT | SELECT | UPDATE | DELETE | TRUNCATE | REFERENCES | TRIGGER, 0),
        SEQUENCE("sequence", SELECT | UPDATE | USAGE, 0),
        COLUMN("column", INSERT | SELECT | UPDATE | REFERENCES, 0),
        SCHEMA("schema", USAGE | CREATE, 0),
        DATABASE("database", CREATE | TEMPORARY | CONNECT, TEMPORARY | CONNECT),
        FUNCTION("function", EXECUTE, EXECUTE),
        TYPE("type", USAGE, USAGE);

        private final String noun;
        private final int all;
        private final int publicDefault;

        Kind(String noun, int all, int publicDefault) {
            this.noun = noun;
            this.all = all;
            this.publicDefault = publicDefault;
        }

        public String noun() {
            return noun;
        }

        /** Every privilege the kind has (what ALL PRIVILEGES means for it). */
        public int all() {
            return all;
        }
    }

    /** One aclitem; grantee "" is PUBLIC. */
    public record Item(String grantee, int privileges, int grantOptions, String grantor) {
    }

    private final List<Item> items;

    private Acl(List<Item> items) {
        this.items = List.copyOf(items);
    }

    public static final Acl EMPTY = new Acl(List.of());

    /** The list an object of this kind has before any GRANT or REVOKE (cf. acldefault). */
    public static Acl defaultFor(Kind kind, String owner) {
        List<Item> items = new ArrayList<>();
        if (kind.publicDefault != 0) {
            items.add(new Item("", kind.publicDefault, 0, owner));
        }
        if (kind != Kind.COLUMN) {
            items.add(new Item(owner, kind.all, 0, owner));
        }
        return new Acl(items);
    }

    public List<Item> items() {
        return items;
    }

    /** The privilege a GRANT names ("select", "temp" ...), or 0 if it is none. */
    public static int privilege(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "select" -> SELECT;
            case "insert" -> INSERT;
            case "update" -> UPDATE;
            case "delete" -> DELETE;
            case "truncate" -> TRUNCATE;
            case "references" -> REFERENCES;
            case "trigger" -> TRIGGER;
            case "execute" -> EXECUTE;
            case "usage" -> USAGE;
            case "create" -> CREATE;
            case "temporary", "temp" -> TEMPORARY;
            case "connect" -> CONNECT;
            default -> 0;
        };
    }

    /** The privileges has_table_privilege and friends name: "SELECT, INSERT WITH GRANT OPTION" (cf. convert_any_priv_string). */
    public static int[] privilegesNamed(String list) {
        int privileges = 0;
        int options = 0;
        for (String part : list.split(",")) {
            String p = part.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
            boolean option = p.endsWith(" with grant option");
            if (option) {
                p = p.substring(0, p.length() - " with grant option".length()).strip();
            }
            int bit = privilege(p);
            if (bit == 0) {
                return null;
            }
            privileges |= bit;
            if (option) {
                options |= bit;
            }
        }
        return new int[] {privileges, options};
    }

    /** The privileges' names, upper case as information_schema shows them. */
    public static List<String> names(int privileges) {
        List<String> out = new ArrayList<>();
        String[] names = {"INSERT", "SELECT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER", "EXECUTE", "USAGE",
            "CREATE", "TEMPORARY", "CONNECT"};
        for (int i = 0; i < names.length; i++) {
            if ((privileges & (1 << i)) != 0) {
                out.add(names[i]);
            }
        }
        return out;
    }

    /**
     * The privileges (low bits) and grant options (shifted by 16) the role has here; isRole tells
     * whether the role has the privileges of a grantee (itself, a role it inherits, pg_database_owner
     * when it owns the database).
     */
    public int mask(Predicate<String> isRole) {
        int privileges = 0;
        int options = 0;
        for (Item i : items) {
            if (i.grantee().isEmpty() || isRole.test(i.grantee())) {
                privileges |= i.privileges();
                options |= i.grantOptions();
            }
        }
        return privileges | (options << 16);
    }

    public static int privilegesOf(int mask) {
        return mask & 0xFFFF;
    }

    public static int grantOptionsOf(int mask) {
        return mask >>> 16;
    }

    /** Adds privileges (and their grant option) for grantee as granted by grantor (cf. aclupdate ACL_MODECHG_ADD). */
    public Acl grant(String grantee, int privileges, boolean grantOption, String grantor) {
        List<Item> out = new ArrayList<>();
        boolean merged = false;
        for (Item i : items) {
            if (i.grantee().equals(grantee) && i.grantor().equals(grantor)) {
                out.add(new Item(grantee, i.privileges() | privileges, i.grantOptions() | (grantOption ? privileges : 0), grantor));
                merged = true;
            } else {
                out.add(i);
            }
        }
        if (!merged) {
            out.add(new Item(grantee, privileges, grantOption ? privileges : 0, grantor));
        }
        return new Acl(out);
    }

    /**
     * Takes privileges (or only their grant option) granted by grantor from grantee (cf. aclupdate
     * ACL_MODECHG_DEL); an item left with nothing goes.
     */
    public Acl revoke(String grantee, int privileges, boolean grantOptionOnly, String grantor) {
        List<Item> out = new ArrayList<>();
        for (Item i : items) {
            if (i.grantee().equals(grantee) && i.grantor().equals(grantor)) {
                int keep = grantOptionOnly ? i.privileges() : i.privileges() & ~privileges;
                int keepOptions = i.grantOptions() & ~privileges & keep;
                if (keep != 0) {
                    out.add(new Item(grantee, keep, keepOptions, grantor));
                }
            } else {
                out.add(i);
            }
        }
        return new Acl(out);
    }

    /** The items granted by grantor that hold any of these privileges: what depends on its grant option. */
    public List<Item> grantedBy(String grantor, int privileges) {
        List<Item> out = new ArrayList<>();
        for (Item i : items) {
            if (i.grantor().equals(grantor) && !i.grantee().equals(grantor) && (i.privileges() & privileges) != 0) {
                out.add(i);
            }
        }
        return out;
    }

    /** Every grant by one role replaced by the same grant by another (REASSIGN OWNED, ALTER ... OWNER TO). */
    public Acl renameRole(String from, String to) {
        Acl acl = EMPTY;
        for (Item i : items) {
            String grantee = i.grantee().equals(from) ? to : i.grantee();
            String grantor = i.grantor().equals(from) ? to : i.grantor();
            acl = acl.grant(grantee, i.privileges(), false, grantor);
            if (i.grantOptions() != 0) {
                acl = acl.grant(grantee, i.grantOptions(), true, grantor);
            }
        }
        return acl;
    }

    /** The list without the grants to or by a role (DROP OWNED). */
    public Acl without(String role) {
        return new Acl(items.stream().filter(i -> !i.grantee().equals(role) && !i.grantor().equals(role)).toList());
    }

    /** As PostgreSQL prints the list: aclitems in order (cf. aclitemout). */
    public String[] toArray() {
        String[] out = new String[items.size()];
        for (int n = 0; n < out.length; n++) {
            Item i = items.get(n);
            StringBuilder sb = new StringBuilder();
            sb.append(quote(i.grantee())).append('=');
            for (int b = 0; b < LETTERS.length(); b++) {
                if ((i.privileges() & (1 << b)) != 0) {
                    sb.append(LETTERS.charAt(b));
                    if ((i.grantOptions() & (1 << b)) != 0) {
                        sb.append('*');
                    }
                }
            }
            sb.append('/').append(quote(i.grantor()));
            out[n] = sb.toString();
        }
        return out;
    }

    /** Reads what {@link #toArray()} wrote. */
    public static Acl parse(Object[] items) {
        if (items == null) {
            return null;
        }
        List<Item> out = new ArrayList<>();
        for (Object o : items) {
            String s = o.toString();
            int eq = grantorSplit(s, '=', 0);
            int slash = grantorSplit(s, '/', eq + 1);
            String grantee = unquote(s.substring(0, eq));
            int privileges = 0;
            int options = 0;
            for (int p = eq + 1; p < slash; p++) {
                int bit = 1 << LETTERS.indexOf(s.charAt(p));
                privileges |= bit;
                if (p + 1 < slash && s.charAt(p + 1) == '*') {
                    options |= bit;
                    p++;
                }
            }
            out.add(new Item(grantee, privileges, options, unquote(s.substring(slash + 1))));
        }
        return new Acl(out);
    }

    private static int grantorSplit(String s, char c, int from) {
        boolean quoted = false;
        for (int i = from; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
            } else if (ch == c && !quoted) {
                return i;
            }
        }
        throw new IllegalArgumentException("malformed aclitem: " + s);
    }

    /** A role name in an aclitem: quoted unless it is letters, digits and underscores only (cf. putid). */
    private static String quote(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_')) {
                return '"' + name.replace("\"", "\"\"") + '"';
            }
        }
        return name;
    }

    private static String unquote(String s) {
        return s.startsWith("\"") && s.endsWith("\"") && s.length() > 1 ? s.substring(1, s.length() - 1).replace("\"\"", "\"") : s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Acl a && a.items.equals(items);
    }

    @Override
    public int hashCode() {
        return items.hashCode();
    }
}
