package io.sluice.bench.worker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Peak memory of this JVM: the heap in use, sampled every 10 ms, and the peak resident set size
 * the kernel reports ({@code VmHWM}), which also counts metaspace, thread stacks and direct
 * buffers.
 *
 * <p>This folder ({@code bench/src/shared}) is compiled into both worker classpaths: the Sluice
 * module's and the separate Flink CDC project's, which must not share a jar.
 */
public final class MemoryWatch {
    private static final long SAMPLE_MILLIS = 10;

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private volatile long peakHeap;

    private MemoryWatch() {}

    public static MemoryWatch start() {
        MemoryWatch watch = new MemoryWatch();
        Thread t = new Thread(watch::sample, "bench-memory-watch");
        t.setDaemon(true);
        t.start();
        return watch;
    }

    public long peakHeapBytes() {
        return Math.max(peakHeap, memory.getHeapMemoryUsage().getUsed());
    }

    /** {@code VmHWM} from {@code /proc/self/status}, or -1 where there is no such file. */
    public long peakRssBytes() {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
            return -1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void sample() {
        try {
            while (true) {
                long used = memory.getHeapMemoryUsage().getUsed();
                if (used > peakHeap) {
                    peakHeap = used;
                }
                Thread.sleep(SAMPLE_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
