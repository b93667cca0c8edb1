package io.sluice.transforms.join;

import io.sluice.event.TableId;

import org.apache.flink.annotation.PublicEvolving;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A many-to-one part of a join, mirroring {@code io.sluice.jobs.config.LookupConfig}: the row
 * of {@code table} whose columns equal the parent's, as {@code on} says (parent column to this
 * table's column, in order), contributes {@code fields} (column to output name; empty means every
 * column under its own name) to the parent, flattened into it. Nested {@code lookups} join on
 * this table's columns. If several rows match, the one with the smallest primary key is used;
 * if none does (or the parent's columns are null), the fields are null.
 */
@PublicEvolving
public record LookupSpec(TableId table, Map<String, String> on, Map<String, String> fields, List<LookupSpec> lookups) {

    public LookupSpec {
        Objects.requireNonNull(table, "table");
        on = Collections.unmodifiableMap(new LinkedHashMap<>(on));
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields == null ? Map.of() : fields));
        lookups = lookups == null ? List.of() : List.copyOf(lookups);
        if (on.isEmpty()) {
            throw new IllegalArgumentException("lookup " + table + " has no join columns; expected on: "
                    + "{parent_column: column}, e.g. {buyer_id: id}");
        }
    }

    public LookupSpec(TableId table, Map<String, String> on, Map<String, String> fields) {
        this(table, on, fields, List.of());
    }
}
