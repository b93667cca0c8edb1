/**
 * The JDBC sink for MySQL/MariaDB and PostgreSQL targets chosen per record by a table template
 * ({@link io.sluice.sinks.jdbc.JdbcSink}, built with {@link io.sluice.sinks.jdbc.JdbcSinkBuilder}).
 */
package io.sluice.sinks.jdbc;
