package dev.tusk.driver.jdbc;

import dev.tusk.protocol.types.PgTypes;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;

/**
 * Column metadata from RowDescription. Table and nullability are not looked up in pg_catalog (a
 * query per result set would cost more than most callers gain), so they are reported as unknown.
 */
final class TuskResultSetMetaData implements ResultSetMetaData {
    private final Field[] fields;

    TuskResultSetMetaData(Field[] fields) {
        this.fields = fields;
    }

    private Field f(int column) throws SQLException {
        if (column < 1 || column > fields.length) {
            throw new SQLException("The column index is out of range: " + column + ", number of columns: " + fields.length + ".", "22023");
        }
        return fields[column - 1];
    }

    @Override
    public int getColumnCount() {
        return fields.length;
    }

    @Override
    public boolean isAutoIncrement(int column) throws SQLException {
        f(column);
        return false;
    }

    @Override
    public boolean isCaseSensitive(int column) throws SQLException {
        int t = PgTypeInfo.sqlType(f(column).typeOid());
        return t == java.sql.Types.VARCHAR || t == java.sql.Types.CHAR || t == java.sql.Types.OTHER;
    }

    @Override
    public boolean isSearchable(int column) throws SQLException {
        f(column);
        return true;
    }

    @Override
    public boolean isCurrency(int column) throws SQLException {
        return f(column).typeOid() == 790;
    }

    @Override
    public int isNullable(int column) throws SQLException {
        f(column);
        return columnNullableUnknown;
    }

    @Override
    public boolean isSigned(int column) throws SQLException {
        int o = f(column).typeOid();
        return o == PgTypes.INT2 || o == PgTypes.INT4 || o == PgTypes.INT8 || o == PgTypes.FLOAT4 || o == PgTypes.FLOAT8
                || o == PgTypes.NUMERIC;
    }

    @Override
    public int getColumnDisplaySize(int column) throws SQLException {
        Field f = f(column);
        return PgTypeInfo.displaySize(f.typeOid(), f.typeModifier());
    }

    @Override
    public String getColumnLabel(int column) throws SQLException {
        return f(column).name();
    }

    @Override
    public String getColumnName(int column) throws SQLException {
        return f(column).name();
    }

    @Override
    public String getSchemaName(int column) throws SQLException {
        f(column);
        return "";
    }

    @Override
    public int getPrecision(int column) throws SQLException {
        Field f = f(column);
        return PgTypeInfo.precision(f.typeOid(), f.typeModifier());
    }

    @Override
    public int getScale(int column) throws SQLException {
        Field f = f(column);
        return PgTypeInfo.scale(f.typeOid(), f.typeModifier());
    }

    @Override
    public String getTableName(int column) throws SQLException {
        f(column);
        return "";
    }

    @Override
    public String getCatalogName(int column) throws SQLException {
        f(column);
        return "";
    }

    @Override
    public int getColumnType(int column) throws SQLException {
        return PgTypeInfo.sqlType(f(column).typeOid());
    }

    @Override
    public String getColumnTypeName(int column) throws SQLException {
        return PgTypeInfo.name(f(column).typeOid());
    }

    @Override
    public boolean isReadOnly(int column) throws SQLException {
        f(column);
        return false;
    }

    @Override
    public boolean isWritable(int column) throws SQLException {
        f(column);
        return true;
    }

    @Override
    public boolean isDefinitelyWritable(int column) throws SQLException {
        f(column);
        return false;
    }

    @Override
    public String getColumnClassName(int column) throws SQLException {
        return PgTypeInfo.javaClass(f(column).typeOid());
    }

    /** The table OID RowDescription names for the column (0 for computed columns). */
    public int getBaseTableOid(int column) throws SQLException {
        return f(column).tableOid();
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
