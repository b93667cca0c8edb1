package io.sluice.transforms.aggregate;

import io.sluice.core.connector.TruncatePolicy;
import io.sluice.event.TableId;

import org.apache.flink.annotation.PublicEvolving;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One aggregate, mirroring {@code io.sluice.jobs.config.AggregateConfig}: the rows of
 * {@code from} grouped by the {@code groupBy} expressions (output column to expression, in
 * order), each group holding the {@code measures} (output column to measure).
 *
 * <p>The output is the logical table {@code <db of the input>.<name>}, keyed by the group-by
 * columns: an upsert of each group's absolute values whenever they change, and a delete when
 * the group's last row goes. An empty {@code groupBy} keeps one global group.
 *
 * @param from a table {@code db.table} (matched ignoring case) or the name of a join or
 *     aggregate (matched against the event's table name); other events are ignored
 */
@PublicEvolving
public record AggregateSpec(String name, String from, Map<String, String> groupBy, Map<String, MeasureSpec> measures,
        TruncatePolicy truncate) {

    /** An aggregate that stops the job when its table is truncated or dropped. */
    public AggregateSpec(String name, String from, Map<String, String> groupBy, Map<String, MeasureSpec> measures) {
        this(name, from, groupBy, measures, TruncatePolicy.FAIL);
    }

    public AggregateSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(truncate, "truncate");
        if (truncate == TruncatePolicy.DELETE) {
            throw new IllegalArgumentException("aggregate '" + name + "': truncate: delete is not available for"
                    + " aggregates; expected fail or ignore");
        }
        Objects.requireNonNull(from, "from");
        groupBy = Collections.unmodifiableMap(new LinkedHashMap<>(groupBy));
        measures = Collections.unmodifiableMap(new LinkedHashMap<>(measures));
        if (measures.isEmpty()) {
            throw new IllegalArgumentException("aggregate '" + name + "' has no measures; expected e.g. "
                    + "{orders: count(), gmv: sum(amount)}");
        }
        for (String column : measures.keySet()) {
            if (groupBy.containsKey(column)) {
                throw new IllegalArgumentException("aggregate '" + name + "': '" + column
                        + "' is both a group-by column and a measure; output columns must be unique");
            }
        }
    }

    /** True if the event's table is this aggregate's {@code from}. */
    public boolean reads(TableId table) {
        return from.indexOf('.') >= 0 ? table.toString().equalsIgnoreCase(from) : table.table().equals(from);
    }
}
