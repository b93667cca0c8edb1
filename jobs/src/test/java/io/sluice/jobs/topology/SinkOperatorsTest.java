package io.sluice.jobs.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.jobs.config.JobConfig;
import io.sluice.jobs.config.JobFiles;
import io.sluice.jobs.config.SinkConfig;
import io.sluice.sinks.jdbc.JdbcXaSink;
import io.sluice.sinks.redis.RedisSink;
import io.sluice.sinks.redis.RedisSinkOptions;

import org.junit.jupiter.api.Test;

import java.util.Map;

/** The job file's sink settings reach the sink builders. */
class SinkOperatorsTest {

    @Test
    void redisCredentialsAndTlsTruststoreReachTheSink() {
        SinkConfig config = JobFiles.parse("job: {name: t}\n"
                + "source: {hostname: h, username: u, server-id: 1, tables: \"a\\\\.b\"}\n"
                + "sinks: [{type: redis, from: a.b, key: \"b:{id}\", username: sink, password: \"${env:PW}\", tls: true,\n"
                + "         tls-truststore: /etc/sluice/ca.p12, tls-truststore-password: \"${env:TPW}\"}]\n",
                "t.yaml", Map.of("PW", "redis-pw", "TPW", "trust-pw")).sinks().get(0);
        RedisSinkOptions options = ((RedisSink) SinkOperators.create(config, "t")).options();
        assertThat(options.username()).isEqualTo("sink");
        assertThat(options.password()).isEqualTo("redis-pw");
        assertThat(options.tls()).isTrue();
        assertThat(options.tlsTruststore()).isEqualTo("/etc/sluice/ca.p12");
        assertThat(options.tlsTruststorePassword()).isEqualTo("trust-pw");
    }

    @Test
    void anXaSinkNamesItsTransactionsAfterTheJobAndItsUid() {
        JobConfig job = JobFiles.parse("job: {name: report-job}\n"
                + "source: {hostname: h, username: u, server-id: 1, tables: \"a\\\\.b\"}\n"
                + "sinks: [{type: jdbc, name: report, from: a.b, url: \"jdbc:mysql://h/r\", table: t, mode: xa}]\n",
                "t.yaml", Map.of());
        JdbcXaSink sink = (JdbcXaSink) SinkOperators.create(job.sinks().get(0), job.job().name());
        assertThat(sink.options().transactionScope()).isEqualTo("report-job/sink-report");
    }

    @Test
    void rotatingAPasswordInTheUrlKeepsTheUidAndNeverShowsIt() {
        String job = "job: {name: t}\n"
                + "source: {hostname: h, username: u, server-id: 1, tables: \"a\\\\.b\"}\n"
                + "sinks: [{type: jdbc, from: a.b, url: \"%s\", table: t}]\n";
        SinkConfig before = JobFiles.parse(job.formatted("jdbc:mysql://h/r?user=x&password=old-secret"), "t.yaml",
                Map.of()).sinks().get(0);
        SinkConfig after = JobFiles.parse(job.formatted("jdbc:mysql://h/r?user=x&password=new-secret"), "t.yaml",
                Map.of()).sinks().get(0);
        assertThat(SinkOperators.uid(after)).isEqualTo(SinkOperators.uid(before));
        assertThat(SinkOperators.identity(before)).doesNotContain("old-secret");
        SinkConfig userInfo = JobFiles.parse(job.formatted("jdbc:postgresql://x:pg-secret@h/r"), "t.yaml", Map.of())
                .sinks().get(0);
        assertThat(SinkOperators.identity(userInfo)).doesNotContain("pg-secret").contains("//x:******@h/r");
        assertThat(userInfo.toString()).doesNotContain("pg-secret");
    }
}
