package io.sluice.source.enumerator;

import io.sluice.event.TableId;
import io.sluice.event.TableSchema;
import io.sluice.source.split.KeyColumns;

import org.apache.flink.annotation.Internal;

/**
 * One table's snapshot progress: a cursor that cuts the next chunk only when a reader needs one
 * (so a table of millions of chunks costs a few bytes until it is read), and the finished chunks.
 *
 * <p>A one-column integer key whose values are dense enough is cut arithmetically ({@code
 * evenStep} keys per chunk from {@code evenMin}); any other key by asking the server for the key
 * {@code chunkSize} rows after the last boundary.
 */
@Internal
final class TableChunks {
    final TableSchema schema;
    final KeyColumns key;
    /** Arithmetic cutting: the smallest and largest key when planned, and keys per chunk; null otherwise. */
    final Long evenMin;
    final Long evenMax;
    final Long evenStep;
    final long estimatedRows;
    final FinishedChunks finished;
    /** The index of the next chunk to cut. */
    int nextIndex;
    /** The lower bound of the next chunk to cut (null for the first). */
    Object[] nextLow;
    /** True once the last chunk (unbounded above) was cut. */
    boolean exhausted;

    TableChunks(TableSchema schema, KeyColumns key, Long evenMin, Long evenMax, Long evenStep, long estimatedRows,
            FinishedChunks finished, int nextIndex, Object[] nextLow, boolean exhausted) {
        this.schema = schema;
        this.key = key;
        this.evenMin = evenMin;
        this.evenMax = evenMax;
        this.evenStep = evenStep;
        this.estimatedRows = estimatedRows;
        this.finished = finished;
        this.nextIndex = nextIndex;
        this.nextLow = nextLow;
        this.exhausted = exhausted;
    }

    TableId table() {
        return schema.id();
    }

    boolean isEven() {
        return evenStep != null;
    }

    /** True when every chunk was cut and read. */
    boolean isComplete() {
        return exhausted && finished.count() == nextIndex;
    }

    /** The number of chunks: exact once cut to the end or when cut arithmetically, else an estimate. */
    long totalChunks(int chunkSize) {
        if (exhausted) {
            return nextIndex;
        }
        if (isEven()) {
            return (evenMax - evenMin) / evenStep + 1;
        }
        return Math.max(nextIndex + 1L, estimatedRows / Math.max(1, chunkSize) + 1);
    }
}
