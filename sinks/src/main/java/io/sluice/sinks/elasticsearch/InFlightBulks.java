package io.sluice.sinks.elasticsearch;

import io.sluice.sinks.elasticsearch.BulkBuffer.DocKey;

import org.apache.flink.annotation.VisibleForTesting;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bulk requests of one writer that are being sent, each on a sender thread of its own, at most
 * {@code max} at once. Used from the task thread only: {@link #send} waits (back-pressure) while
 * {@code max} bulks are in flight, and first waits for every bulk in flight that holds one of the
 * new bulk's documents, so a document is never in two bulks in flight and the writes of one
 * document reach Elasticsearch in order. Each finished bulk is handed to the writer's
 * {@link Completion} on the task thread, in the call that noticed it finished.
 *
 * @param <R> what sending a bulk returns (its rejected items)
 */
final class InFlightBulks<R> implements AutoCloseable {

    /** What the writer does with a finished bulk, on the task thread. */
    interface Completion<R> {
        void completed(R result, int records) throws IOException;
    }

    private final int max;
    private final ExecutorService senders;
    private final Completion<R> completion;
    private final ArrayDeque<Entry<R>> entries = new ArrayDeque<>();
    private final Map<DocKey, Entry<R>> documents = new HashMap<>();
    private volatile int records;
    private int maxSeen;
    private long orderWaits;

    private record Entry<R>(Collection<DocKey> keys, int records, Future<R> result) {}

    InFlightBulks(String name, int max, Completion<R> completion) {
        this.max = max;
        this.completion = completion;
        AtomicInteger threads = new AtomicInteger();
        this.senders = new ThreadPoolExecutor(max, max, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, name + " bulk sender " + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Sends a bulk on a sender thread once none of its documents is in flight and fewer than
     * {@code max} bulks are; throws the failure of any bulk that finished meanwhile.
     */
    void send(Collection<DocKey> keys, int bulkRecords, Callable<R> sender) throws IOException {
        finishDone();
        for (DocKey key : keys) {
            Entry<R> holder = documents.get(key);
            if (holder != null) {
                orderWaits++;
                finish(holder);
            }
        }
        while (entries.size() >= max) {
            finish(entries.peekFirst());
        }
        Entry<R> entry = new Entry<>(keys, bulkRecords, senders.submit(sender));
        for (DocKey key : keys) {
            if (documents.put(key, entry) != null) {
                throw new IllegalStateException("document " + key + " would be in two bulk requests in flight");
            }
        }
        entries.addLast(entry);
        records += bulkRecords;
        maxSeen = Math.max(maxSeen, entries.size());
    }

    /** Hands every bulk that has finished to the completion, without waiting. */
    void finishDone() throws IOException {
        List<Entry<R>> done = new ArrayList<>();
        for (Entry<R> e : entries) {
            if (e.result().isDone()) {
                done.add(e);
            }
        }
        finishAll(done);
    }

    /** Waits for every bulk in flight; throws the first failure, with the others suppressed. */
    void awaitAll() throws IOException {
        finishAll(new ArrayList<>(entries));
    }

    private void finishAll(List<Entry<R>> toFinish) throws IOException {
        IOException first = null;
        RuntimeException firstRuntime = null;
        for (Entry<R> e : toFinish) {
            try {
                finish(e);
            } catch (IOException ex) {
                if (first == null) {
                    first = ex;
                } else {
                    first.addSuppressed(ex);
                }
            } catch (RuntimeException ex) {
                if (firstRuntime == null) {
                    firstRuntime = ex;
                } else {
                    firstRuntime.addSuppressed(ex);
                }
            }
        }
        if (firstRuntime != null) {
            if (first != null) {
                firstRuntime.addSuppressed(first);
            }
            throw firstRuntime;
        }
        if (first != null) {
            throw first;
        }
    }

    /** Waits for one bulk, releases its documents and hands its result to the completion. */
    private void finish(Entry<R> entry) throws IOException {
        R result;
        try {
            result = entry.result().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a bulk request");
        } catch (ExecutionException e) {
            release(entry);
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IOException(cause);
        }
        release(entry);
        completion.completed(result, entry.records());
    }

    private void release(Entry<R> entry) {
        if (!entries.remove(entry)) {
            return;
        }
        for (DocKey key : entry.keys()) {
            documents.remove(key, entry);
        }
        records -= entry.records();
    }

    /** Source records in the bulks in flight. */
    int records() {
        return records;
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    @Override
    public void close() {
        senders.shutdownNow();
    }

    /** The most bulks that were in flight at once. */
    @VisibleForTesting
    int maxSeen() {
        return maxSeen;
    }

    /** How often a bulk waited for an earlier one holding one of its documents. */
    @VisibleForTesting
    long orderWaits() {
        return orderWaits;
    }
}
