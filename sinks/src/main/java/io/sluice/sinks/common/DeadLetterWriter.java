package io.sluice.sinks.common;

import org.apache.flink.annotation.Internal;

import java.io.IOException;

/** Where a sink's dead letters go: a file, or an Elasticsearch index. Used from one thread at a time. */
@Internal
public interface DeadLetterWriter extends AutoCloseable {

    /** Writes one dead letter (a JSON object, one line). */
    void write(String json) throws IOException;

    /** Makes every dead letter written so far durable; called on each checkpoint. */
    void flush() throws IOException;

    @Override
    void close() throws IOException;
}
