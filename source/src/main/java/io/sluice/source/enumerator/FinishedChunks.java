package io.sluice.source.enumerator;

import io.sluice.source.position.BinlogPosition;

import org.apache.flink.annotation.Internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The finished chunks of one table and their high watermarks, kept small: neighbouring chunks
 * with the same watermark form one run, with only the run's outer bounds. A table snapshotted
 * while nothing else wrote to the server is one run, however many chunks it has.
 *
 * <p>A chunk reported again (read again after a failure) takes its latest watermark.
 */
@Internal
final class FinishedChunks {
    /** Chunks {@code first..last} hold the keys {@code [low, high)} and were read at {@code watermark}. */
    record Run(int first, int last, Object[] low, Object[] high, BinlogPosition watermark) {
        int size() {
            return last - first + 1;
        }
    }

    private final TreeMap<Integer, Run> runs = new TreeMap<>();
    private long count;

    /** Records chunk {@code index} with bounds {@code [low, high)} as read at {@code watermark}. */
    void add(int index, Object[] low, Object[] high, BinlogPosition watermark) {
        BinlogPosition hw = withoutGtid(watermark);
        Map.Entry<Integer, Run> containing = runs.floorEntry(index);
        if (containing != null && containing.getValue().last() >= index) {
            Run run = containing.getValue();
            if (run.watermark().compareTo(hw) == 0) {
                return;
            }
            runs.remove(run.first());
            count -= run.size();
            if (run.first() < index) {
                put(new Run(run.first(), index - 1, run.low(), low, run.watermark()));
            }
            if (run.last() > index) {
                put(new Run(index + 1, run.last(), high, run.high(), run.watermark()));
            }
        }
        Run merged = new Run(index, index, low, high, hw);
        Run before = endingAt(index - 1);
        if (before != null && before.watermark().compareTo(hw) == 0) {
            runs.remove(before.first());
            count -= before.size();
            merged = new Run(before.first(), index, before.low(), high, hw);
        }
        Run after = runs.get(index + 1);
        if (after != null && after.watermark().compareTo(hw) == 0) {
            runs.remove(after.first());
            count -= after.size();
            merged = new Run(merged.first(), after.last(), merged.low(), after.high(), hw);
        }
        put(merged);
    }

    /** Restores a run from state. */
    void put(Run run) {
        runs.put(run.first(), run);
        count += run.size();
    }

    private Run endingAt(int index) {
        Map.Entry<Integer, Run> e = runs.floorEntry(index);
        return e != null && e.getValue().last() == index ? e.getValue() : null;
    }

    boolean contains(int index) {
        Map.Entry<Integer, Run> e = runs.floorEntry(index);
        return e != null && e.getValue().last() >= index;
    }

    /** How many chunks are finished. */
    long count() {
        return count;
    }

    /** The runs in chunk order. */
    List<Run> runs() {
        return new ArrayList<>(runs.values());
    }

    int runCount() {
        return runs.size();
    }

    private static BinlogPosition withoutGtid(BinlogPosition p) {
        return p.gtidSet() == null ? p : new BinlogPosition(p.file(), p.position(), null, p.eventsToSkip(), p.rowsToSkip());
    }
}
