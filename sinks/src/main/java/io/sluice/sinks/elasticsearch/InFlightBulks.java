package io.sluice.sinks.elasticsearch;

import io.sluice.sinks.elasticsearch.BulkBuffer.DocKey;

import org.apache.flink.annotation.VisibleForTesting;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bulk requests of one writer that are being sent, each on a sender thread of its own, at most
 * {@code max} at once. Used from the task thread: {@link #send} waits (back-pressure) while
 * {@code max} bulks are in flight, and first waits for every bulk in flight that holds one of the
 * new bulk's documents, so a document is never in two bulks in flight and the writes of one
 * document reach Elasticsearch in order. A sender thread hands its finished bulk back to the task
 * thread through the mailbox, where the writer's {@link Completion} runs; waiting means yielding
 * to the mailbox, never blocking the task thread.
 *
 * <p>Failures (of a bulk, or of its completion) are kept until {@link #throwIfFailed}: the first
 * {@link RuntimeException} with the others suppressed and the first {@link IOException} (holding
 * the other ones) suppressed into it, or else the first {@link IOException}.
 *
 * @param <R> what sending a bulk returns
 */
final class InFlightBulks<R> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InFlightBulks.class);

    /** What the writer does with a finished bulk, on the task thread; what it throws fails the next check. */
    interface Completion<R> {
        void completed(R result, int records) throws IOException;
    }

    private final String name;
    private final int max;
    private final MailboxExecutor mailbox;
    private final ExecutorService senders;
    private final Completion<R> completion;
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private final Map<DocKey, Entry> documents = new HashMap<>();
    /** Read by the pending-records gauge. */
    private volatile int records;
    private int maxSeen;
    private long orderWaits;
    private IOException firstIo;
    private RuntimeException firstRuntime;
    /** Set on the task thread, read by the senders: a closed writer takes no more bulks back. */
    private volatile boolean closed;

    /** A bulk in flight (compared by identity). */
    private static final class Entry {
        final Collection<DocKey> keys;
        final int records;

        Entry(Collection<DocKey> keys, int records) {
            this.keys = keys;
            this.records = records;
        }
    }

    InFlightBulks(String name, int max, MailboxExecutor mailbox, Completion<R> completion) {
        this.name = name;
        this.max = max;
        this.mailbox = mailbox;
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
     * {@code max} bulks are; throws the failures of bulks that came back meanwhile.
     */
    void send(Collection<DocKey> keys, int bulkRecords, Callable<R> sender) throws IOException {
        throwIfFailed();
        for (DocKey key : keys) {
            if (documents.containsKey(key)) {
                orderWaits++;
                while (documents.containsKey(key)) {
                    yieldToMailbox();
                }
            }
        }
        while (entries.size() >= max) {
            yieldToMailbox();
        }
        // a bulk waited for may have failed: then the job fails before this one is sent
        throwIfFailed();
        Entry entry = new Entry(keys, bulkRecords);
        for (DocKey key : keys) {
            if (documents.put(key, entry) != null) {
                throw new IllegalStateException("document " + key + " would be in two bulk requests in flight");
            }
        }
        entries.addLast(entry);
        records += bulkRecords;
        maxSeen = Math.max(maxSeen, entries.size());
        senders.execute(() -> {
            R result = null;
            Throwable failure = null;
            try {
                result = sender.call();
            } catch (Throwable t) {
                failure = t;
            } finally {
                handBack(entry, result, failure);
            }
        });
    }

    /** On the sender thread: queues the bulk's outcome for the task thread. */
    private void handBack(Entry entry, R result, Throwable failure) {
        if (closed) {
            return;
        }
        try {
            mailbox.execute(() -> finish(entry, result, failure), "%s bulk done", name);
        } catch (RejectedExecutionException e) {
            LOG.debug("{}: the task is ending; a finished bulk is not handed back: {}", name, e.toString());
        }
    }

    /** On the task thread: releases the bulk's documents and hands its outcome to the completion. Never throws. */
    private void finish(Entry entry, R result, Throwable failure) {
        if (closed || !release(entry)) {
            return;
        }
        try {
            if (failure != null) {
                fail(failure);
            } else {
                completion.completed(result, entry.records);
            }
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
    }

    private void fail(Throwable failure) {
        if (failure instanceof RuntimeException re) {
            if (firstRuntime == null) {
                firstRuntime = re;
            } else {
                firstRuntime.addSuppressed(re);
            }
            return;
        }
        IOException io = failure instanceof IOException e ? e : new IOException(failure);
        if (firstIo == null) {
            firstIo = io;
        } else {
            firstIo.addSuppressed(io);
        }
    }

    /** Throws the failures of the bulks that came back since the last call, without waiting. */
    void throwIfFailed() throws IOException {
        RuntimeException runtime = firstRuntime;
        IOException io = firstIo;
        firstRuntime = null;
        firstIo = null;
        if (runtime != null) {
            if (io != null) {
                runtime.addSuppressed(io);
            }
            throw runtime;
        }
        if (io != null) {
            throw io;
        }
    }

    /** Waits for every bulk in flight; throws the first failure, with the others suppressed. */
    void awaitAll() throws IOException {
        while (!entries.isEmpty()) {
            yieldToMailbox();
        }
        throwIfFailed();
    }

    /** Runs mail (a finished bulk, a timer) until there is some. */
    private void yieldToMailbox() throws IOException {
        try {
            mailbox.yield();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a bulk request");
        }
    }

    private boolean release(Entry entry) {
        if (!entries.remove(entry)) {
            return false;
        }
        for (DocKey key : entry.keys) {
            documents.remove(key, entry);
        }
        records -= entry.records;
        return true;
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
        closed = true;
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
