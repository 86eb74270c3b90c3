package dev.tusk.driver.jdbc;

import dev.tusk.protocol.types.PgBinary;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A one-dimensional array value, read from the server (text '{a,b,NULL}' or binary array_send) or
 * built by createArrayOf; elements are converted as the getters convert a column of the element type.
 */
final class TuskArray implements Array {
    private final int elementOid;
    private final Object[] elements;

    TuskArray(int elementOid, Field f, byte[] v) throws SQLException {
        this.elementOid = elementOid;
        Field ef = new Field("", 0, 0, elementOid, -1, -1, f.format());
        List<Object> out = new ArrayList<>();
        if (f.binary()) {
            for (Object o : PgBinary.decodeArray(v)) {
                out.add(o == null ? null : Values.object(ef, PgBinary.encode(elementOid, o)));
            }
        } else {
            for (String s : parseText(new String(v, StandardCharsets.UTF_8))) {
                out.add(s == null ? null : Values.object(ef, s.getBytes(StandardCharsets.UTF_8)));
            }
        }
        this.elements = out.toArray();
    }

    TuskArray(int elementOid, Object[] elements) {
        this.elementOid = elementOid;
        this.elements = elements.clone();
    }

    Object[] elements() {
        return elements;
    }

    int elementOid() {
        return elementOid;
    }

    /** array_out's format for one dimension: {a,"b c",NULL}; quoted elements unescape \x to x. */
    static List<String> parseText(String s) {
        List<String> out = new ArrayList<>();
        int i = s.indexOf('{') + 1;
        if (i == 0 || s.startsWith("{}")) {
            return out;
        }
        int len = s.length();
        while (i < len) {
            char c = s.charAt(i);
            if (c == '}') {
                break;
            }
            if (c == ',') {
                i++;
                continue;
            }
            StringBuilder b = new StringBuilder();
            if (c == '"') {
                i++;
                while (i < len && s.charAt(i) != '"') {
                    if (s.charAt(i) == '\\') {
                        i++;
                    }
                    b.append(s.charAt(i++));
                }
                i++;
                out.add(b.toString());
            } else {
                while (i < len && s.charAt(i) != ',' && s.charAt(i) != '}') {
                    b.append(s.charAt(i++));
                }
                String e = b.toString().trim();
                out.add(e.equals("NULL") ? null : e);
            }
        }
        return out;
    }

    /** The text form of elements as a parameter: {"a","b c",NULL}. */
    static String toText(Object[] elements) {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < elements.length; i++) {
            if (i > 0) {
                b.append(',');
            }
            Object e = elements[i];
            if (e == null) {
                b.append("NULL");
            } else {
                String s = Parameters.textOf(e);
                b.append('"').append(s.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            }
        }
        return b.append('}').toString();
    }

    @Override
    public String getBaseTypeName() {
        return PgTypeInfo.name(elementOid);
    }

    @Override
    public int getBaseType() {
        return PgTypeInfo.sqlType(elementOid);
    }

    @Override
    public Object getArray() {
        return typedCopy(0, elements.length);
    }

    private Object[] typedCopy(int from, int count) {
        Class<?> type = Object.class;
        for (Object e : elements) {
            if (e != null) {
                type = e.getClass();
                break;
            }
        }
        Object[] out = (Object[]) java.lang.reflect.Array.newInstance(type, count);
        System.arraycopy(elements, from, out, 0, count);
        return out;
    }

    @Override
    public Object getArray(Map<String, Class<?>> map) {
        return getArray();
    }

    @Override
    public Object getArray(long index, int count) {
        return typedCopy((int) index - 1, count);
    }

    @Override
    public Object getArray(long index, int count, Map<String, Class<?>> map) {
        return getArray(index, count);
    }

    @Override
    public ResultSet getResultSet() throws SQLException {
        throw new SQLFeatureNotSupportedException("Array.getResultSet");
    }

    @Override
    public ResultSet getResultSet(Map<String, Class<?>> map) throws SQLException {
        throw new SQLFeatureNotSupportedException("Array.getResultSet");
    }

    @Override
    public ResultSet getResultSet(long index, int count) throws SQLException {
        throw new SQLFeatureNotSupportedException("Array.getResultSet");
    }

    @Override
    public ResultSet getResultSet(long index, int count, Map<String, Class<?>> map) throws SQLException {
        throw new SQLFeatureNotSupportedException("Array.getResultSet");
    }

    @Override
    public void free() {
    }

    @Override
    public String toString() {
        return toText(elements);
    }
}
