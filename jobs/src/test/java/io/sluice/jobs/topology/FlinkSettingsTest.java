package io.sluice.jobs.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.jobs.config.JobFiles;
import io.sluice.jobs.config.JobSettings;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.CheckpointingMode;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

class FlinkSettingsTest {

    private static JobSettings settings(String job) {
        return JobFiles.parse("job: " + job + "\n"
                + "source: {hostname: h, username: u, server-id: 1, tables: \"a\\\\.b\", startup: latest}\n"
                + "sinks: [{type: print, from: a.b}]\n", "t.yaml", Map.of(), List.of()).job();
    }

    @Test
    void mapsEveryJobSetting() {
        Configuration conf = FlinkSettings.of(settings("{name: shop, parallelism: 4, state-backend: rocksdb, "
                + "checkpoint: {interval: 30s, mode: at_least_once, dir: /var/cp}, "
                + "restart: {fixed-delay: {attempts: 5, delay: 2s}}}"));

        assertThat(conf.get(PipelineOptions.NAME)).isEqualTo("shop");
        assertThat(conf.get(PipelineOptions.GENERIC_TYPES)).isFalse();
        assertThat(conf.get(CoreOptions.DEFAULT_PARALLELISM)).isEqualTo(4);
        assertThat(conf.get(CheckpointingOptions.CHECKPOINTING_INTERVAL)).isEqualTo(Duration.ofSeconds(30));
        assertThat(conf.get(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE))
                .isEqualTo(CheckpointingMode.AT_LEAST_ONCE);
        assertThat(conf.get(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION))
                .isEqualTo(ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        assertThat(conf.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY)).isEqualTo("/var/cp");
        assertThat(conf.get(StateBackendOptions.STATE_BACKEND)).isEqualTo("rocksdb");
        assertThat(conf.get(RestartStrategyOptions.RESTART_STRATEGY)).isEqualTo("fixed-delay");
        assertThat(conf.get(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS)).isEqualTo(5);
        assertThat(conf.get(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void defaults() {
        Configuration conf = FlinkSettings.of(settings("{name: shop}"));

        assertThat(conf.get(CoreOptions.DEFAULT_PARALLELISM)).isEqualTo(1);
        assertThat(conf.get(CheckpointingOptions.CHECKPOINTING_INTERVAL)).isEqualTo(Duration.ofSeconds(10));
        assertThat(conf.get(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE))
                .isEqualTo(CheckpointingMode.EXACTLY_ONCE);
        assertThat(conf.contains(CheckpointingOptions.CHECKPOINTS_DIRECTORY)).isFalse();
        assertThat(conf.get(StateBackendOptions.STATE_BACKEND)).isEqualTo("hashmap");
        assertThat(conf.get(RestartStrategyOptions.RESTART_STRATEGY)).isEqualTo("exponential-delay");
        assertThat(conf.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF))
                .isEqualTo(Duration.ofSeconds(1));
        assertThat(conf.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF))
                .isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void noRestartsAndACheckpointDirectoryChosenByTheCaller() {
        Configuration conf = FlinkSettings.of(settings("{name: shop, restart: none, checkpoint: {dir: /var/cp}}"),
                Optional.of("file:///tmp/cp"));

        assertThat(conf.get(RestartStrategyOptions.RESTART_STRATEGY)).isEqualTo("none");
        assertThat(conf.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY)).isEqualTo("file:///tmp/cp");
        assertThat(conf.get(CheckpointingOptions.CHECKPOINT_STORAGE)).isEqualTo("filesystem");
    }
}
