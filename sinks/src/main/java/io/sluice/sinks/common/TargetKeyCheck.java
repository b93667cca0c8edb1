package io.sluice.sinks.common;

import io.sluice.core.template.Template;
import io.sluice.event.RowChange;
import io.sluice.event.TableSchema;

import org.apache.flink.annotation.Internal;
import org.apache.flink.runtime.execution.SuppressRestartsException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Refuses a target key (a Redis key, a document id) made from columns outside the rows' key when
 * the sink has more than one writer. Rows reach the writers partitioned by their own key, so two
 * rows that pass a value between them (swap an email under {@code user:{email}}) are written by
 * different writers in no set order, and the key can end missing or stale: the job stops without
 * restarting, naming the columns and what to use instead. One writer sees every change in order.
 */
@Internal
public final class TargetKeyCheck {
    private final String sinkName;
    private final String key;
    private final Template template;
    private final int writers;
    private TableSchema checked;

    /**
     * @param key the template's job-file key, e.g. {@code key} or {@code id}
     * @param writers the sink's parallelism
     */
    public TargetKeyCheck(String sinkName, String key, Template template, int writers) {
        this.sinkName = sinkName;
        this.key = key;
        this.template = template;
        this.writers = writers;
    }

    /** Checks once per schema; cheap for every row. */
    public void check(RowChange row) {
        TableSchema schema = row.schema();
        if (writers <= 1 || template == null || schema == checked) {
            return;
        }
        if (!schema.hasKey()) {
            checked = schema; // rows without a key are partitioned by their table: one writer per table
            return;
        }
        List<String> outside = new ArrayList<>();
        for (String name : template.names()) {
            if (!isKeyOrTable(name, schema)) {
                outside.add(name);
            }
        }
        if (!outside.isEmpty()) {
            throw new SuppressRestartsException(new IllegalStateException(sinkName + ": the " + key + " template '"
                    + template.text() + "' uses " + outside + ", which " + (outside.size() == 1 ? "is" : "are")
                    + " not part of the key of " + row.table() + " " + schema.keyColumns() + ". Rows are written by "
                    + writers + " writers, each the rows of its own keys, so two rows that pass such a value between "
                    + "them would race and could leave a target key missing or stale; build the " + key
                    + " from the key columns (and {db}, {table}), or run the sink with parallelism 1"));
        }
        checked = schema;
    }

    private static boolean isKeyOrTable(String name, TableSchema schema) {
        for (String column : schema.keyColumns()) {
            if (column.equalsIgnoreCase(name)) {
                return true;
            }
        }
        boolean isColumn = schema.columnNames().stream().anyMatch(c -> c.equalsIgnoreCase(name));
        return !isColumn && (name.toLowerCase(Locale.ROOT).equals("db") || name.toLowerCase(Locale.ROOT).equals("table"));
    }
}
