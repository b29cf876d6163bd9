package dev.seqguard.eval.threshold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConsensusOperatingPointTest {

    /** 100 rows spread over [0, 1) in a voter-specific order; rows 95..99 at 5 for every voter. */
    private static double[] voter(int j) {
        double[] s = new double[100];
        for (int i = 0; i < 100; i++) {
            s[i] = ((i * 37 + j * 11) % 100) / 100.0;
        }
        for (int i = 95; i < 100; i++) {
            s[i] = 5.0;
        }
        // each voter's own heavy tail: three normal rows it alone finds extreme
        for (int i = 10 * j; i < 10 * j + 3; i++) {
            s[i] = 3.0;
        }
        return s;
    }

    @Test
    void countsOnlyTheRowsEveryDiverseDetectorFindsExtremeNotEachOnesHeavyTail() {
        List<double[]> voters = List.of(voter(0), voter(1), voter(2));
        ConsensusOperatingPoint.Estimate e = ConsensusOperatingPoint.estimate(ramp(100), voters);
        // each voter alone flags 8 rows (5 anomalies + its 3 heavy-tail rows); two of three agree on the 5 only
        assertThat(e.expected()).isEqualTo(5);
        assertThat(e.low()).isEqualTo(5);
        assertThat(e.high()).isEqualTo(14);
        assertThat(e.threshold()).isEqualTo(95.0);
        assertThat(e.voters()).isEqualTo(3);
        assertThat(e.detail()).contains("5 of 100 rows look anomalous: outliers (robust z > 3) for a majority (2 of 3)");
    }

    /** 20 anomalies (rows 80..99), each found by exactly two of four voters: voter j flags 10 of them. */
    private static double[] splitVoter(int j) {
        double[] s = new double[100];
        for (int i = 0; i < 100; i++) {
            s[i] = ((i * 37 + j * 11) % 100) / 100.0;
        }
        for (int t = 0; t < 10; t++) {
            s[80 + (5 * j + t) % 20] = 5.0;
        }
        return s;
    }

    @Test
    void votersThatSeeDifferentRowsCountTheSelectedDetectorsOwnOutliersCappedByWhatHalfOfThemFind() {
        List<double[]> voters = List.of(splitVoter(0), splitVoter(1), splitVoter(2), splitVoter(3));
        // a heavy, smooth tail (no break): the 20 anomalies on top, then 10 normal rows its fence also passes
        double[] heavy = new double[100];
        for (int i = 0; i < 100; i++) {
            heavy[i] = Math.exp(i / 12.0);
        }
        ConsensusOperatingPoint.Estimate capped = ConsensusOperatingPoint.estimate(heavy, voters);
        // a majority (3 of 4) agrees on no row; 2 of 4 on all 20
        assertThat(capped.expected()).isEqualTo(20);
        assertThat(capped.threshold()).isEqualTo(heavy[80]);
        assertThat(capped.detail()).contains("a majority (3 of 4) of diverse detectors agree on 0 outliers")
                .contains("the 20 that at least half (2 of 4) find").contains("own 30 outliers count, at most those 20");

        ConsensusOperatingPoint.Estimate bounded = ConsensusOperatingPoint.estimate(ramp(100), voters);
        assertThat(bounded.expected()).isEqualTo(20);
        assertThat(bounded.detail()).contains("those 20 count (the selected detector's scores have no outliers");
    }

    @Test
    void aVoterWhoseFenceFlagsNothingAbstainsInsteadOfVetoingEveryRow() {
        // three voters find the 5 anomalies; two others have bounded tails (an even ramp: robust z at most 1.35)
        List<double[]> voters = List.of(voter(0), voter(1), voter(2), ramp(100), ramp(100));
        ConsensusOperatingPoint.Estimate e = ConsensusOperatingPoint.estimate(ramp(100), voters);
        // counted as "no", the blind pair would make a majority 3 of 5, out of reach of every row
        assertThat(e.expected()).isEqualTo(5);
        assertThat(e.low()).isEqualTo(5);
        assertThat(e.high()).isEqualTo(14);
        assertThat(e.detail()).contains("for a majority (2 of 3)").contains("2 of 5 detectors flag no row at all and abstain");
    }

    /** Row i scores i: an even tail, no break anywhere. */
    private static double[] ramp(int n) {
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = i;
        }
        return s;
    }

    @Test
    void aClearBreakInTheSelectedScoresCountsTheGroupAboveItInsteadOfTheFences() {
        // the voters' majority finds 5 rows; the selected detector puts 12 rows far above a smooth bulk
        double[] selected = new double[100];
        for (int i = 0; i < 100; i++) {
            selected[i] = i < 88 ? i / 88.0 : 20 + (i - 88) * 0.1;
        }
        ConsensusOperatingPoint.Estimate e = ConsensusOperatingPoint.estimate(selected, List.of(voter(0), voter(1), voter(2)));
        assertThat(e.expected()).isEqualTo(12);
        assertThat(e.threshold()).isEqualTo(20.0);
        assertThat(e.detail()).contains("5 of 100 rows look anomalous").contains("break clearly after its top 12");
        // the range still reports the fences, widened to include what is flagged
        assertThat(e.low()).isEqualTo(5);
        assertThat(e.high()).isEqualTo(14);
    }

    @Test
    void theThresholdIsOnTheSelectedDetectorsOwnScaleWhateverItIs() {
        double[] selected = new double[100];
        for (int i = 0; i < 100; i++) {
            selected[i] = 1000 + i;
        }
        ConsensusOperatingPoint.Estimate e = ConsensusOperatingPoint.estimate(selected,
                List.of(voter(0), voter(1), voter(2)));
        assertThat(e.threshold()).isEqualTo(1095);
        assertThat(e.expected()).isEqualTo(5);
    }

    @Test
    void neverFlagsNobodyWhenNoRowStandsOut() {
        double[] flat = new double[200];
        for (int i = 0; i < 200; i++) {
            flat[i] = i / 200.0;
        }
        ConsensusOperatingPoint.Estimate e = ConsensusOperatingPoint.estimate(flat, List.of(flat, flat));
        assertThat(e.expected()).isEqualTo(2);
        assertThat(e.detail()).contains("raised to the floor of 2");
    }

    @Test
    void neverFlagsMoreThanAQuarter() {
        double[] s = new double[100];
        for (int i = 0; i < 100; i++) {
            s[i] = i < 35 ? 100 + i : (i % 10) / 10.0;
        }
        ConsensusOperatingPoint.Estimate e = ConsensusOperatingPoint.estimate(s, List.of(s));
        assertThat(e.expected()).isEqualTo(25);
        assertThat(e.high()).isEqualTo(35);
        assertThat(e.detail()).contains("lowered to the cap of 25");
    }

    @Test
    void robustZWithAZeroMadFlagsWhatRisesAboveTheTiedBulk() {
        double[] s = new double[100];
        for (int i = 80; i < 100; i++) {
            s[i] = i - 79;
        }
        double[] z = ConsensusOperatingPoint.robustZ(s);
        assertThat(z[0]).isZero();
        assertThat(z[99]).isInfinite();
        assertThat(ConsensusOperatingPoint.estimate(s, List.of(s)).expected()).isEqualTo(20);
        double[] normal = {1, 2, 3, 4, 5};
        // median 3, MAD 1: z = (s - 3) / 1.4826
        assertThat(ConsensusOperatingPoint.robustZ(normal)[4]).isCloseTo(2 / 1.4826, within(1e-12));
    }

    @Test
    void rejectsMissingOrMisalignedVoters() {
        assertThatThrownBy(() -> ConsensusOperatingPoint.estimate(new double[] {1, 2}, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one voting detector");
        assertThatThrownBy(() -> ConsensusOperatingPoint.estimate(new double[] {1, 2}, List.of(new double[] {1})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 scores for 2 rows");
    }
}
