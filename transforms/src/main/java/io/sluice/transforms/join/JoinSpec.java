package io.sluice.transforms.join;

import io.sluice.event.TableId;

import org.apache.flink.annotation.PublicEvolving;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A join, mirroring {@code io.sluice.jobs.config.JoinConfig}: one document per row of
 * {@code main} (all its columns), widened by {@code lookups} and {@code children}, kept up to
 * date as any of them changes. The documents are row changes of the logical table
 * {@code <main db>.<name>}, keyed by the main table's key.
 *
 * @param unreferencedTtl optional (not in the job file yet): rows of lookup and child tables
 *     that no document has referenced for this long are dropped from state; null keeps them.
 *     A dropped row that becomes referenced again is missing until it changes, since joins
 *     never query the source database.
 */
@PublicEvolving
public record JoinSpec(String name, TableId main, List<LookupSpec> lookups, List<ChildSpec> children,
        JoinOutput output, Duration unreferencedTtl) {

    public JoinSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(main, "main");
        lookups = lookups == null ? List.of() : List.copyOf(lookups);
        children = children == null ? List.of() : List.copyOf(children);
        output = output == null ? JoinOutput.FULL : output;
        if (unreferencedTtl != null && (unreferencedTtl.isNegative() || unreferencedTtl.isZero())) {
            throw new IllegalArgumentException("join " + name + ": the TTL of unreferenced rows must be positive, got "
                    + unreferencedTtl);
        }
    }

    public JoinSpec(String name, TableId main, List<LookupSpec> lookups, List<ChildSpec> children, JoinOutput output) {
        this(name, main, lookups, children, output, null);
    }

    public JoinSpec withUnreferencedTtl(Duration ttl) {
        return new JoinSpec(name, main, lookups, children, output, ttl);
    }

    /** The logical table of the documents. */
    public TableId outputTable() {
        return new TableId(main.db(), name);
    }
}
