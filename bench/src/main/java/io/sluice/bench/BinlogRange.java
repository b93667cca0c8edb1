package io.sluice.bench;

import java.util.List;

/**
 * A stretch of a server's binlog to read, from the position before the benchmark's data to the
 * position after it, and what it holds.
 *
 * @param expectedRows the row changes in the stretch (inserted plus updated rows)
 * @param bytes the binlog bytes between the two positions
 */
record BinlogRange(
        String host,
        int port,
        String user,
        String password,
        String database,
        String table,
        String startFile,
        long startPosition,
        String endFile,
        long endPosition,
        long expectedRows,
        long bytes) {

    private static final int FIELDS = 12;

    /** True when the event ending at {@code nextPosition} of {@code file} reaches the end. */
    boolean reachedEnd(String file, long nextPosition) {
        int c = file.compareTo(endFile);
        return c > 0 || c == 0 && nextPosition >= endPosition;
    }

    /** The command-line form a worker JVM receives. */
    List<String> toArgs() {
        return List.of(host, String.valueOf(port), user, password, database, table, startFile,
                String.valueOf(startPosition), endFile, String.valueOf(endPosition),
                String.valueOf(expectedRows), String.valueOf(bytes));
    }

    static BinlogRange fromArgs(String[] args, int from) {
        if (args.length - from != FIELDS) {
            throw new IllegalArgumentException(
                    "a binlog range has " + FIELDS + " arguments, got " + (args.length - from));
        }
        int i = from;
        return new BinlogRange(args[i++], Integer.parseInt(args[i++]), args[i++], args[i++], args[i++],
                args[i++], args[i++], Long.parseLong(args[i++]), args[i++], Long.parseLong(args[i++]),
                Long.parseLong(args[i++]), Long.parseLong(args[i]));
    }

    @Override
    public String toString() {
        return startFile + ":" + startPosition + " to " + endFile + ":" + endPosition + " (" + expectedRows
                + " row changes, " + bytes / (1024 * 1024) + " MiB of binlog)";
    }
}
