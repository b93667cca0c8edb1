package io.sluice.bench;

import io.sluice.bench.worker.MemoryWatch;

import java.util.Arrays;

/**
 * The main of a worker JVM: reads a binlog range with one system and prints one {@link
 * Measurement} line. Arguments: the system's name, the number of untimed warm-up reads before the
 * timed one, then {@link BinlogRange#toArgs()}.
 */
public final class Worker {
    private Worker() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: Worker <" + Arrays.toString(BenchSystem.values())
                    + "> <warm-up reads> <binlog range>");
        }
        BenchSystem system = BenchSystem.valueOf(args[0]);
        int warmups = Integer.parseInt(args[1]);
        BinlogRange range = BinlogRange.fromArgs(args, 2);
        MemoryWatch memory = MemoryWatch.start();
        ReadResult read = switch (system) {
            case BARE -> {
                for (int i = 0; i < warmups; i++) {
                    BareClientRead.read(range);
                }
                yield BareClientRead.read(range);
            }
            case SLUICE -> {
                try (SluiceRead sluice = new SluiceRead()) {
                    for (int i = 0; i < warmups; i++) {
                        sluice.read(range);
                    }
                    yield sluice.read(range);
                }
            }
            case FLINK_CDC -> throw new IllegalArgumentException(system.label() + " runs on a classpath of its own:"
                    + " io.sluice.bench.cdc.FlinkCdcBinlogWorker in bench/flink-cdc");
        };
        System.out.println(Measurement.of(system, read, memory).toLine());
        System.out.flush();
        // Flink and the binlog client may leave non-daemon threads behind; the figures are out
        System.exit(0);
    }
}
