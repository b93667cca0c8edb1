package io.sluice.jobs.topology;

import org.apache.flink.annotation.PublicEvolving;

import java.util.Objects;

/**
 * One operator of a planned job, as the Flink UI will show it.
 *
 * @param name the operator name, e.g. {@code sink: print stdout}
 * @param uid the uid its state is kept under in checkpoints and savepoints
 * @param parallelism how many subtasks run it
 * @param detail what it does, for {@code sluice validate}
 */
@PublicEvolving
public record PlannedOperator(String name, String uid, int parallelism, String detail) {

    public PlannedOperator {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(detail, "detail");
    }
}
