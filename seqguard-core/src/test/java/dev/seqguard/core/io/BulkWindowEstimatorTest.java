package dev.seqguard.core.io;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class BulkWindowEstimatorTest {
    static final long H = 3_600_000L;
    static final long T0 = Instant.parse("2017-11-25T00:00:00Z").toEpochMilli();
    static final TimeRange SANITY = new TimeRange(Instant.parse("2000-01-01T00:00:00Z").toEpochMilli(),
            Instant.parse("2024-01-01T00:00:00Z").toEpochMilli());

    static BulkWindowEstimator uniform(int hours, int perHour) {
        BulkWindowEstimator e = new BulkWindowEstimator(SANITY);
        for (int h = 0; h < hours; h++) {
            for (int k = 0; k < perHour; k++) {
                e.add(T0 + h * H + k * (H / perHour));
            }
        }
        return e;
    }

    @Test
    void keepsAllOfCleanUniformData() {
        BulkWindowEstimator e = uniform(9 * 24, 50);
        assertThat(e.estimate(TimeRule.Auto.DEFAULT)).contains(new TimeRange(T0, T0 + 9 * 24 * H));
    }

    @Test
    void cutsAThinScatterBeforeAHardStart() {
        BulkWindowEstimator e = uniform(9 * 24, 50);
        // a scatter of 1-2 rows per hour (3% of the bulk's rate, under the 5% density) over the 6 hours before the
        // start, and one row months earlier
        for (int h = 1; h <= 6; h++) {
            for (int k = 0; k < 1 + h % 2; k++) {
                e.add(T0 - h * H + k * 1000);
            }
        }
        e.add(T0 - 75L * 24 * H);
        assertThat(e.estimate(TimeRule.Auto.DEFAULT)).contains(new TimeRange(T0, T0 + 9 * 24 * H));
    }

    @Test
    void keepsAScatterAsDenseAsTheDensityThreshold() {
        BulkWindowEstimator e = uniform(9 * 24, 50);
        for (int h = 1; h <= 4; h++) {
            for (int k = 0; k < 3; k++) { // 3 rows an hour: 6% of the bulk's 50
                e.add(T0 - h * H + k * 1000);
            }
        }
        assertThat(e.estimate(TimeRule.Auto.DEFAULT)).contains(new TimeRange(T0 - 4 * H, T0 + 9 * 24 * H));
    }

    @Test
    void keepsAOneHourSpillOverAndAGradualFade() {
        BulkWindowEstimator e = uniform(48, 100);
        e.add(T0 - H + 5 * 60_000);                 // a lone early row, then nothing before it: a spill-over
        int[] fade = {40, 15, 5, 2, 1};            // the hours after the end, each >= 10% of the one before
        for (int i = 0; i < fade.length; i++) {
            for (int k = 0; k < fade[i]; k++) {
                e.add(T0 + (48 + i) * H + k);
            }
        }
        assertThat(e.estimate(TimeRule.Auto.DEFAULT)).contains(new TimeRange(T0 - H, T0 + 53 * H));
    }

    @Test
    void aTwoHourThinRunIsATailNotASpillOver() {
        BulkWindowEstimator e = uniform(48, 100);
        e.add(T0 - H);
        e.add(T0 - 2 * H);
        assertThat(e.estimate(TimeRule.Auto.DEFAULT)).contains(new TimeRange(T0, T0 + 48 * H));
    }

    @Test
    void widensBinsForSparseDataAndKeepsARampUp() {
        // 3 rows a day for 60 days: far below 20 rows an hour, so bins widen to days or more
        BulkWindowEstimator e = new BulkWindowEstimator(SANITY);
        for (int d = 0; d < 60; d++) {
            for (int k = 0; k < 3; k++) {
                e.add(T0 + d * 24 * H + k * 7 * H);
            }
        }
        Optional<TimeRange> w = e.estimate(new TimeRule.Auto(0.99, 0.05, 0.15, Duration.ofHours(1), Duration.ZERO,
                10, 20));
        assertThat(w).isPresent();
        assertThat(w.get().contains(T0)).isTrue();
        assertThat(w.get().contains(T0 + 59 * 24 * H + 14 * H)).isTrue();
    }

    @Test
    void doesNothingBelowMinRowsAndAddsTolerance() {
        assertThat(uniform(10, 10).estimate(TimeRule.Auto.DEFAULT)).isEmpty(); // 100 < 1000 rows
        TimeRule.Auto tolerant = new TimeRule.Auto(0.99, 0.05, 0.15, Duration.ofHours(1), Duration.ofDays(1), 10, 20);
        assertThat(uniform(10, 10).estimate(tolerant))
                .contains(new TimeRange(T0 - 24 * H, T0 + 10 * H + 24 * H));
    }

    @Test
    void shortestRunAndMedianKnownAnswers() {
        long[] bins = {1, 0, 5, 5, 0, 9, 1};
        assertThat(BulkWindowEstimator.shortestRunHolding(bins, 19)).containsExactly(2, 5);
        assertThat(BulkWindowEstimator.shortestRunHolding(bins, 9)).containsExactly(5, 5);
        // equally short runs: the fuller one wins, so a thin edge bin does not replace a bulk bin
        assertThat(BulkWindowEstimator.shortestRunHolding(new long[] {2, 50, 50, 2}, 52)).containsExactly(1, 2);
        assertThat(BulkWindowEstimator.median(bins, 0, 6)).isEqualTo(1.0);
        assertThat(BulkWindowEstimator.median(bins, 2, 5)).isEqualTo(5.0);
    }

    /**
     * The core holds at least the coverage share, so the rule never cuts more than the rest. 300 cases from fixed
     * seeds: the four corners of rows in [50, 3000] and coverage in [0.6, 1.0] first, then random draws.
     */
    @Test
    void neverQuarantinesMoreThanOneMinusCoverage() {
        int[][] corners = {{50, 0}, {50, 1}, {3000, 0}, {3000, 1}};
        FuzzCases.forAll("neverQuarantinesMoreThanOneMinusCoverage", 20171203L, 300, (random, c) -> {
            int rows;
            double coverage;
            if (c.index < corners.length) {
                rows = corners[c.index][0];
                coverage = corners[c.index][1] == 0 ? 0.6 : 1.0;
            } else {
                rows = 50 + random.nextInt(3000 - 50 + 1);
                coverage = 0.6 + random.nextDouble() * 0.4;
            }
            c.note("rows", rows).note("coverage", coverage);
            assertCoverageHolds(rows, coverage, random);
        });
    }

    private static void assertCoverageHolds(int rows, double coverage, Random random) {
        BulkWindowEstimator e = new BulkWindowEstimator(SANITY);
        long[] times = new long[rows];
        for (int i = 0; i < rows; i++) {
            long t = random.nextInt(10) == 0
                    ? T0 + (long) (random.nextGaussian() * 40 * 24 * H)   // outliers, weeks away
                    : T0 + (long) (random.nextDouble() * random.nextDouble() * 9 * 24 * H);
            times[i] = Math.max(SANITY.fromMillis(), t);
            e.add(times[i]);
        }
        Optional<TimeRange> w = e.estimate(new TimeRule.Auto(coverage, 0.05, 0.15, Duration.ofHours(1),
                Duration.ZERO, 1, 20));
        assertThat(w).as("estimated window").isPresent();
        long outside = 0;
        for (long t : times) {
            if (!w.get().contains(t)) {
                outside++;
            }
        }
        assertThat(outside).as("rows outside " + w.get())
                .isLessThanOrEqualTo((long) Math.floor((1 - coverage) * rows + 1e-9));
    }
}
