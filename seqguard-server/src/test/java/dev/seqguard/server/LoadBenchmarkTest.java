package dev.seqguard.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seqguard.serving.ServingFixtures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadBenchmarkTest {
    @Test
    void everyCellIsServedWithoutAFailedRequest() throws Exception {
        ByteArrayOutputStream text = new ByteArrayOutputStream();

        LoadBenchmark.Report report = LoadBenchmark.run(ServingFixtures.serving("robust-z", 0.6), ServingFixtures.events(), 0.2, 20_000,
                new PrintStream(text, true, StandardCharsets.UTF_8));

        List<LoadBenchmark.Cell> cells = report.cells();
        assertThat(cells).extracting(LoadBenchmark.Cell::clients).containsExactly(1, 8, 64, 1, 8, 64);
        assertThat(cells).extracting(LoadBenchmark.Cell::batch).containsExactly(1, 1, 1, 100, 100, 100);
        assertThat(cells).allSatisfy(c -> {
            assertThat(c.failures()).isZero();
            assertThat(c.events()).isPositive().isLessThanOrEqualTo(20_000 + 64 * 100);
            assertThat(c.p99Millis()).isGreaterThanOrEqualTo(c.p50Millis());
        });
        assertThat(report.engineEventsPerSecond()).isPositive();
        assertThat(report.rounds()).hasSize(LoadBenchmark.ROUNDS).allSatisfy(r -> {
            assertThat(r.service().failures()).isZero();
            assertThat(r.ratio()).isEqualTo(r.service().eventsPerSecond() / r.engineEventsPerSecond());
        });
        assertThat(report.ratio()).isIn(report.rounds().stream().map(LoadBenchmark.Round::ratio).toArray());
        assertThat(text.toString(StandardCharsets.UTF_8)).contains("events/s", "p99 ms")
                .containsPattern("in-process engine: [0-9,]+ events/s \\(median of 3\\)")
                .containsPattern("service 1 x 100 / in-process engine: [0-9]+\\.[0-9]{2} \\(median of 3 rounds\\)");
    }
}
