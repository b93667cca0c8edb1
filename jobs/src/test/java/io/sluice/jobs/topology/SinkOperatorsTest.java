package io.sluice.jobs.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.jobs.config.JobFiles;
import io.sluice.jobs.config.SinkConfig;
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
        RedisSinkOptions options = ((RedisSink) SinkOperators.create(config)).options();
        assertThat(options.username()).isEqualTo("sink");
        assertThat(options.password()).isEqualTo("redis-pw");
        assertThat(options.tls()).isTrue();
        assertThat(options.tlsTruststore()).isEqualTo("/etc/sluice/ca.p12");
        assertThat(options.tlsTruststorePassword()).isEqualTo("trust-pw");
    }
}
