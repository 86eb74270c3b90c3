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

    /** SET name = value, or RESET (value null: back to the session's default); returns the value now in force. */
    static String set(Backend backend, String name, String value, boolean local) {
        return set(backend, name, value, local, false);
    }

    /**
     * Sets name to value, as SET would (atStartup false) or as a startup packet's parameter would,
     * where backend-only settings may still be set and nothing is reported yet (the startup reply
     * reports every GUC_REPORT setting once). Returns the value now in force.
     */
    static String set(Backend backend, String name, String value, boolean local, boolean atStartup) {
        SessionSettings.Definition d = SessionSettings.definition(name);
        if (d != null) {
            checkContext(backend, d, atStartup);
            if (value != null) {
                value = validate(backend, d, value);
            }
        }
        String canonical = backend.settings.set(name, value, local, backend.transaction.inBlock());
        String now = backend.settings.get(canonical);
        backend.settingChanged(canonical, now, !atStartup);
        if (canonical.equals("session_authorization") && !atStartup) {
            // a new session user starts without a role set (cf. SetSessionAuthorization)
            backend.settings.set("role", null, local, backend.transaction.inBlock());
            backend.settingChanged("role", backend.settings.get("role"), true);
        }
        return now;
    }

    /** When a setting may change and by whom (cf. guc.c set_config_option's switch over the context). */
    private static void checkContext(Backend backend, SessionSettings.Definition d, boolean atStartup) {
        String name = d.name();
        switch (d.context()) {
            case "internal":
                throw new PgException(SqlState.CANT_CHANGE_RUNTIME_PARAM, "parameter \"" + name + "\" cannot be changed");
            case "postmaster":
                throw new PgException(SqlState.CANT_CHANGE_RUNTIME_PARAM,
                        "parameter \"" + name + "\" cannot be changed without restarting the server");
            case "sighup":
                throw new PgException(SqlState.CANT_CHANGE_RUNTIME_PARAM, "parameter \"" + name + "\" cannot be changed now");
            case "superuser-backend":
            case "backend":
                if (!atStartup) {
                    throw new PgException(SqlState.CANT_CHANGE_RUNTIME_PARAM,
                            "parameter \"" + name + "\" cannot be set after connection start");
                }
                if (d.context().equals("backend")) {
                    return;
                }
                // fall through: superuser-backend at startup needs a superuser
            case "superuser":
                if (!backend.isSuperuser()) {
                    throw new PgException(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied to set parameter \"" + name + "\"");
                }
                return;
            default:
                return;
        }
    }

    private static String validate(Backend backend, SessionSettings.Definition d, String value) {
        String name = d.name();
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
                // the order, when not named, is kept from the current value (cf. datetime.c check_datestyle)
                String order = v.contains("DMY") || v.contains("EURO") && !v.contains("NONEURO") ? "DMY"
                        : v.contains("YMD") ? "YMD" : v.contains("MDY") || v.contains("US") || v.contains("NONEURO") ? "MDY"
                        : backend.settings.get("DateStyle").replaceFirst(".*, *", "");
                return "ISO, " + order;
            }
            case "role":
                return checkRole(backend, value);
            case "session_authorization":
                return checkSessionAuthorization(backend, value);
            case "transaction_isolation":
                if (backend.transaction.queried()) {
                    throw new PgException(SqlState.ACTIVE_SQL_TRANSACTION,
                            "SET TRANSACTION ISOLATION LEVEL must be called before any query");
                }
                return byType(d, value);
            default:
                return byType(d, value);
        }
    }

    /** A value checked and normalized by the setting's type, as guc.c parse_and_validate_value does. */
    private static String byType(SessionSettings.Definition d, String value) {
        switch (d.type()) {
            case "bool": {
                Boolean b = parseBool(value.trim().toLowerCase(Locale.ROOT));
                if (b == null) {
                    throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "parameter \"" + d.name() + "\" requires a Boolean value");
                }
                return b ? "on" : "off";
            }
            case "enum": {
                for (String v : d.enumValues()) {
                    if (v.equalsIgnoreCase(value.trim())) {
                        return v;
                    }
                }
                throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "invalid value for parameter \"" + d.name() + "\": \""
                        + value + "\"").hint("Available values: " + String.join(", ", d.enumValues()) + ".");
            }
            case "integer":
                if (!d.unit().isEmpty()) {
                    return GucUnits.normalize(d.name(), d.unit(), value);
                }
                // fall through
            case "real":
                if (!value.matches("\\s*[-+]?(\\d+(\\.\\d*)?|\\.\\d+|0[xX][0-9a-fA-F]+)([eE][-+]?\\d+)?\\s*[a-zA-Z]*\\s*")) {
                    throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "invalid value for parameter \"" + d.name() + "\": \""
                            + value + "\"");
                }
                return value.trim();
            default:
                return value;
        }
    }

    /** PostgreSQL's parse_bool: on/off, true/false, yes/no, 1/0 and unique prefixes of them. */
    static Boolean parseBool(String v) {
        if (v.isEmpty()) {
            return null;
        }
        if (v.equals("1") || v.equals("on") || "true".startsWith(v) || "yes".startsWith(v)) {
            return Boolean.TRUE;
        }
        if (v.equals("0") || (v.length() >= 2 && "off".startsWith(v)) || "false".startsWith(v) || "no".startsWith(v)) {
            return Boolean.FALSE;
        }
        return null;
    }

    /** SET ROLE: NONE, or a role the session user is a member of (any role for a superuser). */
    /** SET SESSION AUTHORIZATION: an authenticated superuser may become any role; others only themselves. */
    private static String checkSessionAuthorization(Backend backend, String role) {
        if (role.equalsIgnoreCase("default")) {
            return backend.user;
        }
        if (backend.postmaster.roles().get(role) == null) {
            throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "role \"" + role + "\" does not exist");
        }
        if (!role.equals(backend.user) && !backend.isAuthenticatedSuperuser()) {
            throw new PgException(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied to set session authorization \"" + role + "\"");
        }
        return role;
    }

    private static String checkRole(Backend backend, String role) {
        if (role.equalsIgnoreCase("none")) {
            return "none";
        }
        if (backend.postmaster.roles().get(role) == null) {
            throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "role \"" + role + "\" does not exist");
        }
        if (!backend.isSessionSuperuser() && !backend.postmaster.roles().hasPrivilegesOf(backend.sessionUser(), role)) {
            throw new PgException(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied to set role \"" + role + "\"");
        }
        return role;
    }
}
