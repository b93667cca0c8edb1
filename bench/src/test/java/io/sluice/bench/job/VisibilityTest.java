package io.sluice.bench.job;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VisibilityTest {

    @Test
    void theSearchFindsTheEndOfAVisiblePrefixInFewRequests() {
        for (long end : new long[] {100, 101, 150, 999, 1000, 5000}) {
            Prefix target = new Prefix(end);
            assertThat(target.highestVisible(100, 5000)).as("end %d", end).isEqualTo(end);
            assertThat(target.requests.get()).as("requests for end %d", end).isLessThanOrEqualTo(4);
        }
        assertThat(new Prefix(7).highestVisible(7, 7)).isEqualTo(7);
    }

    @Test
    void percentilesAreNearestRank() {
        double[] sorted = new double[100];
        for (int i = 0; i < 100; i++) {
            sorted[i] = i + 1;
        }
        assertThat(LatencyScenario.percentile(sorted, 0.5)).isEqualTo(50);
        assertThat(LatencyScenario.percentile(sorted, 0.99)).isEqualTo(99);
        assertThat(LatencyScenario.percentile(new double[] {4}, 0.99)).isEqualTo(4);
        assertThat(LatencyScenario.percentile(new double[0], 0.5)).isNaN();
    }

    @Test
    void badSettingsAreRefusedWithWhatWouldBeAccepted() {
        assertThatThrownBy(() -> new LatencyScenario.Settings(50, 10, 2, 1, 0, java.time.Duration.ofSeconds(1), "1g",
                Path.of("x")))
                .hasMessage("rate must be at least 100 rows/s, got 50");
        assertThatThrownBy(() -> new LatencyScenario.Settings(500, 2, 2, 1, 0, java.time.Duration.ofSeconds(1), "1g",
                Path.of("x")))
                .hasMessage("seconds (2) must exceed the warm-up seconds (2), which must not be negative");
        assertThatThrownBy(() -> new LatencyScenario.Settings(500, 10, 2, 1, -1, java.time.Duration.ofSeconds(1),
                "1g", Path.of("x")))
                .hasMessage("warm-up runs must not be negative, got -1");
        assertThatThrownBy(() -> new JoinScenario.Settings(1000, 0, Path.of("shop.yaml"), 0, "1g", Path.of("x")))
                .hasMessage("runs must be at least 1, got 0");
    }

    /** Ids up to {@code end} are visible; counts the requests. */
    private static final class Prefix implements Visibility {
        private final long end;
        final AtomicInteger requests = new AtomicInteger();

        Prefix(long end) {
            this.end = end;
        }

        @Override
        public String target() {
            return "prefix";
        }

        @Override
        public boolean visible(long id) {
            return id <= end;
        }

        @Override
        public boolean[] visible(long[] ids) {
            requests.incrementAndGet();
            return Visibility.super.visible(ids);
        }

        @Override
        public long count() {
            return end;
        }

        @Override
        public void close() {}
    }
}
