package io.sluice.sinks.jdbc;

import io.sluice.core.connector.TruncatePolicy;
import io.sluice.event.Event;
import io.sluice.core.failure.ErrorPolicy;
import io.sluice.sinks.common.RetryOptions;
import io.sluice.core.template.Template;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.connector.sink2.Sink;

import java.time.Duration;
import java.util.Objects;

/**
 * Builds a {@link JdbcSink}. Setters check their own value; {@link #build()} checks the rules
 * between them. Each setter is named after the job file key it mirrors.
 *
 * <pre>{@code
 * Sink<Event> sink = JdbcSink.builder()
 *         .name("seller-daily")
 *         .url("jdbc:mysql://127.0.0.1:3306/report")
 *         .username("report").password(secret)
 *         .table("seller_daily_{seller_id % 4}")
 *         .build();
 * aggregates.keyBy(new RowKeySelector(), Types.STRING).sinkTo(sink).name("seller-daily").uid("seller-daily");
 * }</pre>
 */
@PublicEvolving
public final class JdbcSinkBuilder {
    public static final int DEFAULT_BATCH_SIZE = 5000;
    public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofSeconds(1);

    private String name = "jdbc";
    private String url;
    private String username;
    private String password;
    private Template table;
    private String database;
    private JdbcWriteMode mode = JdbcWriteMode.UPSERT;
    private boolean createTables;
    private ErrorPolicy errorPolicy = ErrorPolicy.FAIL;
    private TruncatePolicy truncate = TruncatePolicy.FAIL;
    private int batchSize = DEFAULT_BATCH_SIZE;
    private Duration flushInterval = DEFAULT_FLUSH_INTERVAL;
    private RetryOptions retry = RetryOptions.DEFAULT;

    private String transactionScope;

    JdbcSinkBuilder() {}

    /**
     * What names this sink's XA transactions (mode xa) apart from those of every other sink and job
     * on the same database, so that one never rolls back or commits another's: by default the
     * sink's name; a job gives its own name and the sink's uid.
     */
    public JdbcSinkBuilder transactionScope(String value) {
        this.transactionScope = requireText(value, "transaction scope");
        return this;
    }

    /** The sink's name in logs, metrics and dead letters. */
    public JdbcSinkBuilder name(String value) {
        this.name = requireText(value, "name");
        return this;
    }

    /** {@code url}: {@code jdbc:mysql:}, {@code jdbc:mariadb:} or {@code jdbc:postgresql:}. */
    public JdbcSinkBuilder url(String value) {
        SqlDialect.forUrl(requireText(value, "url"));
        this.url = value;
        return this;
    }

    /** {@code username}. */
    public JdbcSinkBuilder username(String value) {
        this.username = requireText(value, "username");
        return this;
    }

    /** {@code password}. */
    public JdbcSinkBuilder password(String value) {
        this.password = Objects.requireNonNull(value, "password");
        return this;
    }

    /** {@code table}: the target table template, e.g. {@code seller_daily_{seller_id % 4}}. */
    public JdbcSinkBuilder table(String template) {
        this.table = Template.parse(template);
        return this;
    }

    /** {@code database}: the database (PostgreSQL: schema) of targets whose template has none. */
    public JdbcSinkBuilder database(String value) {
        this.database = requireText(value, "database");
        return this;
    }

    /** {@code mode}: upsert (default, at least once) or xa (exactly once). */
    public JdbcSinkBuilder mode(JdbcWriteMode value) {
        this.mode = Objects.requireNonNull(value, "mode");
        return this;
    }

    /** {@code create-tables}: create missing target databases, tables and columns from the source schema. */
    public JdbcSinkBuilder createTables(boolean value) {
        this.createTables = value;
        return this;
    }

    /** {@code error-policy}: fail (default), log, or a dead-letter file. */
    public JdbcSinkBuilder errorPolicy(ErrorPolicy value) {
        this.errorPolicy = Objects.requireNonNull(value, "error-policy");
        return this;
    }

    /** What the sink does when a table it reads is truncated or dropped (default {@code FAIL}). */
    public JdbcSinkBuilder truncate(TruncatePolicy value) {
        this.truncate = Objects.requireNonNull(value, "truncate");
        return this;
    }

    /** Buffered row changes before a batch is sent (default {@value #DEFAULT_BATCH_SIZE}). */
    public JdbcSinkBuilder batchSize(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + value);
        }
        this.batchSize = value;
        return this;
    }

    /** The longest a buffered change waits (default 1 s); every checkpoint commits too. */
    public JdbcSinkBuilder flushInterval(Duration value) {
        if (value == null || value.toMillis() < 1) {
            throw new IllegalArgumentException("flush interval must be at least 1ms, got " + value);
        }
        this.flushInterval = value;
        return this;
    }

    /** Retries of a failed batch (default {@link RetryOptions#DEFAULT}). */
    public JdbcSinkBuilder retry(RetryOptions value) {
        this.retry = Objects.requireNonNull(value, "retry");
        return this;
    }

    /**
     * Checks the settings together and builds the sink: a {@link JdbcSink} for mode upsert, a
     * {@link JdbcXaSink} for mode xa.
     */
    public Sink<Event> build() {
        JdbcSinkOptions options = options();
        return options.mode() == JdbcWriteMode.XA ? new JdbcXaSink(options) : new JdbcSink(options);
    }

    JdbcSinkOptions options() {
        if (url == null) {
            throw new IllegalArgumentException(name + ": url is required, e.g. jdbc:mysql://127.0.0.1:3306/report");
        }
        if (table == null) {
            throw new IllegalArgumentException(name + ": table is required, e.g. seller_daily or seller_daily_{seller_id % 4}");
        }
        if (errorPolicy instanceof ErrorPolicy.DeadLetter d && d.target() != ErrorPolicy.DeadLetter.Target.PATH) {
            throw new IllegalArgumentException(
                    name + ": a dead-letter index is only available to elasticsearch sinks; use {dead-letter: {path: FILE}}");
        }
        return new JdbcSinkOptions(name, url, username, password, table, database, mode, createTables, errorPolicy, truncate,
                batchSize, flushInterval, retry, transactionScope == null ? name : transactionScope);
    }

    private static String requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        return value;
    }
}
