package io.sluice.jobs.config;

import org.apache.flink.annotation.PublicEvolving;

/**
 * The replica server ids the source may use: one id ({@code 5401}) or an inclusive range
 * ({@code 5400-5404}) when several readers connect at once. Each must be unique among the
 * replicas of the database server.
 */
@PublicEvolving
public record ServerIdRange(long start, long end) {

    /** MySQL server ids are unsigned 32-bit integers; 0 is refused by replication. */
    public static final long MIN_ID = 1L;

    public static final long MAX_ID = 4294967295L;

    public ServerIdRange {
        if (start < MIN_ID || end > MAX_ID || start > end) {
            throw new IllegalArgumentException(
                    "invalid server id range " + start + "-" + end);
        }
    }

    public static ServerIdRange single(long id) {
        return new ServerIdRange(id, id);
    }

    /**
     * Parses {@code 5401} or {@code 5400-5404}.
     *
     * @throws IllegalArgumentException naming what is wrong (used as the user-facing reason)
     */
    public static ServerIdRange parse(String text) {
        String trimmed = text.trim();
        int dash = trimmed.indexOf('-', 1);
        long start = parseId(dash < 0 ? trimmed : trimmed.substring(0, dash).trim());
        long end = dash < 0 ? start : parseId(trimmed.substring(dash + 1).trim());
        if (start > end) {
            throw new IllegalArgumentException("the start " + start + " is greater than the end " + end);
        }
        return new ServerIdRange(start, end);
    }

    private static long parseId(String text) {
        long id;
        try {
            id = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a number");
        }
        if (id < MIN_ID || id > MAX_ID) {
            throw new IllegalArgumentException(id + " is outside " + MIN_ID + ".." + MAX_ID);
        }
        return id;
    }

    /** How many ids the range holds. */
    public long size() {
        return end - start + 1;
    }

    @Override
    public String toString() {
        return start == end ? Long.toString(start) : start + "-" + end;
    }
}
