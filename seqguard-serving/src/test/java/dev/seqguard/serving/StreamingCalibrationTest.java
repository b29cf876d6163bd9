package dev.seqguard.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The streaming operating point on synthetic prefix scores: normal users whose young histories spike above the batch
 * threshold and then settle, anomalous users that stay high from their first event.
 */
class StreamingCalibrationTest {
    private static final double BATCH = 0.6;

    /** {@code normals} settling users (each spikes early with probability 1/3), {@code anomalies} high from the start. */
    private static StreamingCalibration.PrefixScores traces(int normals, int anomalies, long seed) {
        Random rnd = new Random(seed);
        double[][] users = new double[normals + anomalies][];
        for (int u = 0; u < normals; u++) {
            double[] s = new double[12 + rnd.nextInt(110)]; // past the spikes: batch does not flag them
            boolean spikes = rnd.nextInt(3) == 0;
            for (int n = 1; n <= s.length; n++) {
                double young = spikes && n <= 8 ? 0.5 : 0;
                s[n - 1] = Math.min(0.97, 0.1 + 0.3 * rnd.nextDouble() + young);
            }
            users[u] = s;
        }
        for (int u = normals; u < users.length; u++) {
            double[] s = new double[1 + rnd.nextInt(60)];
            for (int n = 1; n <= s.length; n++) {
                s[n - 1] = 0.98 + 0.02 * rnd.nextDouble();
            }
            users[u] = s;
        }
        return new StreamingCalibration.PrefixScores(users);
    }

    private static int flagged(StreamingOperatingPoint p, StreamingCalibration.PrefixScores t, int from, int to) {
        int n = 0;
        for (int u = from; u < to; u++) {
            double[] s = t.byUser()[u];
            for (int len = 1; len <= s.length; len++) {
                if (p.flags(s[len - 1], len)) {
                    n++;
                    break;
                }
            }
        }
        return n;
    }

    @Test
    void youngSpikesOfNormalUsersDoNotFlagButAnomaliesDoFromTheirFirstEvent() {
        StreamingCalibration.PrefixScores fit = traces(600, 30, 1);
        StreamingOperatingPoint p = StreamingCalibration.fit(fit, BATCH);

        assertThat(p.warmUp()).isEqualTo(1);
        assertThat(Arrays.stream(p.thresholds()).min().getAsDouble()).isGreaterThanOrEqualTo(BATCH);
        assertThat(p.batchFlaggedUsers()).isEqualTo(30);
        // the batch threshold on every prefix would flag every spiking normal user (about 200 of them)
        assertThat(flagged(new StreamingOperatingPoint(StreamingOperatingPoint.LENGTH_THRESHOLDS, new int[] {1},
                new double[] {BATCH}, 0, 0, 0, 0, 0), fit, 0, 600)).isGreaterThan(150);

        // on fresh users from the same process: nearly no normal user, every anomaly, flagged at its first event
        StreamingCalibration.PrefixScores fresh = traces(600, 30, 2);
        assertThat(flagged(p, fresh, 0, 600)).isLessThanOrEqualTo(12);
        assertThat(flagged(p, fresh, 600, 630)).isEqualTo(30);
        for (int u = 600; u < 630; u++) {
            assertThat(p.flags(fresh.byUser()[u][0], 1)).isTrue();
        }
    }

    @Test
    void longHistoriesFlagAtTheBatchThreshold() {
        StreamingOperatingPoint p = StreamingCalibration.fit(traces(600, 30, 3), BATCH);
        int[] starts = p.bucketStarts();
        double[] t = p.thresholds();
        // the young buckets hold the spikes, the old ones only settled scores
        assertThat(t[0]).isGreaterThan(0.85);
        assertThat(t[t.length - 1]).isEqualTo(BATCH);
        assertThat(starts).startsWith(1, 2, 3);
        assertThat(Arrays.stream(starts).max().getAsInt()).isLessThanOrEqualTo(120);
    }

