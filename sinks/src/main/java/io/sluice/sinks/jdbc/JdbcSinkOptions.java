package io.sluice.sinks.jdbc;

import io.sluice.core.connector.TruncatePolicy;
import io.sluice.core.connector.Secret;

import io.sluice.core.failure.ErrorPolicy;
import io.sluice.sinks.common.RetryOptions;
import io.sluice.core.template.Template;

import org.apache.flink.annotation.PublicEvolving;

import java.io.Serializable;
import java.time.Duration;

/**
 * The validated settings of a {@link JdbcSink}, built by {@link JdbcSinkBuilder}. The first
 * fields mirror the job file's jdbc sink keys one to one; {@code batchSize},
 * {@code flushInterval} and {@code retry} are tuning with defaults.
 *
 * @param username user, or null (then the URL says)
 * @param password password, or null; never printed
 * @param table the target table template; a dot in the result separates the database (a schema
 *     in PostgreSQL): {@code report_{region}.seller_daily}
 * @param database the database of targets whose template has no dot, or null for the URL's
 * @param transactionScope what names this sink's XA transactions apart from every other sink's on
 *     the same database: the job's name and the sink's uid for a job, else the sink's name
 */
@PublicEvolving
public record JdbcSinkOptions(
        String name,
        String url,
        String username,
        String password,
        Template table,
        String database,
        JdbcWriteMode mode,
        boolean createTables,
        ErrorPolicy errorPolicy,
        TruncatePolicy truncate,
        int batchSize,
        Duration flushInterval,
        RetryOptions retry,
        String transactionScope)
        implements Serializable {


    /** The URL with any {@code password=} parameter masked, for messages. */
    public String maskedUrl() {
        return Secret.maskUrlPasswords(url);
    }

    @Override
    public String toString() {
        return "JdbcSinkOptions[name=" + name + ", url=" + maskedUrl() + ", username=" + username + ", password="
                + (password == null ? "none" : "******") + ", table=" + table + ", database=" + database
                + ", mode=" + mode + ", createTables=" + createTables + ", errorPolicy=" + errorPolicy + ", truncate=" + truncate
                + ", batchSize=" + batchSize + ", flushInterval=" + flushInterval + ", retry=" + retry + "]";
    }
}
