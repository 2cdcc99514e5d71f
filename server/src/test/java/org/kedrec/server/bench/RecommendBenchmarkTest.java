package org.kedrec.server.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RecommendBenchmarkTest {
    @Test
    void nearestRankPercentiles() {
        long[] sorted = new long[100];
        for (int i = 0; i < 100; i++) {
            sorted[i] = i + 1;
        }
        assertThat(RecommendBenchmark.percentile(sorted, 50)).isEqualTo(50);
        assertThat(RecommendBenchmark.percentile(sorted, 99)).isEqualTo(99);
        assertThat(RecommendBenchmark.percentile(sorted, 100)).isEqualTo(100);
        assertThat(RecommendBenchmark.percentile(new long[] {7}, 99)).isEqualTo(7);
        assertThat(RecommendBenchmark.percentile(new long[] {1, 2, 3}, 50)).isEqualTo(2);
        assertThatThrownBy(() -> RecommendBenchmark.percentile(new long[0], 50))
                .hasMessage("No values to take a percentile of.");
    }

    @Test
    void settingsAndDiseasesAreChecked() {
        assertThatThrownBy(() -> new RecommendBenchmark.Settings(10, 3, 5, 0, 8)).hasMessage("Invalid benchmark "
                + "settings: k 10, pathsPerDrug 3, warm-up 5.0 s, 0.0 s per scenario, 8 clients; all must be positive.");
        assertThatThrownBy(() -> new RecommendBenchmark(null, new RecommendBenchmark.Settings(10, 3, 5, 1, 8), List.of(),
                line -> { })).hasMessage("The benchmark needs at least one disease the model knows.");
    }

    @Test
    void aScenarioRowHasItsFiguresInOrderAndRoundedToHundredths() {
        var row = new RecommendBenchmark.Scenario("none", 8, 120, 1, 30.004, 9.876, 12.0, 20.555, 31.0, 10.1234,
                4.0, 10.0).toMap();
        assertThat(List.copyOf(row.keySet())).containsExactly("rationale", "clients", "calls", "errors", "seconds",
                "p50Ms", "p90Ms", "p99Ms", "maxMs", "meanMs", "callsPerSecond", "rowsPerCall");
        assertThat(row).containsEntry("rationale", "none").containsEntry("clients", 8).containsEntry("calls", 120L)
                .containsEntry("seconds", 30.0).containsEntry("p50Ms", 9.88).containsEntry("meanMs", 10.12);
    }
}
