package io.sluice.sinks.jdbc;

import javax.transaction.xa.Xid;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A prepared XA transaction of a JDBC sink, committed by {@link XaCommitter} when the checkpoint
 * that prepared it completes. The global id is printable ASCII,
 * {@code sluice-<sink hash>-<checkpoint>-<subtask>-<attempt>}, so it survives every driver's
 * {@code XA RECOVER} unchanged.
 */
record XaCommittable(int formatId, byte[] globalId, byte[] branch) implements Xid {

    /** "SLUC": tells our transactions from others' in a recover scan. */
    static final int FORMAT_ID = 0x534C5543;
    private static final byte[] BRANCH = "b".getBytes(StandardCharsets.US_ASCII);

    /** @param scope the sink's transaction scope ({@link JdbcSinkOptions#transactionScope()}) */
    static XaCommittable of(String scope, long checkpoint, int subtask, int attempt) {
        String gtrid = prefix(scope) + checkpoint + "-" + subtask + "-" + attempt;
        return new XaCommittable(FORMAT_ID, gtrid.getBytes(StandardCharsets.US_ASCII), BRANCH);
    }

    /** {@code sluice-<8 hex digits of the scope's hash>-}. */
    static String prefix(String scope) {
        return "sluice-" + String.format("%08x", scope.hashCode()) + "-";
    }

    /** A recovered transaction of this sink, with the checkpoint and subtask in its id; null for others'. */
    static Parsed parse(Xid xid, String scope) {
        if (xid.getFormatId() != FORMAT_ID) {
            return null;
        }
        String gtrid = new String(xid.getGlobalTransactionId(), StandardCharsets.US_ASCII);
        String prefix = prefix(scope);
        if (!gtrid.startsWith(prefix)) {
            return null;
        }
        String[] parts = gtrid.substring(prefix.length()).split("-");
        if (parts.length != 3) {
            return null;
        }
        try {
            return new Parsed(Long.parseLong(parts[0]), Integer.parseInt(parts[1]));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** What a transaction id tells: the checkpoint it was prepared for and the subtask that wrote it. */
    record Parsed(long checkpoint, int subtask) {}

    @Override
    public int getFormatId() {
        return formatId;
    }

    @Override
    public byte[] getGlobalTransactionId() {
        return globalId.clone();
    }

    @Override
    public byte[] getBranchQualifier() {
        return branch.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof XaCommittable other && formatId == other.formatId
                && Arrays.equals(globalId, other.globalId) && Arrays.equals(branch, other.branch);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(globalId) + Arrays.hashCode(branch);
    }

    @Override
    public String toString() {
        return new String(globalId, StandardCharsets.US_ASCII);
    }
}
