package dev.seqguard.detect.stat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.seqguard.core.features.FeatureMatrix;
import dev.seqguard.detect.api.DetectionData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** HBOS and ECOD against scores computed by hand from their papers' formulas. */
class TailDetectorsTest {

    private static DetectionData rows(double[]... values) {
        List<String> names = new ArrayList<>();
        for (int j = 0; j < values[0].length; j++) {
            names.add("c" + j);
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            ids.add("r" + i);
        }
        return DetectionData.of(new FeatureMatrix(names, ids, values));
    }

    @Test
    void hbosScoresLogOfInverseNormalisedBinHeight() {
        // x = 0,1,2,3,10 with 2 bins: edges 0|5|10, counts 4 and 1, heights 1 and 0.25
        HbosDetector d = new HbosDetector();
        HbosDetector.Fitted f = d.fit(rows(new double[] {0}, new double[] {1}, new double[] {2}, new double[] {3},
                new double[] {10}), d.config(Map.of("bins", "2"), 1));
        double[] s = f.score(rows(new double[] {0}, new double[] {10}, new double[] {12}, new double[] {13},
                new double[] {-2.5}));
        assertThat(s[0]).isCloseTo(0, within(1e-12));
        assertThat(s[1]).isCloseTo(Math.log(1.1 / 0.35), within(1e-12));
        // 12 is 0.4 bin widths past the last edge: still the edge bin; 13 is 0.6 past: an empty bin, log(1.1 / 0.1)
        assertThat(s[2]).isCloseTo(Math.log(1.1 / 0.35), within(1e-12));
        assertThat(s[3]).isCloseTo(Math.log(11), within(1e-12));
        assertThat(s[4]).isCloseTo(0, within(1e-12));
    }

    @Test
    void hbosSumsOverFeaturesAndTreatsAConstantFeatureAsOneBin() {
        HbosDetector d = new HbosDetector();
        HbosDetector.Fitted f = d.fit(rows(new double[] {0, 5}, new double[] {1, 5}, new double[] {2, 5},
                new double[] {3, 5}, new double[] {10, 5}), d.config(Map.of("bins", "2"), 1));
        double[] s = f.score(rows(new double[] {10, 5}, new double[] {10, 6}));
        assertThat(s[0]).isCloseTo(Math.log(1.1 / 0.35), within(1e-12));
        assertThat(s[1]).isCloseTo(Math.log(1.1 / 0.35) + Math.log(11), within(1e-12));
        assertThat(f.explain(rows(new double[] {10, 6}), 0).contributions().get(0).name()).isEqualTo("c1");
    }

    @Test
    void ecodSkewnessIsTheSampleThirdMomentRatio() {
        // deviations -3,-2,-1,0,6 around 4: m2 = 10, m3 = 36, skewness 36 / 10^1.5
        assertThat(EcodDetector.skewness(new double[] {1, 2, 3, 4, 10})).isCloseTo(36 / Math.pow(10, 1.5), within(1e-12));
        assertThat(EcodDetector.skewness(new double[] {3, 3, 3})).isEqualTo(0);
    }

    @Test
    void ecodScoresTheLargestOfLeftRightAndSkewChosenTails() {
        // c0 = 1,2,3,4,10 skews right; c1 = -10,1,2,3,4 skews left; n = 5, tails smoothed as (count + 1) / 6
        EcodDetector d = new EcodDetector();
        EcodDetector.Fitted f = d.fit(rows(new double[] {1, -10}, new double[] {2, 1}, new double[] {3, 2},
                new double[] {4, 3}, new double[] {10, 4}), d.config(Map.of(), 1));
        double[] s = f.score(rows(new double[] {10, -10}, new double[] {0.5, 2}, new double[] {100, 2}));
        double log3 = Math.log(3);
        // (10, -10): left tails 0 + log 3, right tails log 3 + 0, skew-chosen right of c0 and left of c1: 2 log 3
        assertThat(s[0]).isCloseTo(2 * log3, within(1e-12));
        // (0.5, 2): c0 below every value, left tail 1/6; c1 = 2 has 3 values <= and 3 values >= it (4/6 each)
        assertThat(s[1]).isCloseTo(Math.log(6) + Math.log(6.0 / 4), within(1e-12));
        assertThat(s[2]).isCloseTo(Math.log(6) + Math.log(6.0 / 4), within(1e-12));
        assertThat(f.explain(rows(new double[] {100, 2}), 0).contributions().get(0).name()).isEqualTo("c0");
    }
}
