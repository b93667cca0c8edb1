package io.sluice.sinks.jdbc;

import io.sluice.event.Event;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

import java.io.IOException;

/**
 * Keeps relational tables equal to source rows (mirrors, sharded copies, aggregate tables): each
 * row goes to the table its template gives ({@code seller_daily_{seller_id % 4}},
 * {@code report_{region}.seller_daily}) as a keyed upsert, a delete deletes its key. MySQL/MariaDB
 * (mysql-connector-j, batches rewritten into multi-row statements) and PostgreSQL.
 *
 * <p>This is a Sink V2 writer on plain JDBC batches rather than the connector's {@code JdbcSink}:
 * that sink prepares one SQL statement for all records, and a record here may go to any of many
 * tables, as an upsert or as a delete. Each target's statements are prepared once per connection.
 *
 * <p>In {@link JdbcWriteMode#UPSERT} mode (the default) each batch is committed as it is sent and
 * on every checkpoint (at least once; replays are harmless). Feed it a stream keyed by row
 * ({@link io.sluice.core.key.RowKeySelector}).
 */
@PublicEvolving
public final class JdbcSink implements Sink<Event> {
    private static final long serialVersionUID = 1L;

    private final JdbcSinkOptions options;

    JdbcSink(JdbcSinkOptions options) {
        this.options = options;
    }

    public static JdbcSinkBuilder builder() {
        return new JdbcSinkBuilder();
    }

    public JdbcSinkOptions options() {
        return options;
    }

    @Override
    public SinkWriter<Event> createWriter(WriterInitContext context) throws IOException {
        return new JdbcWriter(options, context.metricGroup(), context.getProcessingTimeService(),
                context.getTaskInfo().getNumberOfParallelSubtasks());
    }

    /** Flink 1.20 calls {@link #createWriter(WriterInitContext)}; this older entry point does the same. */
    @Override
    @Deprecated
    public SinkWriter<Event> createWriter(InitContext context) throws IOException {
        return new JdbcWriter(options, context.metricGroup(), context.getProcessingTimeService(),
                context.getNumberOfParallelSubtasks());
    }

    @Override
    public String toString() {
        return "JdbcSink" + options;
    }
}
