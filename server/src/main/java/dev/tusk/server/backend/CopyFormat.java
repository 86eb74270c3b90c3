package dev.tusk.server.backend;

import dev.tusk.protocol.SqlState;
import dev.tusk.server.error.PgException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * COPY's text and CSV formats (cf. commands/copyfromparse.c and copyto.c): splitting a line into
 * fields with NULL markers, backslash escapes or CSV quoting, and writing a row the same way.
 */
final class CopyFormat {
    final boolean binary;
    final boolean csv;
    final char delimiter;
    final String nullString;
    final char quote;
    final char escape;
    final boolean header;
    private final Map<String, String> options;

    private CopyFormat(boolean binary, boolean csv, char delimiter, String nullString, char quote, char escape,
                       boolean header) {
        this(binary, csv, delimiter, nullString, quote, escape, header, Map.of());
    }

    private CopyFormat(boolean binary, boolean csv, char delimiter, String nullString, char quote, char escape,
                       boolean header, Map<String, String> options) {
        this.options = options;
        this.binary = binary;
        this.csv = csv;
        this.delimiter = delimiter;
        this.nullString = nullString;
        this.quote = quote;
        this.escape = escape;
        this.header = header;
    }

    /** The format the COPY options ask for: text (default), csv or binary. */
    static CopyFormat of(Map<String, String> options) {
        String format = options.getOrDefault("format", "text").toLowerCase(java.util.Locale.ROOT);
        String encoding = options.getOrDefault("encoding", "UTF8").toUpperCase(java.util.Locale.ROOT).replace("-", "");
        if (!encoding.equals("UTF8") && !encoding.equals("UNICODE")) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "COPY encoding " + options.get("encoding")
                    + " is not supported by Tusk (UTF8 only)");
        }
        if (format.equals("binary")) {
            return new CopyFormat(true, false, '\t', "", '"', '"', false);
        }
        if (!format.equals("text") && !format.equals("csv")) {
            throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "COPY format \"" + format + "\" not recognized");
        }
        boolean csv = format.equals("csv");
        char delimiter = single(options.getOrDefault("delimiter", csv ? "," : "\t"), "delimiter");
        char quote = single(options.getOrDefault("quote", "\""), "quote");
        char escape = single(options.getOrDefault("escape", String.valueOf(quote)), "escape");
        boolean header = options.containsKey("header") && !options.get("header").equalsIgnoreCase("false")
                && !options.get("header").equals("0") && !options.get("header").equalsIgnoreCase("off");
        if (header && !csv) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "COPY HEADER available only in CSV mode");
        }
        for (String csvOnly : new String[] {"force_quote", "force_not_null", "force_null"}) {
            if (options.containsKey(csvOnly) && !csv) {
                // PostgreSQL's wording: "COPY force quote available only in CSV mode"
                throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "COPY " + csvOnly.replace('_', ' ')
                        + " available only in CSV mode");
            }
        }
        return new CopyFormat(false, csv, delimiter, options.getOrDefault("null", csv ? "" : "\\N"), quote, escape, header,
                options);
    }

    /**
     * Which of the columns a CSV column option (FORCE_QUOTE, FORCE_NOT_NULL, FORCE_NULL) names: a
     * list, or * for all; null when the option is absent.
     */
    boolean[] columns(String option, List<String> columns) {
        String value = options.get(option);
        if (value == null) {
            return null;
        }
        boolean[] out = new boolean[columns.size()];
        List<String> named = value.equals("*") || value.equals("true") ? columns : List.of(value.split(","));
        for (String n : named) {
            int i = columns.indexOf(n);
            if (i < 0) {
                throw new PgException(SqlState.UNDEFINED_COLUMN, "column \"" + n + "\" does not exist");
            }
            out[i] = true;
        }
        return out;
    }

    private static char single(String value, String option) {
        if (value.length() != 1) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "COPY " + option + " must be a single one-byte character");
        }
        return value.charAt(0);
    }

    /** The fields of one line (without its newline); null elements are SQL NULL. */
    List<String> parse(String line) {
        return csv ? parseCsv(line, null, null) : parseText(line);
    }

    /**
     * A CSV line where forceNotNull columns never read the null string as NULL, and forceNull
     * columns read it as NULL even when quoted.
     */
    List<String> parse(String line, boolean[] forceNotNull, boolean[] forceNull) {
        return csv ? parseCsv(line, forceNotNull, forceNull) : parseText(line);
    }

    private List<String> parseText(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        int start = 0;
        for (int i = 0; i <= line.length(); i++) {
            if (i == line.length() || line.charAt(i) == delimiter) {
                // NULL is the field whose raw text is the null marker (\N unless told otherwise)
                fields.add(line.substring(start, i).equals(nullString) ? null : f.toString());
                f.setLength(0);
                start = i + 1;
                continue;
            }
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                char e = line.charAt(++i);
                switch (e) {
                    case 'b': f.append('\b'); break;
                    case 'f': f.append('\f'); break;
                    case 'n': f.append('\n'); break;
                    case 'r': f.append('\r'); break;
                    case 't': f.append('\t'); break;
                    case 'v': f.append('\u000b'); break;
                    case 'x': {
                        int v = 0;
                        int n = 0;
                        while (n < 2 && i + 1 < line.length() && Character.digit(line.charAt(i + 1), 16) >= 0) {
                            v = v * 16 + Character.digit(line.charAt(++i), 16);
                            n++;
                        }
                        f.append(n == 0 ? 'x' : (char) v);
                        break;
                    }
                    default:
                        if (e >= '0' && e <= '7') {
                            int v = e - '0';
                            for (int n = 0; n < 2 && i + 1 < line.length() && line.charAt(i + 1) >= '0' && line.charAt(i + 1) <= '7'; n++) {
                                v = v * 8 + (line.charAt(++i) - '0');
                            }
                            f.append((char) v);
                        } else {
                            f.append(e);
                        }
                }
            } else {
                f.append(c);
            }
        }
        return fields;
    }

    private List<String> parseCsv(String line, boolean[] forceNotNull, boolean[] forceNull) {
        List<String> fields = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i <= line.length(); i++) {
            char c = i < line.length() ? line.charAt(i) : '\0';
            if (i == line.length() || !quoted && c == delimiter) {
                String v = f.toString();
                int column = fields.size();
                boolean notNull = forceNotNull != null && column < forceNotNull.length && forceNotNull[column];
                boolean asNull = forceNull != null && column < forceNull.length && forceNull[column];
                fields.add(v.equals(nullString) && (!wasQuoted && !notNull || wasQuoted && asNull) ? null : v);
                f.setLength(0);
                wasQuoted = false;
                continue;
            }
            if (quoted) {
                if (c == escape && escape != quote && i + 1 < line.length() && line.charAt(i + 1) == quote) {
                    f.append(quote);
                    i++;
                } else if (c == quote && i + 1 < line.length() && line.charAt(i + 1) == quote && escape == quote) {
                    f.append(quote);
                    i++;
                } else if (c == quote) {
                    quoted = false;
                } else {
                    f.append(c);
                }
            } else if (c == quote) {
                quoted = true;
                wasQuoted = true;
            } else {
                f.append(c);
            }
        }
        if (quoted) {
            throw new PgException(SqlState.BAD_COPY_FILE_FORMAT, "unterminated CSV quoted field");
        }
        return fields;
    }

    /** One row as a line of this format, newline included. */
    String format(String[] values) {
        return format(values, null);
    }

    /** One row as a line; forceQuote columns are quoted in CSV whatever their value (but NULL). */
    String format(String[] values, boolean[] forceQuote) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append(delimiter);
            }
            String v = values[i];
            if (v == null) {
                sb.append(nullString);
            } else if (csv) {
                csvField(sb, v, forceQuote != null && forceQuote[i]);
            } else {
                textField(sb, v);
            }
        }
        return sb.append('\n').toString();
    }

    private void textField(StringBuilder sb, String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                case '\b': sb.append("\\b"); break;
                case '\f': sb.append("\\f"); break;
                case '\u000b': sb.append("\\v"); break;
                default:
                    if (c == delimiter) {
                        sb.append('\\');
                    }
                    sb.append(c);
            }
        }
    }

    private void csvField(StringBuilder sb, String v, boolean force) {
        boolean needsQuotes = force || v.isEmpty() && nullString.isEmpty() || v.equals(nullString);
        for (int i = 0; i < v.length() && !needsQuotes; i++) {
            char c = v.charAt(i);
            needsQuotes = c == delimiter || c == quote || c == '\n' || c == '\r';
        }
        if (!needsQuotes) {
            sb.append(v);
            return;
        }
        sb.append(quote);
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == quote || c == escape) {
                sb.append(escape);
            }
            sb.append(c);
        }
        sb.append(quote);
    }
}
