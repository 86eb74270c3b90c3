package dev.tusk.driver.jdbc;

import java.sql.ParameterMetaData;
import java.sql.SQLException;

/** Parameter types as the server inferred them (ParameterDescription). */
final class TuskParameterMetaData implements ParameterMetaData {
    private final int[] oids;

    TuskParameterMetaData(int[] oids) {
        this.oids = oids;
    }

    private int oid(int param) throws SQLException {
        if (param < 1 || param > oids.length) {
            throw new SQLException("The parameter index is out of range: " + param + ", number of parameters: " + oids.length + ".", "22023");
        }
        return oids[param - 1];
    }

    @Override
    public int getParameterCount() {
        return oids.length;
    }

    @Override
    public int isNullable(int param) throws SQLException {
        oid(param);
        return parameterNullableUnknown;
    }

    @Override
    public boolean isSigned(int param) throws SQLException {
        int o = oid(param);
        int t = PgTypeInfo.sqlType(o);
        return t == java.sql.Types.INTEGER || t == java.sql.Types.BIGINT || t == java.sql.Types.SMALLINT
                || t == java.sql.Types.REAL || t == java.sql.Types.DOUBLE || t == java.sql.Types.NUMERIC;
    }

    @Override
    public int getPrecision(int param) throws SQLException {
        return PgTypeInfo.precision(oid(param), -1);
    }

    @Override
    public int getScale(int param) throws SQLException {
        return PgTypeInfo.scale(oid(param), -1);
    }

    @Override
    public int getParameterType(int param) throws SQLException {
        return PgTypeInfo.sqlType(oid(param));
    }

    @Override
    public String getParameterTypeName(int param) throws SQLException {
        return PgTypeInfo.name(oid(param));
    }

    @Override
    public String getParameterClassName(int param) throws SQLException {
        return PgTypeInfo.javaClass(oid(param));
    }

    @Override
    public int getParameterMode(int param) throws SQLException {
        oid(param);
        return parameterModeIn;
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return Wrappers.unwrap(this, iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
