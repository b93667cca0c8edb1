package io.sluice.bench.job;

import io.sluice.bench.Bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps scenarios 3-5 working at smoke sizes, through the same command line: every row reaches
 * every target, and the shop job ends with the aggregate the source holds. Never how fast.
 */
class JobScenariosITCase {

    @Test
    void theShopJobReadsEveryChangeAndEndsWithTheSourcesAggregate(@TempDir Path logs) {
        CommandLine bench = Bench.commandLine();
        String shopJob = System.getProperty("sluice.bench.shopJob", "../jobs/examples/shop.yaml");

        int exit = bench.execute("join", "--changes", "2000", "--runs", "1", "--job-file", shopJob,
                "--log-dir", logs.toString());

        assertThat(exit).isZero();
        JoinScenario.Outcome outcome = ((JoinCommand) bench.getSubcommands().get("join").getCommand()).outcome;
        assertThat(outcome.runs()).hasSize(1);
        JoinScenario.Run run = outcome.runs().get(0);
        assertThat(run.sourceRows()).isEqualTo(2000);
        assertThat(run.aggregateMatches()).isTrue();
        assertThat(run.sinkRecords()).isPositive();
        assertThat(run.checkpointBytes()).isPositive();
        assertThat(run.liveHeap()).isPositive();
    }

    @Test
    void everyRowBecomesVisibleInEveryTarget(@TempDir Path logs) {
        CommandLine bench = Bench.commandLine();

        int exit = bench.execute("latency", "--rate", "500", "--seconds", "3", "--warmup-seconds", "1", "--runs", "1", "--warmup-runs", "0",
                "--checkpoint-interval", "2", "--log-dir", logs.toString());

        assertThat(exit).isZero();
        LatencyScenario.Outcome outcome = ((LatencyCommand) bench.getSubcommands().get("latency").getCommand()).outcome;
        assertThat(outcome.runs()).hasSize(1);
        assertThat(outcome.runs().get(0).targets())
                .extracting(LatencyScenario.TargetRun::target)
                .containsExactly("Redis", "Elasticsearch", "JDBC (MariaDB)");
        assertThat(outcome.runs().get(0).targets()).allSatisfy(t -> {
            assertThat(t.rows()).isEqualTo(1501);
            assertThat(t.held()).isEqualTo(1501);
            assertThat(t.p50()).isPositive();
            assertThat(t.max()).isGreaterThanOrEqualTo(t.p99()).isGreaterThanOrEqualTo(t.p50());
        });
    }
}
