package dev.seqguard.detect.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.seqguard.detect.api.DetectionData;
import dev.seqguard.detect.ml.forest.IsolationForestGrower;
import dev.seqguard.detect.ml.forest.IsolationForestModel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IsolationForestDetectorTest {

    private final IsolationForestDetector detector = new IsolationForestDetector();

    @ParameterizedTest
    @ValueSource(strings = {"glass", "breastw", "synthetic"})
    void matchesSmileQualityAndRanking(String name) {
        DetectionData data = name.equals("synthetic") ? TestTables.gaussianWithOutliers(1000, 30, 6, 21)
                : TestTables.odds(name);
        int trees = 300;
        int psi = 256;
        double[] ours = detector.fit(data, detector.config(Map.of("trees", "" + trees), 17)).score(data);
        int depth = IsolationForestGrower.heightLimit(Math.min(psi, data.size()));
        // Smile takes a fraction below 1 of the rows
        double ratio = Math.min(0.99, psi / (double) data.size());
        smile.math.MathEx.setSeed(17);
        smile.anomaly.IsolationForest peer = smile.anomaly.IsolationForest.fit(data.features().values(), trees,
                depth, ratio, 0);
        double[] theirs = new double[data.size()];
        for (int i = 0; i < theirs.length; i++) {
            theirs[i] = peer.score(data.features().row(i));
        }
        double oursAuc = RankStats.rocAuc(ours, data.labels());
        double theirAuc = RankStats.rocAuc(theirs, data.labels());
        assertThat(oursAuc).as("our AUC vs Smile's %s", theirAuc).isCloseTo(theirAuc, within(0.03));
        assertThat(RankStats.spearman(ours, theirs)).isGreaterThan(0.8);
    }

    @Test
    void knowsAveragePathLengths() {
        assertThat(IsolationForestModel.averagePath(1)).isZero();
        assertThat(IsolationForestModel.averagePath(2)).isEqualTo(1.0);
        // 2 (ln 255 + gamma) - 2 * 255 / 256
        assertThat(IsolationForestModel.averagePath(256)).isCloseTo(10.2448, within(1e-4));
        assertThat(IsolationForestModel.averagePath(10_000))
                .isCloseTo(2 * (Math.log(9999) + 0.5772156649015329) - 2 * 9999 / 10_000.0, within(1e-12));
        assertThat(IsolationForestGrower.heightLimit(256)).isEqualTo(8);
        assertThat(IsolationForestGrower.heightLimit(257)).isEqualTo(9);
        assertThat(IsolationForestGrower.heightLimit(2)).isEqualTo(1);
    }

    @Test
    void scoresHandBuiltTree() {
        // root splits feature 0 at 0.5: left leaf holds 1 row, right leaf holds 3 rows; psi = 4
        IsolationForestModel forest = new IsolationForestModel(4, new int[] {0}, new int[] {0, -1, -1},
                new double[] {0.5, 0, 0}, new int[] {2, -1, -1}, new int[] {4, 1, 3});
        double c4 = 2 * (Math.log(3) + 0.5772156649015329) - 1.5;
        double c3 = 2 * (Math.log(2) + 0.5772156649015329) - 4.0 / 3;
        assertThat(forest.score(new double[] {0.0})).isCloseTo(Math.pow(2, -1 / c4), within(1e-12));
        assertThat(forest.score(new double[] {0.9})).isCloseTo(Math.pow(2, -(1 + c3) / c4), within(1e-12));
        assertThat(forest.featureCredit(new double[] {0.0}, 1)[0]).isCloseTo(c4 - 1, within(1e-12));
        assertThat(forest.featureCredit(new double[] {0.9}, 1)[0]).isZero();
    }

    @Test
    void attributionIsExactlyTheScoreAndTheCreditsFromOneWalk() {
        DetectionData data = TestTables.gaussianWithOutliers(500, 5, 3, 4);
        IsolationForestModel forest = detector.fit(data, detector.config(Map.of(), 8)).forest();
        double[][] rows = data.features().values();
        double[] batch = forest.scores(rows);
        for (int r = 0; r < rows.length; r++) {
            IsolationForestModel.Attribution a = forest.attribution(rows[r], 3);
            assertThat(a.score()).isEqualTo(forest.score(rows[r])).isEqualTo(batch[r]);
            assertThat(a.credit()).containsExactly(forest.featureCredit(rows[r], 3));
            assertThat(forest.scores(new double[][] {rows[r]})).containsExactly(batch[r]);
        }
    }

    @Test
    void rejectsNodeArraysThatAreNotPreorder() {
        assertThatThrownBy(() -> new IsolationForestModel(4, new int[] {0}, new int[] {0, -1, -1},
                new double[] {0.5, 0, 0}, new int[] {1, -1, -1}, new int[] {4, 1, 3}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("node 0 has right child 1");
    }

    @Test
    void growsTreesWithinHeightLimitOnSubsamples() {
        DetectionData data = TestTables.gaussianWithOutliers(2000, 0, 3, 4);
        IsolationForestDetector.FittedIsolationForest fitted = detector.fit(data, detector.config(Map.of(), 8));
        IsolationForestModel forest = fitted.forest();
        assertThat(forest.trees()).isEqualTo(100);
        assertThat(forest.sampleSize()).isEqualTo(256);
        for (int root : forest.roots()) {
            assertThat(forest.size()[root]).isEqualTo(256);
            assertThat(depth(forest, root)).isLessThanOrEqualTo(8);
        }
    }

    @Test
    void usesAllRowsWhenFewerThanSubsample() {
        DetectionData data = TestTables.gaussianWithOutliers(50, 0, 2, 4);
        IsolationForestModel forest = detector.fit(data, detector.config(Map.of("trees", "3"), 8)).forest();
        assertThat(forest.sampleSize()).isEqualTo(50);
        assertThat(depth(forest, forest.roots()[0])).isLessThanOrEqualTo(6);
    }

    @Test
    void scoresLargeBatchInParallelExactlyAsRowByRow() {
        DetectionData data = TestTables.gaussianWithOutliers(12_000, 30, 4, 6);
        IsolationForestDetector.FittedIsolationForest fitted = detector.fit(data, detector.config(Map.of(), 3));
        double[] batch = fitted.score(data);
        for (int i = 0; i < batch.length; i += 997) {
            assertThat(batch[i]).isEqualTo(fitted.forest().score(data.features().row(i)));
        }
        assertThat(fitted.score(data)).containsExactly(batch);
    }

    @Test
    void givesDifferentForestsForDifferentSeeds() {
        DetectionData data = TestTables.gaussianWithOutliers(300, 5, 3, 4);
        double[] a = detector.fit(data, detector.config(Map.of(), 1)).score(data);
        double[] b = detector.fit(data, detector.config(Map.of(), 2)).score(data);
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void leavesConstantDataUnsplit() {
        double[][] v = new double[20][];
        for (int i = 0; i < v.length; i++) {
            v[i] = new double[] {3, 3};
        }
        DetectionData data = DetectionData.of(TestTables.matrix(List.of("a", "b"), v));
        IsolationForestModel forest = detector.fit(data, detector.config(Map.of("trees", "2"), 1)).forest();
        assertThat(forest.feature()).containsOnly(-1);
    }

    private static int depth(IsolationForestModel f, int node) {
        if (f.feature()[node] < 0) {
            return 0;
        }
        return 1 + Math.max(depth(f, node + 1), depth(f, f.right()[node]));
    }
}
