package dev.seqguard.detect.ml.trees;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TreeGrowerTest {

    @Test
    void binsFewDistinctValuesExactlyAtMidpoints() {
        FeatureBins bins = FeatureBins.of(new double[][] {{3}, {1}, {2}, {2}, {10}}, 255);
        assertThat(bins.bins(0)).isEqualTo(4);
        assertThat(new double[] {bins.threshold(0, 0), bins.threshold(0, 1), bins.threshold(0, 2)})
                .containsExactly(1.5, 2.5, 6.5);
        assertThat(IntStream.range(0, 5).map(i -> bins.code(0, i)).toArray()).containsExactly(2, 0, 1, 1, 3);
    }

    @Test
    void binsManyDistinctValuesAtQuantilesConsistentWithThresholds() {
        Random random = new Random(3);
        double[][] rows = new double[1000][1];
        for (double[] r : rows) {
            r[0] = random.nextGaussian();
        }
        FeatureBins bins = FeatureBins.of(rows, 16);
        assertThat(bins.bins(0)).isEqualTo(16);
        for (int i = 0; i < rows.length; i++) {
            int b = bins.code(0, i);
            if (b < bins.bins(0) - 1) {
                assertThat(rows[i][0]).isLessThanOrEqualTo(bins.threshold(0, b));
            }
            if (b > 0) {
                assertThat(rows[i][0]).isGreaterThan(bins.threshold(0, b - 1));
            }
        }
        int[] perBin = new int[16];
        for (int i = 0; i < rows.length; i++) {
            perBin[bins.code(0, i)]++;
        }
        assertThat(Arrays.stream(perBin).boxed().toList()).allMatch(c -> c > 40 && c < 90);
    }

    @Test
    void stumpOnSeparableLineSplitsHalfwayBetweenClasses() {
        double[][] x = {{1}, {2}, {3}, {4}, {10}, {11}, {12}};
        double[] y = {0, 0, 0, 0, 1, 1, 1};
        TreeEnsemble tree = growClassifier(x, y, new TreeGrower(1, 1, 1), 1);
        assertThat(tree.nodes()).isEqualTo(3);
        int root = tree.roots()[0];
        assertThat(tree.feature()[root]).isZero();
        assertThat(tree.threshold()[root]).isEqualTo(7.0);
        assertThat(tree.value()[root]).isCloseTo(3.0 / 7, within(1e-15));
        assertThat(tree.value()[tree.left()[root]]).isZero();
        assertThat(tree.value()[tree.right()[root]]).isEqualTo(1.0);
    }

    @Test
    void classifierSplitMinimisesWeightedGiniImpurity() {
        Random random = new Random(11);
        for (int trial = 0; trial < 20; trial++) {
            int n = 30;
            double[][] x = new double[n][1];
            double[] y = new double[n];
            double[] w = new double[n];
            for (int i = 0; i < n; i++) {
                x[i][0] = random.nextInt(12);
                y[i] = random.nextDouble() < 0.3 + 0.04 * x[i][0] ? 1 : 0;
                w[i] = 0.5 + random.nextDouble();
            }
            TreeEnsemble tree = growClassifier(x, y, w, new TreeGrower(1, 1, 1), trial);
            double chosen = tree.threshold()[tree.roots()[0]];
            double best = Double.POSITIVE_INFINITY;
            for (double t = 0.5; t < 11; t += 1) {
                best = Math.min(best, giniAfterSplit(x, y, w, t));
            }
            assertThat(giniAfterSplit(x, y, w, chosen)).isCloseTo(best, within(1e-12));
        }
    }

    @Test
    void respectsMinSamplesLeafAndDepth() {
        Random random = new Random(5);
        double[][] x = new double[200][2];
        double[] y = new double[200];
        for (int i = 0; i < x.length; i++) {
            x[i][0] = random.nextGaussian();
            x[i][1] = random.nextGaussian();
            y[i] = random.nextInt(2);
        }
        FeatureBins bins = FeatureBins.of(x, 255);
        int[] rows = IntStream.range(0, x.length).toArray();
        TreeEnsemble.Builder out = new TreeEnsemble.Builder();
        double[] w = new double[x.length];
        Arrays.fill(w, 1);
        double[] g = y.clone();
        new TreeGrower(4, 7, 2).grow(bins, rows, g, w, w, new SplittableRandom(1), out);
        TreeEnsemble tree = out.build();
        int[] leafCount = new int[tree.nodes()];
        for (double[] r : x) {
            leafCount[tree.leaf(0, r)]++;
        }
        for (int n = 0; n < tree.nodes(); n++) {
            if (tree.feature()[n] < 0) {
                assertThat(leafCount[n]).isGreaterThanOrEqualTo(7);
                assertThat(depth(tree, n)).isLessThanOrEqualTo(4);
            }
        }
        assertThat(tree.nodes()).isGreaterThan(3);
    }

    @Test
    void saabasContributionsAddUpToThePrediction() {
        Random random = new Random(8);
        double[][] x = new double[300][3];
        double[] y = new double[300];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < 3; j++) {
                x[i][j] = random.nextGaussian();
            }
            y[i] = x[i][0] + 0.5 * x[i][2] > 0.3 ? 1 : 0;
        }
        TreeEnsemble ensemble = growClassifier(x, y, new TreeGrower(5, 2, 2), 4, 3);
        double[] c = new double[3];
        for (double[] r : x) {
            double bias = ensemble.contributions(r, c);
            assertThat(bias + c[0] + c[1] + c[2]).isCloseTo(ensemble.sum(r), within(1e-12));
        }
    }

    @Test
    void rejectsInvalidSettings() {
        assertThatThrownBy(() -> new TreeGrower(-1, 1, 1)).hasMessageContaining("maxDepth").hasMessageContaining("-1");
        assertThatThrownBy(() -> new TreeGrower(3, 0, 1)).hasMessageContaining("minSamplesLeaf");
        assertThatThrownBy(() -> new TreeGrower(3, 1, 0)).hasMessageContaining("featuresPerSplit");
        assertThatThrownBy(() -> FeatureBins.of(new double[][] {{1}}, 1)).hasMessageContaining("maxBins");
    }

    private static TreeEnsemble growClassifier(double[][] x, double[] y, TreeGrower grower, long seed) {
        double[] w = new double[x.length];
        Arrays.fill(w, 1);
        return growClassifier(x, y, w, grower, seed);
    }

    private static TreeEnsemble growClassifier(double[][] x, double[] y, TreeGrower grower, long seed, int trees) {
        double[] w = new double[x.length];
        Arrays.fill(w, 1);
        FeatureBins bins = FeatureBins.of(x, 255);
        TreeEnsemble.Builder out = new TreeEnsemble.Builder();
        SplittableRandom random = new SplittableRandom(seed);
        for (int t = 0; t < trees; t++) {
            grower.grow(bins, RowSampling.withoutReplacement(x.length, x.length / 2, random), y, w, w, random, out);
        }
        return out.build();
    }

    private static TreeEnsemble growClassifier(double[][] x, double[] y, double[] w, TreeGrower grower, long seed) {
        double[] g = new double[x.length];
        for (int i = 0; i < g.length; i++) {
            g[i] = w[i] * y[i];
        }
        TreeEnsemble.Builder out = new TreeEnsemble.Builder();
        grower.grow(FeatureBins.of(x, 255), IntStream.range(0, x.length).toArray(), g, w, w, new SplittableRandom(seed),
                out);
        return out.build();
    }

    /** Σ over children of W·2p(1−p), the weighted Gini impurity after splitting at {@code x <= t}. */
    private static double giniAfterSplit(double[][] x, double[] y, double[] w, double t) {
        double[] sw = new double[2];
        double[] swy = new double[2];
        for (int i = 0; i < x.length; i++) {
            int side = x[i][0] <= t ? 0 : 1;
            sw[side] += w[i];
            swy[side] += w[i] * y[i];
        }
        double impurity = 0;
        for (int s = 0; s < 2; s++) {
            if (sw[s] > 0) {
                double p = swy[s] / sw[s];
                impurity += sw[s] * 2 * p * (1 - p);
            }
        }
        return impurity;
    }

    private static int depth(TreeEnsemble tree, int node) {
        int depth = 0;
        int n = node;
        while (n != tree.roots()[0]) {
            int child = n;
            n = IntStream.range(0, tree.nodes()).filter(p -> tree.left()[p] == child || tree.right()[p] == child)
                    .findFirst().orElseThrow();
            depth++;
        }
        return depth;
    }
}
