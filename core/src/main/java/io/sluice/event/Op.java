package io.sluice.event;

import org.apache.flink.annotation.PublicEvolving;

/** The kind of a row change, with Debezium/Flink CDC's one-letter codes used in canonical JSON. */
@PublicEvolving
public enum Op {
    INSERT("c"),
    UPDATE("u"),
    DELETE("d"),
    /** A row read by the initial snapshot. */
    READ("r");

    private static final Op[] VALUES = values();
    private final String code;

    Op(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** Inverse of {@link #code()}; throws naming the accepted codes. */
    public static Op fromCode(String code) {
        for (Op op : VALUES) {
            if (op.code.equals(code)) {
                return op;
            }
        }
        throw new IllegalArgumentException("unknown op '" + code + "'; expected one of: c, u, d, r");
    }

    static Op byOrdinal(int ordinal) {
        return VALUES[ordinal];
    }
}
