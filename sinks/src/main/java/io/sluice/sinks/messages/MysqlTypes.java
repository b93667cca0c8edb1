package io.sluice.sinks.messages;

import io.sluice.event.Column;

import java.sql.Types;
import java.util.stream.Collectors;

/**
 * A column's MySQL type as Canal's {@code mysqlType} and {@code sqlType} name it. The binlog does
 * not say everything the table's DDL says (a DECIMAL's precision when the source did not read it,
 * CHAR versus VARCHAR), so the text is MySQL 8's spelling of what Sluice knows: {@code bigint
 * unsigned}, {@code varchar(255)}, {@code datetime(3)}, {@code enum('a','b')}.
 */
final class MysqlTypes {
    private MysqlTypes() {}

    static String text(Column c) {
        String unsigned = c.unsigned() ? " unsigned" : "";
        return switch (c.type()) {
            case TINYINT -> "tinyint" + unsigned;
            case SMALLINT -> "smallint" + unsigned;
            case MEDIUMINT -> "mediumint" + unsigned;
            case INT -> "int" + unsigned;
            case BIGINT -> "bigint" + unsigned;
            case DECIMAL -> (c.length() > 0 ? "decimal(" + c.length() + "," + c.scale() + ")" : "decimal") + unsigned;
            case FLOAT -> "float" + unsigned;
            case DOUBLE -> "double" + unsigned;
            case BIT -> "bit(" + Math.max(1, c.length()) + ")";
            case DATE -> "date";
            case DATETIME -> c.scale() > 0 ? "datetime(" + c.scale() + ")" : "datetime";
            case TIMESTAMP -> c.scale() > 0 ? "timestamp(" + c.scale() + ")" : "timestamp";
            case TIME -> c.scale() > 0 ? "time(" + c.scale() + ")" : "time";
            case YEAR -> "year";
            case STRING -> c.length() > 0 ? "varchar(" + c.length() + ")" : "text";
            case BINARY -> c.length() > 0 ? "varbinary(" + c.length() + ")" : "blob";
            case ENUM -> "enum(" + labels(c) + ")";
            case SET -> "set(" + labels(c) + ")";
            case JSON -> "json";
            case GEOMETRY -> "geometry";
        };
    }

    /** The {@link java.sql.Types} code Canal gives the type. */
    static int sqlType(Column c) {
        return switch (c.type()) {
            case TINYINT -> Types.TINYINT;
            case SMALLINT -> Types.SMALLINT;
            case MEDIUMINT, INT -> Types.INTEGER;
            case BIGINT -> Types.BIGINT;
            case DECIMAL -> Types.DECIMAL;
            case FLOAT -> Types.REAL;
            case DOUBLE -> Types.DOUBLE;
            case BIT -> Types.BIT;
            case DATE -> Types.DATE;
            case DATETIME, TIMESTAMP -> Types.TIMESTAMP;
            case TIME -> Types.TIME;
            case YEAR, JSON -> Types.VARCHAR;
            case STRING -> c.length() > 0 ? Types.VARCHAR : Types.CLOB;
            case BINARY -> c.length() > 0 ? Types.VARBINARY : Types.BLOB;
            case ENUM, SET -> Types.CHAR;
            case GEOMETRY -> Types.BINARY;
        };
    }

    private static String labels(Column c) {
        return c.labels().stream().map(l -> "'" + l.replace("'", "''") + "'").collect(Collectors.joining(","));
    }
}
