package io.sluice.sinks.jdbc;

import io.sluice.event.Column;
import io.sluice.event.TableSchema;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Makes sure a target table can take a source table's rows before the first batch goes to it:
 * the table exists, has every source column, and has a primary key or unique index on exactly the
 * source key. With {@code create-tables} a missing database, table or column is created from the
 * source schema; without it, the job fails with the statement that would fix the target. Checks
 * run on their own autocommit connection, so DDL never lands inside a batch's transaction.
 */
final class TargetChecker {
    private static final Logger LOG = LoggerFactory.getLogger(TargetChecker.class);

    private final JdbcSinkOptions options;
    private final SqlDialect dialect;
    private final Connections connections;
    private final Map<TargetTable, TableSchema> checked = new HashMap<>();
    private final Map<TargetTable, Boolean> inOrder = new HashMap<>();

    TargetChecker(JdbcSinkOptions options, SqlDialect dialect, Connections connections) {
        this.options = options;
        this.dialect = dialect;
        this.connections = connections;
    }

    /** For a constant table template: fails at start when the table does not exist (unless it may be created). */
    void checkExists(TargetTable target) throws SQLException {
        if (options.createTables()) {
            return;
        }
        try (Connection c = connections.open()) {
            if (columns(c, target).isEmpty()) {
                throw new JdbcTargetException(prefix(target) + " does not exist; create it, or set create-tables: true "
                        + "to create it from the source schema");
            }
        }
    }

    /** Checks (or creates) the target for rows of {@code schema}, once per target and schema. */
    void check(TargetTable target, TableSchema schema) throws SQLException {
        TableSchema done = checked.get(target);
        if (done == schema || schema.equals(done)) {
            return;
        }
        if (!schema.hasKey()) {
            throw new JdbcTargetException(options.name() + ": " + schema.id() + " has no primary key, and a jdbc sink "
                    + "upserts and deletes by key; configure a key for it in the source block");
        }
        try (Connection c = connections.open()) {
            c.setAutoCommit(true);
            Map<String, String> existing = columns(c, target);
            if (existing.isEmpty()) {
                String create = dialect.createTable(target, schema);
                if (!options.createTables()) {
                    throw new JdbcTargetException(prefix(target) + " does not exist; create it, e.g.\n  " + create
                            + ";\nor set create-tables: true");
                }
                try (Statement st = c.createStatement()) {
                    if (target.database() != null) {
                        st.execute(dialect.createDatabase(target.database()));
                    }
                    st.execute(create);
                    LOG.info("{}: created {}: {}", options.name(), target, create);
                } catch (SQLException e) {
                    // Another subtask may have created it a moment ago.
                    if (columns(c, target).isEmpty()) {
                        throw e;
                    }
                }
                existing = columns(c, target);
            }
            List<String> missing = new ArrayList<>();
            for (Column column : schema.columns()) {
                if (!existing.containsKey(column.name().toLowerCase(Locale.ROOT))) {
                    missing.add(dialect.addColumn(target, column));
                }
            }
            if (!missing.isEmpty()) {
                if (!options.createTables()) {
                    throw new JdbcTargetException(prefix(target) + " lacks columns of " + schema.id() + " (it has "
                            + existing.values() + "); add them, e.g.\n  " + String.join(";\n  ", missing)
                            + ";\nor set create-tables: true");
                }
                try (Statement st = c.createStatement()) {
                    for (String alter : missing) {
                        try {
                            st.execute(alter);
                            LOG.info("{}: {}", options.name(), alter);
                        } catch (SQLException e) {
                            // Another subtask may have added it a moment ago.
                            if (columns(c, target).size() == existing.size()) {
                                throw e;
                            }
                        }
                    }
                }
            }
            checkKey(c, target, schema);
        }
        checked.put(target, schema);
    }

    private void checkKey(Connection c, TargetTable target, TableSchema schema) throws SQLException {
        Set<String> key = lower(schema.keyColumns());
        DatabaseMetaData md = c.getMetaData();
        String catalog = dialect.catalog(c, target);
        String schemaName = dialect.schema(c, target);
        Set<String> primary = new TreeSet<>();
        try (ResultSet rs = md.getPrimaryKeys(catalog, schemaName, target.table())) {
            while (rs.next()) {
                primary.add(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
            }
        }
        Map<String, Set<String>> unique = new TreeMap<>();
        try (ResultSet rs = md.getIndexInfo(catalog, schemaName, target.table(), true, false)) {
            while (rs.next()) {
                String index = rs.getString("INDEX_NAME");
                String column = rs.getString("COLUMN_NAME");
                if (index != null && column != null) {
                    unique.computeIfAbsent(index, k -> new TreeSet<>()).add(column.toLowerCase(Locale.ROOT));
                }
            }
        }
        boolean otherUnique = unique.values().stream().anyMatch(columns -> !columns.equals(key));
        if (otherUnique) {
            LOG.info("{}: {} has unique keys besides {}: its changes are written in their order, every one of them",
                    options.name(), target, schema.keyColumns());
        }
        inOrder.put(target, otherUnique);
        if (primary.equals(key) || unique.containsValue(key)) {
            return;
        }
        throw new JdbcTargetException(prefix(target) + " has " + (primary.isEmpty() ? "no primary key" : "primary key "
                + primary) + "; upserts need a primary key or unique index on exactly the key of " + schema.id() + ": "
                + schema.keyColumns());
    }

    /**
     * True when the target has a unique key besides the one the sink writes by (checked by {@link
     * #check}): a unique value may then pass from one row to another within a batch, so the
     * batch's changes must be written in their order, each of them, rather than only the last
     * change of each key.
     */
    boolean writesInOrder(TargetTable target) {
        return inOrder.getOrDefault(target, true);
    }

    /** The target's columns by lower-case name, empty when the table does not exist. */
    private Map<String, String> columns(Connection c, TargetTable target) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        String escape = md.getSearchStringEscape();
        String pattern = escape == null ? target.table()
                : target.table().replace(escape, escape + escape).replace("_", escape + "_").replace("%", escape + "%");
        Map<String, String> columns = new TreeMap<>();
        try (ResultSet rs = md.getColumns(dialect.catalog(c, target), dialect.schema(c, target), pattern, null)) {
            while (rs.next()) {
                if (target.table().equals(rs.getString("TABLE_NAME"))) {
                    String name = rs.getString("COLUMN_NAME");
                    columns.put(name.toLowerCase(Locale.ROOT), name);
                }
            }
        }
        return columns;
    }

    private String prefix(TargetTable target) {
        return options.name() + ": the target table " + target + " (" + dialect.name() + " at " + options.maskedUrl() + ")";
    }

    private static Set<String> lower(List<String> names) {
        return names.stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toCollection(TreeSet::new));
    }
}
