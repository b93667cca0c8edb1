package io.sluice.bench;

/**
 * Notes when the job's sinks first count a record ({@link JobCounters}), polling every millisecond
 * off the task threads: the end of a job's start-up, for the first-to-last rates.
 */
public final class FirstRowWatch {
    private final Thread thread;
    private volatile long at = -1;

    private FirstRowWatch() {
        thread = new Thread(this::watch, "bench-first-row");
        thread.setDaemon(true);
    }

    public static FirstRowWatch start() {
        FirstRowWatch watch = new FirstRowWatch();
        watch.thread.start();
        return watch;
    }

    /** The {@link System#nanoTime()} of the first record, or -1 while there was none. */
    public long at() {
        return at;
    }

    public void stop() {
        thread.interrupt();
    }

    private void watch() {
        try {
            while (JobCounters.sinksIn() == 0) {
                Thread.sleep(1);
            }
            at = System.nanoTime();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
