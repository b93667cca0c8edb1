package io.sluice.transforms.join;

import io.sluice.event.TableId;

import org.apache.flink.annotation.PublicEvolving;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A one-to-many part of a join, mirroring {@code io.sluice.jobs.config.ChildConfig}: the rows of
 * {@code table} matching the main row by {@code on} (main column to this table's column) become
 * an array field {@code as}, ordered by their primary key, each element holding {@code fields}
 * (column to output name; empty means every column). Children may have their own
 * {@code lookups} (item to product), flattened into each element; the job file's
 * {@code ChildConfig} does not have them yet, so it maps to an empty list.
 */
@PublicEvolving
public record ChildSpec(TableId table, Map<String, String> on, String as, Map<String, String> fields,
        List<LookupSpec> lookups) {

    public ChildSpec {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(as, "as");
        on = Collections.unmodifiableMap(new LinkedHashMap<>(on));
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields == null ? Map.of() : fields));
        lookups = lookups == null ? List.of() : List.copyOf(lookups);
        if (on.isEmpty()) {
            throw new IllegalArgumentException("child " + table + " has no join columns; expected on: "
                    + "{main_column: column}, e.g. {id: order_id}");
        }
        if (as.isBlank()) {
            throw new IllegalArgumentException("child " + table + " has no field name; expected as: e.g. items");
        }
    }

    public ChildSpec(TableId table, Map<String, String> on, String as, Map<String, String> fields) {
        this(table, on, as, fields, List.of());
    }
}
