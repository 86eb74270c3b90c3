package dev.tusk.server.backend;

import dev.tusk.protocol.SqlState;
import dev.tusk.server.error.PgException;
import java.util.Locale;

/**
 * Changing a setting (cf. guc.c's set_config_option), shared by SET and set_config(): checks and
 * normalizes the value as PostgreSQL does at SET time, stores it, and applies the change.
 */
final class ConfigOption {
    private ConfigOption() {
    }

    /** Sets name to value (null: back to the session's default); returns the value now in force. */
    static String set(Backend backend, String name, String value, boolean local) {
        String known = SessionSettings.canonical(name);
        if (known != null && value != null) {
            value = validate(backend, known, value);
        }
        String canonical = backend.settings.set(name, value, local, backend.transaction.inBlock());
        String now = backend.settings.get(canonical);
        backend.settingChanged(canonical, now);
        return now;
    }

    private static String validate(Backend backend, String name, String value) {
        switch (name) {
            case "client_encoding": {
                String v = value.toUpperCase(Locale.ROOT).replace("-", "");
                if (!v.equals("UTF8") && !v.equals("UNICODE")) {
                    throw new PgException(SqlState.FEATURE_NOT_SUPPORTED,
                            "conversion between " + value + " and UTF8 is not supported by Tusk");
                }
                return "UTF8";
            }
            case "DateStyle": {
                String v = value.toUpperCase(Locale.ROOT);
                if (!v.contains("ISO")) {
                    throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "Tusk supports only DateStyle ISO");
                }
                return v.contains("DMY") ? "ISO, DMY" : v.contains("YMD") ? "ISO, YMD" : "ISO, MDY";
            }
            case "statement_timeout":
                Durations.millis(value);
                return value;
            case "role":
                return checkRole(backend, value);
            default:
                return value;
        }
    }

    /** SET ROLE: NONE, or a role the session user is a member of (any role for a superuser). */
    private static String checkRole(Backend backend, String role) {
        if (role.equalsIgnoreCase("none")) {
            return "none";
        }
        if (backend.postmaster.roles().get(role) == null) {
            throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "role \"" + role + "\" does not exist");
        }
        if (!backend.isSessionSuperuser() && !backend.postmaster.roles().hasPrivilegesOf(backend.user, role)) {
            throw new PgException(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied to set role \"" + role + "\"");
        }
        return role;
    }
}
