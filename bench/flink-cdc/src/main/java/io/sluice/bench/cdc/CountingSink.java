package io.sluice.bench.cdc;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A sink that only counts what reaches it, in this JVM (the workers run a local cluster), and
 * notes when the first record and the expected-th record arrived: the end of a read that has no
 * stop position.
 */
final class CountingSink implements Sink<Integer> {
    private static final long serialVersionUID = 1L;

    private static final AtomicLong ROWS = new AtomicLong();
    private static final AtomicLong FIRST_AT = new AtomicLong(-1);
    private static final AtomicLong EXPECTED_AT = new AtomicLong(-1);
    private static final CountDownLatch ALL_COUNTED = new CountDownLatch(1);
    private static volatile long expected = Long.MAX_VALUE;

    /** Sets the count at which {@link #awaitExpected} returns; before the job starts. */
    static void expect(long rows) {
        expected = rows;
    }

    static long rows() {
        return ROWS.get();
    }

    /** {@link System#nanoTime()} when the first record arrived, or -1. */
    static long firstAt() {
        return FIRST_AT.get();
    }

    /** {@link System#nanoTime()} when the expected-th record arrived, or -1. */
    static long expectedAt() {
        return EXPECTED_AT.get();
    }

    /** Waits up to {@code millis} for the expected count; true once it was reached. */
    static boolean awaitExpected(long millis) throws InterruptedException {
        return ALL_COUNTED.await(millis, TimeUnit.MILLISECONDS);
    }

    @Override
    @SuppressWarnings("deprecation")
    public SinkWriter<Integer> createWriter(InitContext context) {
        return new Writer();
    }

    @Override
    public SinkWriter<Integer> createWriter(WriterInitContext context) {
        return new Writer();
    }

    private static final class Writer implements SinkWriter<Integer> {
        @Override
        public void write(Integer element, Context context) {
            long n = ROWS.incrementAndGet();
            if (n == 1) {
                FIRST_AT.set(System.nanoTime());
            }
            if (n == expected) {
                EXPECTED_AT.set(System.nanoTime());
                ALL_COUNTED.countDown();
            }
        }

        @Override
        public void flush(boolean endOfInput) {}

        @Override
        public void close() {}
    }
}
