package io.sluice.source.schema;

import io.sluice.event.Column;
import io.sluice.event.ColumnType;
import io.sluice.event.TableId;
import io.sluice.event.TableSchema;

import org.apache.flink.annotation.Internal;

import java.nio.charset.Charset;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a table's current schema from {@code information_schema}: the source of column names,
 * signedness, charsets and labels when the binlog lacks full row metadata, and of MariaDB's JSON
 * columns (stored as LONGTEXT with a {@code json_valid} check) in every case.
 */
@Internal
public final class InformationSchema {
    private static final Pattern JSON_CHECK = Pattern.compile("json_valid\\(`((?:[^`]|``)+)`\\)", Pattern.CASE_INSENSITIVE);
    private static final Pattern LABEL = Pattern.compile("'((?:[^'\\\\]|''|\\\\.)*)'");

    private final BooleanSupplier mariaDb;

    /** {@code mariaDb} is asked only when a table is loaded: it may need the connection. */
    public InformationSchema(BooleanSupplier mariaDb) {
        this.mariaDb = mariaDb;
    }

    /** The table's schema now, or empty when the table does not exist. */
    public Optional<TableSchema> load(Connection c, TableId table) throws SQLException {
        Set<String> jsonColumns = mariaDb.getAsBoolean() ? jsonColumns(c, table) : Set.of();
        List<Column> columns = new ArrayList<>();
        String sql = "SELECT COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, CHARACTER_SET_NAME, NUMERIC_SCALE,"
                + " DATETIME_PRECISION, CHARACTER_MAXIMUM_LENGTH, NUMERIC_PRECISION FROM information_schema.COLUMNS"
                + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION";
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, table.db());
            st.setString(2, table.table());
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    columns.add(column(rs, jsonColumns));
                }
            }
        }
        if (columns.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new TableSchema(table, columns, primaryKey(c, table)));
    }

    private static Column column(ResultSet rs, Set<String> jsonColumns) throws SQLException {
        String name = rs.getString(1);
        String dataType = rs.getString(2).toLowerCase();
        // labels keep their case: only the type words are compared lower-cased
        String columnType = rs.getString(3);
        Charset charset = Charsets.forCharsetName(rs.getString(4));
        boolean unsigned = columnType.toLowerCase().contains("unsigned");
        ColumnType type = jsonColumns.contains(name) ? ColumnType.JSON : typeOf(dataType, charset);
        int scale = switch (type) {
            case DECIMAL -> rs.getInt(5);
            case DATETIME, TIMESTAMP, TIME -> rs.getInt(6);
            default -> 0;
        };
        int length = type == ColumnType.BIT ? rs.getInt(8) : (int) Math.min(Integer.MAX_VALUE, rs.getLong(7));
        List<String> labels = type == ColumnType.ENUM || type == ColumnType.SET ? labels(columnType) : List.of();
        return new Column(name, type, unsigned, length, scale, charset == null ? null : charset.name(), labels);
    }

    static ColumnType typeOf(String dataType, Charset charset) {
        return switch (dataType) {
            case "tinyint" -> ColumnType.TINYINT;
            case "smallint" -> ColumnType.SMALLINT;
            case "mediumint" -> ColumnType.MEDIUMINT;
            case "int", "integer" -> ColumnType.INT;
            case "bigint" -> ColumnType.BIGINT;
            case "decimal", "numeric" -> ColumnType.DECIMAL;
            case "float" -> ColumnType.FLOAT;
            case "double", "real" -> ColumnType.DOUBLE;
            case "bit" -> ColumnType.BIT;
            case "date" -> ColumnType.DATE;
            case "datetime" -> ColumnType.DATETIME;
            case "timestamp" -> ColumnType.TIMESTAMP;
            case "time" -> ColumnType.TIME;
            case "year" -> ColumnType.YEAR;
            case "enum" -> ColumnType.ENUM;
            case "set" -> ColumnType.SET;
            case "json" -> ColumnType.JSON;
            case "geometry", "point", "linestring", "polygon", "multipoint", "multilinestring",
                    "multipolygon", "geometrycollection", "geomcollection" -> ColumnType.GEOMETRY;
            case "char", "varchar", "tinytext", "text", "mediumtext", "longtext" ->
                    charset == null ? ColumnType.BINARY : ColumnType.STRING;
            default -> ColumnType.BINARY;
        };
    }

    /** The labels of {@code enum('a','b')} or {@code set(...)}, unquoted. */
    static List<String> labels(String columnType) {
        List<String> labels = new ArrayList<>();
        Matcher m = LABEL.matcher(columnType.substring(columnType.indexOf('(')));
        while (m.find()) {
            labels.add(m.group(1).replace("''", "'").replace("\\\\", "\\"));
        }
        return labels;
    }

    private static List<String> primaryKey(Connection c, TableId table) throws SQLException {
        String sql = "SELECT COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE WHERE TABLE_SCHEMA = ?"
                + " AND TABLE_NAME = ? AND CONSTRAINT_NAME = 'PRIMARY' ORDER BY ORDINAL_POSITION";
        List<String> key = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, table.db());
            st.setString(2, table.table());
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    key.add(rs.getString(1));
                }
            }
        }
        return key;
    }

    private static Set<String> jsonColumns(Connection c, TableId table) throws SQLException {
        String sql = "SELECT CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS"
                + " WHERE CONSTRAINT_SCHEMA = ? AND TABLE_NAME = ?";
        Set<String> columns = new HashSet<>();
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, table.db());
            st.setString(2, table.table());
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    Matcher m = JSON_CHECK.matcher(rs.getString(1));
                    while (m.find()) {
                        columns.add(m.group(1).replace("``", "`"));
                    }
                }
            }
        }
        return columns;
    }
}
