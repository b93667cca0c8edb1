package io.sluice.transforms.filter;

import io.sluice.event.Op;

import org.apache.flink.annotation.PublicEvolving;

/**
 * A kind of change a filter lets through; mirrors {@code io.sluice.jobs.config.ChangeOp}. A
 * snapshot read ({@code r}) counts as an insert.
 */
@PublicEvolving
public enum FilterOp {
    INSERT("c"),
    UPDATE("u"),
    DELETE("d"),
    DDL("ddl");

    private final String code;

    FilterOp(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** The filter op a row change of {@code op} counts as. */
    public static FilterOp of(Op op) {
        switch (op) {
            case UPDATE:
                return UPDATE;
            case DELETE:
                return DELETE;
            default:
                return INSERT;
        }
    }
}
