package dev.seqguard.detect.stat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FeatureGroupBalanceTest {
    private static final List<String> SEQUENCE_COLUMNS = List.of("n_events", "n_pv", "lockstep_surprise");
    private static final double[][] TRAINING = {{1, 1, 0}, {2, 2, 0}, {3, 3, 1}, {4, 4, 0}, {5, 5, 2}};

    private static Fences atZero(List<String> columns) {
        return new Fences(columns, new double[columns.size()], new double[columns.size()], filled(columns.size(), 1));
    }

    private static double[] filled(int n, double v) {
        double[] out = new double[n];
        java.util.Arrays.fill(out, v);
        return out;
    }

    @Test
    void eachGroupsSumIsARobustZAgainstTheTrainingRowsAndTheGroupsAreAveraged() {
        Fences fences = atZero(SEQUENCE_COLUMNS).withBalance(TRAINING, 10);
        // volume sums of the training rows 2, 8, 18, 32, 50: median 18, MAD 14 -> spread 14 * 1.4826;
        // coordination sums 0, 0, 1, 0, 4: median 0 and MAD 0, so the sd sqrt(2.4)
        FeatureGroupBalance b = fences.balance();
        assertThat(b.groupOf()).containsExactly(0, 0, 1);
        assertThat(b.centre()).containsExactly(18, 0);
        assertThat(b.spread()[0]).isCloseTo(14 * 1.4826, within(1e-12));
        assertThat(b.spread()[1]).isCloseTo(Math.sqrt(2.4), within(1e-12));
        double score = fences.score(fences.deviations(new double[] {3, 3, 3}, 10), Aggregate.FEATURE_GROUPS);
        assertThat(score).isCloseTo((0 + 9 / Math.sqrt(2.4)) / 2, within(1e-12));
    }

    @Test
    void oneDecisiveSmallGroupOutranksManyCorrelatedColumnsThatTheSumOfSquaresWouldFavour() {
        Fences fences = atZero(SEQUENCE_COLUMNS).withBalance(TRAINING, 10);
        double[] busy = fences.deviations(new double[] {7, 7, 0}, 10);
        double[] coordinated = fences.deviations(new double[] {3, 3, 6}, 10);
        assertThat(Aggregate.SUM_SQUARES.apply(busy)).isGreaterThan(Aggregate.SUM_SQUARES.apply(coordinated));
        assertThat(fences.score(coordinated, Aggregate.FEATURE_GROUPS))
                .isGreaterThan(fences.score(busy, Aggregate.FEATURE_GROUPS));
    }

    @Test
    void columnsThatAreNoSequenceFeatureKeepThePlainSumOfSquares() {
        Fences fences = atZero(List.of("x1", "x2", "x3")).withBalance(TRAINING, 10);
        assertThat(fences.balance()).isNull();
        double[] dev = fences.deviations(new double[] {3, 1, 2}, 10);
        assertThat(fences.score(dev, Aggregate.FEATURE_GROUPS)).isEqualTo(14);
    }

    @Test
    void aLargerDeviationOnAnyColumnNeverLowersTheScore() {
        Fences fences = atZero(SEQUENCE_COLUMNS).withBalance(TRAINING, 10);
        Random rnd = new Random(5);
        for (int trial = 0; trial < 1_000; trial++) {
            double[] dev = {rnd.nextDouble() * 10, rnd.nextDouble() * 10, rnd.nextDouble() * 10};
            double[] more = dev.clone();
            int j = rnd.nextInt(3);
            more[j] = Math.min(10, more[j] + rnd.nextDouble() * 3);
            assertThat(fences.score(more, Aggregate.FEATURE_GROUPS))
                    .isGreaterThanOrEqualTo(fences.score(dev, Aggregate.FEATURE_GROUPS));
        }
    }
}
