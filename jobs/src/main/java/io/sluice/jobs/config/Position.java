package io.sluice.jobs.config;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/** A 1-based line and column in the job file; line 0 when unknown. */
record Position(int line, int column) {

    static final Position UNKNOWN = new Position(0, 0);

    static Position of(Node node) {
        return of(node.getStartMark());
    }

    static Position of(Mark mark) {
        return mark == null ? UNKNOWN : new Position(mark.getLine() + 1, mark.getColumn() + 1);
    }
}
