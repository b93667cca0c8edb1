package io.sluice.sinks.jdbc;

import io.sluice.event.Column;
import io.sluice.event.JsonText;
import io.sluice.event.TableSchema;
import io.sluice.event.json.CanonicalJson;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The SQL a JDBC sink sends, for MySQL/MariaDB and PostgreSQL: quoted and database-qualified
 * names, keyed upserts and deletes, the DDL of {@code create-tables}, and how values are bound.
 *
 * <p>The connector's dialects are not used for this: they quote {@code db.table} as one
 * identifier, do not quote PostgreSQL identifiers (so mixed-case MySQL column names would fold to
 * lower case), and need flink-table on the classpath.
 */
abstract class SqlDialect implements Serializable {
    private static final long serialVersionUID = 1L;

    static final String ACCEPTED_URLS = "jdbc:mysql:, jdbc:mariadb: (MySQL/MariaDB) or jdbc:postgresql:";

    /** The dialect for a JDBC URL. */
    static SqlDialect forUrl(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:mysql:") || lower.startsWith("jdbc:mariadb:")) {
            return new MySql();
        }
        if (lower.startsWith("jdbc:postgresql:")) {
            return new Postgres();
        }
        throw new IllegalArgumentException("unsupported JDBC URL '" + url + "'; expected " + ACCEPTED_URLS);
    }

    abstract String name();

    abstract String quote(String identifier);

    /** Connection properties that make batches fast, unless the URL sets them otherwise. */
    abstract Properties defaultProperties();

    /**
     * Prepares a new connection for writing: READ COMMITTED, so that InnoDB takes no gap locks
     * for the keyed deletes and upserts of concurrent subtasks (fewer deadlocks); PostgreSQL's
     * default already is.
     */
    void configure(Connection connection) throws SQLException {
        connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
    }

    /** {@code INSERT .. ON DUPLICATE KEY UPDATE} / {@code ON CONFLICT .. DO UPDATE}. */
    abstract String upsert(TargetTable target, List<String> columns, List<String> keys);

    /**
     * The upsert of {@code rows} rows in one statement ({@code VALUES (..), (..), ..}), or null
     * where the dialect leaves multi-row batches to its driver.
     */
    String upsertRows(TargetTable target, List<String> columns, List<String> keys, int rows) {
        return null;
    }

    abstract String sqlType(Column column, boolean key);

    abstract String createDatabase(String database);

    /** The catalog to look the table up in ({@link java.sql.DatabaseMetaData}). */
    abstract String catalog(Connection connection, TargetTable target) throws SQLException;

    /** The schema to look the table up in ({@link java.sql.DatabaseMetaData}). */
    abstract String schema(Connection connection, TargetTable target) throws SQLException;

    /** Deletes every row of the table: what a truncated source table leaves in its target. */
    String deleteAll(TargetTable target) {
        return "DELETE FROM " + qualified(target);
    }

    String qualified(TargetTable target) {
        return (target.database() == null ? "" : quote(target.database()) + ".") + quote(target.table());
    }

    String delete(TargetTable target, List<String> keys) {
        return "DELETE FROM " + qualified(target) + " WHERE "
                + keys.stream().map(k -> quote(k) + " = ?").collect(Collectors.joining(" AND "));
    }

    String createTable(TargetTable target, TableSchema schema) {
        List<String> parts = new ArrayList<>();
        for (Column c : schema.columns()) {
            boolean key = schema.keyColumns().contains(c.name());
            parts.add(quote(c.name()) + " " + sqlType(c, key) + (key ? " NOT NULL" : ""));
        }
        parts.add("PRIMARY KEY (" + schema.keyColumns().stream().map(this::quote).collect(Collectors.joining(", ")) + ")");
        return "CREATE TABLE " + qualified(target) + " (" + String.join(", ", parts) + ")";
    }

    String addColumn(TargetTable target, Column column) {
        return "ALTER TABLE " + qualified(target) + " ADD COLUMN " + quote(column.name()) + " " + sqlType(column, false);
    }

    /** Binds one value of the type events carry (see {@link io.sluice.event.ColumnType}). */
    void bind(PreparedStatement ps, int index, Object value, Column column) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.NULL);
        } else if (value instanceof Long v) {
            ps.setLong(index, v);
        } else if (value instanceof String v) {
            bindText(ps, index, v);
        } else if (value instanceof BigDecimal v) {
            ps.setBigDecimal(index, v);
        } else if (value instanceof BigInteger v) {
            ps.setBigDecimal(index, new BigDecimal(v));
        } else if (value instanceof Double v) {
            ps.setDouble(index, v);
        } else if (value instanceof Float v) {
            ps.setFloat(index, v);
        } else if (value instanceof Boolean v) {
            ps.setBoolean(index, v);
        } else if (value instanceof byte[] v) {
            ps.setBytes(index, v);
        } else if (value instanceof Instant v) {
            bindInstant(ps, index, v);
        } else if (value instanceof Duration v) {
            if (!v.isNegative() && v.compareTo(Duration.ofDays(1)) < 0) {
                ps.setObject(index, LocalTime.ofNanoOfDay(v.toNanos()));
            } else {
                bindText(ps, index, CanonicalJson.formatTime(v, column == null ? 6 : column.scale()));
            }
        } else if (value instanceof List<?> v) {
            bindText(ps, index, v.stream().map(String::valueOf).collect(Collectors.joining(",")));
        } else if (value instanceof JsonText v) {
            bindText(ps, index, v.json());
        } else {
            ps.setObject(index, value);
        }
    }

    abstract void bindText(PreparedStatement ps, int index, String text) throws SQLException;

    abstract void bindInstant(PreparedStatement ps, int index, Instant instant) throws SQLException;

    /** MySQL and MariaDB through mysql-connector-j. */
    static final class MySql extends SqlDialect {
        private static final long serialVersionUID = 1L;

        @Override
        String name() {
            return "MySQL/MariaDB";
        }

        @Override
        String quote(String identifier) {
            return "`" + identifier.replace("`", "``") + "`";
        }

        @Override
        Properties defaultProperties() {
            Properties p = new Properties();
            p.setProperty("rewriteBatchedStatements", "true");
            p.setProperty("useServerPrepStmts", "false");
            // Java strings go out as UTF-8 (utf8mb4), whatever the server's default character set;
            // without it the driver looks the charset up by name for every string value it binds
            p.setProperty("characterEncoding", "UTF-8");
            p.setProperty("connectionTimeZone", "UTC");
            p.setProperty("forceConnectionTimeZoneToSession", "true");
            p.setProperty("connectTimeout", "10000");
            p.setProperty("socketTimeout", "120000");
            return p;
        }

        @Override
        String upsert(TargetTable target, List<String> columns, List<String> keys) {
            return upsertRows(target, columns, keys, 1);
        }

        /**
         * Several rows in one statement: mysql-connector-j's own rewrite of a batch into one
         * multi-row statement copies every bound value into a new statement and measures each
         * value again, which cost the sink's thread about a third of its time in the benchmark.
         */
        @Override
        String upsertRows(TargetTable target, List<String> columns, List<String> keys, int rows) {
            List<String> values = columns.stream().filter(c -> !keys.contains(c)).toList();
            String update = values.isEmpty()
                    ? quote(keys.get(0)) + " = " + quote(keys.get(0))
                    : values.stream().map(c -> quote(c) + " = VALUES(" + quote(c) + ")").collect(Collectors.joining(", "));
            String row = "(" + columns.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")";
            return "INSERT INTO " + qualified(target) + " ("
                    + columns.stream().map(this::quote).collect(Collectors.joining(", ")) + ") VALUES "
                    + String.join(", ", Collections.nCopies(rows, row)) + " ON DUPLICATE KEY UPDATE "
                    + update;
        }

        @Override
        String sqlType(Column c, boolean key) {
            String unsigned = c.unsigned() ? " UNSIGNED" : "";
            return switch (c.type()) {
                case TINYINT, SMALLINT, MEDIUMINT, INT, BIGINT -> c.type().name() + unsigned;
                case DECIMAL -> "DECIMAL(" + (c.length() > 0 ? c.length() : 65) + ", " + c.scale() + ")";
                case FLOAT -> "FLOAT";
                case DOUBLE -> "DOUBLE";
                case BIT -> c.length() > 0 && c.length() <= 64 ? "BIT(" + c.length() + ")" : "BIGINT";
                case DATE -> "DATE";
                case DATETIME -> "DATETIME(" + c.scale() + ")";
                case TIMESTAMP -> "TIMESTAMP(" + c.scale() + ") NULL";
                case TIME -> "TIME(" + c.scale() + ")";
                case YEAR -> "YEAR";
                case STRING, ENUM -> key || c.length() > 0 && c.length() <= 1024
                        ? "VARCHAR(" + (c.length() > 0 ? c.length() : 255) + ")" : "LONGTEXT";
                case BINARY -> key || c.length() > 0 && c.length() <= 1024
                        ? "VARBINARY(" + (c.length() > 0 ? c.length() : 255) + ")" : "LONGBLOB";
                case SET, GEOMETRY -> "LONGTEXT";
                case JSON -> "JSON";
            };
        }

        @Override
        String createDatabase(String database) {
            return "CREATE DATABASE IF NOT EXISTS " + quote(database);
        }

        @Override
        String catalog(Connection connection, TargetTable target) throws SQLException {
            return target.database() != null ? target.database() : connection.getCatalog();
        }

        @Override
        String schema(Connection connection, TargetTable target) {
            return null;
        }

        /**
         * Temporal values go as text: mysql-connector-j takes MariaDB's version string for MySQL
         * 5.5 and would drop fractional seconds from {@code LocalDateTime} parameters. The session
         * time zone is UTC ({@link #defaultProperties}), so instants are written in UTC.
         */
        @Override
        void bind(PreparedStatement ps, int index, Object value, Column column) throws SQLException {
            if (value instanceof java.time.LocalDateTime v) {
                ps.setString(index, CanonicalJson.formatDateTime(v, 9).replace('T', ' '));
            } else if (value instanceof java.time.LocalDate v) {
                ps.setString(index, v.toString());
            } else if (value instanceof Duration v) {
                ps.setString(index, CanonicalJson.formatTime(v, 9));
            } else {
                super.bind(ps, index, value, column);
            }
        }

        @Override
        void bindText(PreparedStatement ps, int index, String text) throws SQLException {
            ps.setString(index, text);
        }

        @Override
        void bindInstant(PreparedStatement ps, int index, Instant instant) throws SQLException {
            ps.setString(index, CanonicalJson.formatDateTime(
                    java.time.LocalDateTime.ofInstant(instant, java.time.ZoneOffset.UTC), 9).replace('T', ' '));
        }
    }

    /** PostgreSQL through pgjdbc; a "database" in a template is a schema. */
    static final class Postgres extends SqlDialect {
        private static final long serialVersionUID = 1L;

        @Override
        String name() {
            return "PostgreSQL";
        }

        @Override
        String quote(String identifier) {
            return "\"" + identifier.replace("\"", "\"\"") + "\"";
        }

        @Override
        Properties defaultProperties() {
            Properties p = new Properties();
            p.setProperty("reWriteBatchedInserts", "true");
            p.setProperty("connectTimeout", "10");
            p.setProperty("socketTimeout", "120");
            return p;
        }

        @Override
        String upsert(TargetTable target, List<String> columns, List<String> keys) {
            List<String> values = columns.stream().filter(c -> !keys.contains(c)).toList();
            String conflict = " ON CONFLICT (" + keys.stream().map(this::quote).collect(Collectors.joining(", ")) + ") ";
            return "INSERT INTO " + qualified(target) + " ("
                    + columns.stream().map(this::quote).collect(Collectors.joining(", ")) + ") VALUES ("
                    + columns.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")" + conflict
                    + (values.isEmpty() ? "DO NOTHING"
                            : "DO UPDATE SET " + values.stream().map(c -> quote(c) + " = EXCLUDED." + quote(c))
                                    .collect(Collectors.joining(", ")));
        }

        @Override
        String sqlType(Column c, boolean key) {
            return switch (c.type()) {
                case TINYINT -> "SMALLINT";
                case SMALLINT -> c.unsigned() ? "INTEGER" : "SMALLINT";
                case MEDIUMINT -> "INTEGER";
                case INT -> c.unsigned() ? "BIGINT" : "INTEGER";
                case BIGINT -> c.unsigned() ? "NUMERIC(20)" : "BIGINT";
                case DECIMAL -> c.length() > 0 ? "NUMERIC(" + c.length() + ", " + c.scale() + ")" : "NUMERIC";
                case FLOAT -> "REAL";
                case DOUBLE -> "DOUBLE PRECISION";
                case BIT -> "BIGINT";
                case DATE -> "DATE";
                case DATETIME -> "TIMESTAMP(" + Math.min(6, c.scale()) + ")";
                case TIMESTAMP -> "TIMESTAMPTZ(" + Math.min(6, c.scale()) + ")";
                case TIME -> "INTERVAL";
                case YEAR -> "INTEGER";
                case STRING, ENUM, SET, GEOMETRY -> c.length() > 0 && c.length() <= 10485760 && key
                        ? "VARCHAR(" + c.length() + ")" : "TEXT";
                case BINARY -> "BYTEA";
                case JSON -> "JSONB";
            };
        }

        @Override
        String createDatabase(String database) {
            return "CREATE SCHEMA IF NOT EXISTS " + quote(database);
        }

        @Override
        String catalog(Connection connection, TargetTable target) {
            return null;
        }

        @Override
        String schema(Connection connection, TargetTable target) throws SQLException {
            return target.database() != null ? target.database() : connection.getSchema();
        }

        /** Untyped, so PostgreSQL casts the text to the column's type (json, enum, interval, ...). */
        @Override
        void bindText(PreparedStatement ps, int index, String text) throws SQLException {
            ps.setObject(index, text, Types.OTHER);
        }

        @Override
        void bindInstant(PreparedStatement ps, int index, Instant instant) throws SQLException {
            ps.setObject(index, java.time.OffsetDateTime.ofInstant(instant, java.time.ZoneOffset.UTC));
        }
    }
}