    /**
     * Normal users in sessions of 6 to 10 events three hours apart, whose first two events spike as high as an anomaly
     * scores; anomalies with one or two events and nothing after. At an event the two cannot be told apart; once a
     * user has gone idle they can.
     */
    private static StreamingCalibration.PrefixScores sessions(int normals, int anomalies, long seed) {
        Random rnd = new Random(seed);
        double[][] scores = new double[normals + anomalies][];
        long[][] times = new long[scores.length][];
        for (int u = 0; u < scores.length; u++) {
            boolean anomalous = u >= normals;
            int sessions = anomalous ? 1 : 3;
            int[] lengths = new int[sessions];
            int n = 0;
            for (int k = 0; k < sessions; k++) {
                lengths[k] = anomalous ? 1 + rnd.nextInt(2) : 6 + rnd.nextInt(5);
                n += lengths[k];
            }
            scores[u] = new double[n];
            times[u] = new long[n];
            int i = 0;
            for (int k = 0; k < sessions; k++) {
                for (int j = 0; j < lengths[k]; j++, i++) {
                    times[u][i] = k * 3 * 3_600_000L + j * 60_000L;
                    scores[u][i] = anomalous || i < 2 ? 0.99 : 0.2 + 0.3 * rnd.nextDouble();
                }
            }
        }
        return new StreamingCalibration.PrefixScores(scores, times);
    }

    private static boolean flaggedWithIdle(StreamingOperatingPoint p, StreamingCalibration.PrefixScores t, int u) {
        double[] s = t.byUser()[u];
        for (int n = 1; n <= s.length; n++) {
            if (p.flags(s[n - 1], n) || (t.idleAfter(u, n, p.idleGapMillis()) && p.flagsIdle(s[n - 1], n))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void historiesThatGoIdleAreJudgedWholeSoOneClickAnomaliesAreCaughtAsBatchCatchesThem() {
        long session = 30 * 60_000L;
        StreamingCalibration.PrefixScores fit = sessions(300, 20, 4);

        StreamingOperatingPoint without = StreamingCalibration.fit(fit, BATCH);
        StreamingOperatingPoint with = StreamingCalibration.fit(fit, BATCH, StreamingCalibration.idleGaps(session));

        assertThat(without.decidesIdle()).isFalse();
        assertThat(without.streamingFlaggedUsers()).isZero(); // at an event the anomalies score as every young history
        assertThat(with.decidesIdle()).isTrue();
        assertThat(with.idleGapMillis()).isEqualTo(session); // every gap agrees as well: the shortest flags soonest
        assertThat(with.agreementF1()).isEqualTo(1.0);
        assertThat(Arrays.stream(with.idleThresholds()).min().getAsDouble()).isGreaterThanOrEqualTo(BATCH);
        StreamingCalibration.PrefixScores fresh = sessions(300, 20, 5);
        for (int u = 0; u < 320; u++) {
            assertThat(flaggedWithIdle(with, fresh, u)).as("user %d", u).isEqualTo(u >= 300);
        }
    }

    @Test
    void idleGapsStartAtTheSessionGap() {
        assertThat(StreamingCalibration.idleGaps(30 * 60_000L)).containsExactly(30 * 60_000L, 2 * 3_600_000L,
                8 * 3_600_000L, 24 * 3_600_000L);
        assertThat(StreamingCalibration.idleGaps(10 * 3_600_000L)).containsExactly(10 * 3_600_000L, 24 * 3_600_000L);
        assertThat(StreamingCalibration.idleGaps(0)).isEmpty();
    }

    @Test
    void reachedByAllowsAtMostTheShareOfValuesAtOrAboveIt() {
        double[] v = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0};
        assertThat(StreamingCalibration.reachedBy(v, 0)).isGreaterThan(1.0);
        double t = StreamingCalibration.reachedBy(v, 0.2);
        assertThat(Arrays.stream(v).filter(x -> x >= t).count()).isEqualTo(2);
        assertThat(StreamingCalibration.reachedBy(new double[0], 0.1)).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void noHistoryIsRefused() {
        assertThatThrownBy(() -> StreamingCalibration.fit(new StreamingCalibration.PrefixScores(new double[0][]), BATCH))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no validation history");
    }
}
