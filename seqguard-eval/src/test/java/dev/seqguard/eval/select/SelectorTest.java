package dev.seqguard.eval.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seqguard.core.features.FeatureMatrix;
import dev.seqguard.detect.api.DetectionData;
import dev.seqguard.eval.metrics.RocAuc;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SelectorTest {

    /** Gaussian rows; the last {@code outliers} are shifted far away in the first two features. */
    static DetectionData table(int n, int outliers, long seed) {
        Random rnd = new Random(seed);
        double[][] v = new double[n][6];
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 6; j++) {
                v[i][j] = rnd.nextGaussian();
            }
            if (i >= n - outliers) {
                v[i][0] += 6;
                v[i][1] -= 6;
            }
            ids.add("r" + i);
        }
        return DetectionData.of(new FeatureMatrix(List.of("a", "b", "c", "d", "e", "f"), ids, v));
    }

    private static Selector selector(List<String> detectors) {
        return new Selector(SelectionOptions.defaults(3).withDetectors(detectors), s -> { });
    }

    @Test
    void labelledScoresAreOutOfFoldSoMemorisedNoiseLabelsDoNotLeak() {
        // labels are coin flips unrelated to the features: a model that saw a row's label would score it near its
        // label (a random forest memorises), an out-of-fold score cannot
        DetectionData data = table(300, 0, 1);
        Random rnd = new Random(9);
        int[] labels = new int[data.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 3 == 0 ? DetectionData.UNKNOWN : rnd.nextDouble() < 0.3 ? 1 : 0;
        }
        SelectionResult r = selector(List.of("random-forest")).select(data.withLabels(labels), null, null);
        CandidateResult rf = r.leaderboard().stream().filter(c -> c.detector().equals("random-forest")).findFirst().orElseThrow();
        int[] rows = Arrays.stream(Folds.labelledRows(labels)).toArray();
        double oof = RocAuc.of(SelectionRows.pick(labels, rows), SelectionRows.pick(rf.scores(), rows));
        double inSample = RocAuc.of(SelectionRows.pick(labels, rows), SelectionRows.pick(rf.model().score(data), rows));
        assertThat(inSample).as("the full model memorised the noise").isGreaterThan(0.95);
        assertThat(oof).as("out-of-fold ROC-AUC on noise labels").isBetween(0.35, 0.65);
        assertThat(r.mode()).isEqualTo(SelectionResult.Mode.LABELLED);
    }

    @Test
    void unlabelledRowsAreScoredAndNeverTreatedAsNormal() {
        DetectionData data = table(200, 12, 2);
        int[] labels = new int[data.size()];
        Arrays.fill(labels, DetectionData.UNKNOWN);
        // label half of the rows, including 6 of the 12 outliers
        for (int i = 0; i < data.size(); i += 2) {
            labels[i] = i >= 188 ? 1 : 0;
        }
        SelectionResult r = selector(List.of("iforest", "robust-z", "gbdt")).select(data.withLabels(labels), null, null);
        double[] s = r.selected().scores();
        assertThat(s).hasSize(200);
        // the unlabelled outliers rank above every unlabelled inlier
        double minOutlier = Double.POSITIVE_INFINITY;
        double maxInlier = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < 200; i++) {
            if (labels[i] == DetectionData.UNKNOWN) {
                if (i >= 188) {
                    minOutlier = Math.min(minOutlier, s[i]);
                } else {
                    maxInlier = Math.max(maxInlier, s[i]);
                }
            }
        }
        assertThat(minOutlier).isGreaterThan(maxInlier);
        assertThat(r.leaderboard()).extracting(CandidateResult::detector).contains("iforest", "robust-z", "gbdt");
        assertThat(r.confidence().value()).isBetween(0.5, 1.0);
    }

    @Test
    void withoutLabelsItValidatesOnSyntheticVariantsAndSkipsSupervisedDetectors() {
        DetectionData real = table(200, 0, 3);
        SyntheticValidation synthetic = (repeats, seed) -> {
            List<SyntheticValidation.Variant> out = new ArrayList<>();
            for (int r = 0; r < repeats; r++) {
                DetectionData v = table(200, 10, seed + r);
                int[] y = new int[200];
                String[] types = new String[200];
                for (int i = 0; i < 200; i++) {
                    y[i] = i >= 190 ? 1 : 0;
                    types[i] = i >= 190 ? "shifted" : "normal";
                }
                out.add(new SyntheticValidation.Variant(v.withLabels(y), types));
            }
            return out;
        };
        SelectionResult r = selector(List.of("iforest", "robust-z", "ecod", "gbdt")).select(real, null, synthetic);
        assertThat(r.mode()).isEqualTo(SelectionResult.Mode.LABEL_FREE);
        assertThat(r.leaderboard()).extracting(CandidateResult::detector).doesNotContain("gbdt");
        assertThat(r.selected().syntheticPrAuc()).isGreaterThan(0.9);
        assertThat(r.selected().variantPrAuc()).hasSize(3);
        assertThat(r.confidence().explanation()).contains("held-out checks")
                .contains("default ensemble-z(iforest|robust-z|ecod)");
        assertThat(r.labelFree().baseline()).isEqualTo("ensemble-z(iforest|robust-z|ecod)");
        assertThat(r.leaderboard()).extracting(CandidateResult::detector).contains("iforest", "robust-z");
        assertThat(r.labelFree().validationSets()).isEqualTo(3);
        assertThat(r.labelFree().kinds()).containsExactly("shifted");
        assertThat(r.selected().evaluation().recallByType()).containsKey("shifted");
    }

    @Test
    void tooFewLabelsAndNoSyntheticValidationIsAClearError() {
        DetectionData data = table(50, 0, 4);
        assertThatThrownBy(() -> selector(List.of("iforest")).select(data, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too few labels");
    }

    @Test
    void foldsAreStratifiedAndCoverEveryLabelledRowOnce() {
        int[] labels = new int[40];
        Arrays.fill(labels, 0);
        for (int i = 0; i < 10; i++) {
            labels[i] = 1;
        }
        labels[39] = DetectionData.UNKNOWN;
        int[][] folds = Folds.stratified(labels, 5, 1);
        assertThat(folds).hasNumberOfRows(5);
        assertThat(Arrays.stream(folds).flatMapToInt(Arrays::stream).sorted().toArray())
                .containsExactly(java.util.stream.IntStream.range(0, 39).toArray());
        for (int[] f : folds) {
            assertThat(Arrays.stream(f).filter(i -> labels[i] == 1).count()).isEqualTo(2);
        }
    }

    @Test
    void sessionsOfOneUserAlwaysShareAFold() {
        int[] labels = {1, 1, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0};
        String[] users = {"a", "a", "b", "b", "c", "c", "d", "d", "e", "e", "f", "f"};
        int[][] folds = Folds.stratified(labels, users, 3, 7);
        for (int[] f : folds) {
            java.util.Set<String> inFold = new java.util.HashSet<>();
            Arrays.stream(f).forEach(i -> inFold.add(users[i]));
            for (int i = 0; i < users.length; i++) {
                if (inFold.contains(users[i])) {
                    assertThat(f).as("user %s is split across folds", users[i]).contains(i);
                }
            }
        }
        assertThat(Arrays.stream(folds).mapToInt(f -> f.length).sum()).isEqualTo(12);
    }

    @Test
    void withoutLabelsSupervisedDetectorsLearnFromSyntheticRowsButNeverScoreARowTheyWereToldIsNormal() {
        // 6 real outliers hide, unlabelled, in the data; synthetic anomalies of the same kind teach the classifier.
        // Trained in sample, the classifier would have been told the 6 are normal and would score them low.
        DetectionData real = table(240, 6, 5);
        DetectionData shifted = table(30, 30, 6);
        DetectionData syntheticRows = new DetectionData(new FeatureMatrix(shifted.features().names(),
                shifted.features().rowIds().stream().map(id -> "syn-" + id).toList(), shifted.features().values()),
                List.of(), null).withLabels(filled(30, 1));
        Augmentation augmentation = seed -> new Augmentation.Rows(syntheticRows, new String[30]);
        SyntheticValidation synthetic = (repeats, seed) -> {
            List<SyntheticValidation.Variant> out = new ArrayList<>();
            for (int r = 0; r < repeats; r++) {
                DetectionData v = table(200, 10, seed + 100 + r);
                int[] y = new int[200];
                String[] types = new String[200];
                for (int i = 0; i < 200; i++) {
                    y[i] = i >= 190 ? 1 : 0;
                    types[i] = i >= 190 ? "shifted" : "normal";
                }
                out.add(new SyntheticValidation.Variant(v.withLabels(y), types));
            }
            return out;
        };
        SelectionResult r = new Selector(SelectionOptions.defaults(3).withDetectors(List.of("random-forest", "robust-z")),
                s -> { }).select(real, null, synthetic, augmentation);
        CandidateResult rf = r.leaderboard().stream().filter(c -> c.detector().equals("random-forest+synthetic"))
                .findFirst().orElseThrow();
        int[] hidden = new int[240];
        for (int i = 234; i < 240; i++) {
            hidden[i] = 1;
        }
        assertThat(RocAuc.of(hidden, rf.scores())).as("hidden real outliers, scored out of fold").isGreaterThan(0.95);
        for (int i = 234; i < 240; i++) {
            assertThat(rf.scores()[i]).as("out-of-fold score of hidden outlier %d", i).isGreaterThan(0.6);
        }
        // the saved model is cross-fitted: applied to the same data later (score, recommend) it gives the same
        // out-of-fold scores, never in-sample ones
        assertThat(rf.model().score(real)).containsExactly(rf.scores());
        DetectionData inSample = real.withLabels(new int[240]).concat(syntheticRows);
        double[] told = dev.seqguard.detect.DetectorRegistry.fit("random-forest", inSample, java.util.Map.of(), 3).score(real);
        assertThat(Arrays.stream(told, 234, 240).max().orElseThrow())
                .as("an in-sample model learnt the hidden outliers as normal").isLessThan(0.5);
        assertThat(rf.syntheticPrAuc()).isGreaterThan(0.9);
    }

    private static int[] filled(int n, int v) {
        int[] a = new int[n];
        Arrays.fill(a, v);
        return a;
    }

    /** Gaussian rows; rows from {@code from} on are shifted by 6 in features {@code a} and {@code a + 1}. */
    private static double[][] shifted(int n, int from, int a, long seed) {
        Random rnd = new Random(seed);
        double[][] v = new double[n][6];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 6; j++) {
                v[i][j] = rnd.nextGaussian();
            }
            if (i >= from) {
                v[i][a] += 6;
                v[i][a + 1] -= 6;
            }
        }
        return v;
    }

    @Test
    void withoutLabelsAClassifierIsGradedOnlyOnKindsItWasNotTaught() {
        // two kinds: "a" moves features 0-1, "b" features 2-3. Taught both, a classifier would ace both; graded
        // honestly, the copy that never saw "a" has to find "a" from what it learnt about "b", and fails.
        List<String> names = List.of("a", "b", "c", "d", "e", "f");
        DetectionData real = DetectionData.of(new FeatureMatrix(names,
                java.util.stream.IntStream.range(0, 200).mapToObj(i -> "u" + i).toList(), shifted(200, 200, 0, 1)));
        double[][] rowsA = shifted(20, 0, 0, 2);
        double[][] rowsB = shifted(20, 0, 2, 3);
        double[][] extra = new double[40][];
        String[] kinds = new String[40];
        for (int i = 0; i < 20; i++) {
            extra[i] = rowsA[i];
            extra[20 + i] = rowsB[i];
            kinds[i] = "a";
            kinds[20 + i] = "b";
        }
        DetectionData extraRows = new DetectionData(new FeatureMatrix(names,
                java.util.stream.IntStream.range(0, 40).mapToObj(i -> "syn" + i).toList(), extra), List.of(), null)
                .withLabels(filled(40, 1));
        Augmentation augmentation = seed -> new Augmentation.Rows(extraRows, new String[40], kinds);
        SyntheticValidation synthetic = (repeats, seed) -> {
            List<SyntheticValidation.Variant> out = new ArrayList<>();
            for (int r = 0; r < repeats; r++) {
                double[][] v = shifted(220, 200, 0, seed + 10 + r);
                double[][] b = shifted(220, 210, 2, seed + 20 + r);
                int[] y = new int[220];
                String[] t = new String[220];
                for (int i = 0; i < 220; i++) {
                    if (i >= 210) {
                        v[i] = b[i];
                    }
                    y[i] = i >= 200 ? 1 : 0;
                    t[i] = i >= 210 ? "b" : i >= 200 ? "a" : "normal";
                }
                DetectionData d = DetectionData.of(new FeatureMatrix(names,
                        java.util.stream.IntStream.range(0, 220).mapToObj(i -> "u" + i).toList(), v));
                out.add(new SyntheticValidation.Variant(d.withLabels(y), t));
            }
            return out;
        };
        SelectionResult r = new Selector(SelectionOptions.defaults(3).withDetectors(List.of("random-forest", "iforest")),
                s -> { }).select(real, null, synthetic, augmentation);
        assertThat(r.kinds()).containsExactly("a", "b");
        CandidateResult rf = r.leaderboard().stream().filter(c -> c.detector().equals("random-forest+synthetic"))
                .findFirst().orElseThrow();
        CandidateResult iforest = r.leaderboard().stream().filter(c -> c.detector().equals("iforest"))
                .findFirst().orElseThrow();
        assertThat(rf.heldOutPrAucByKind()[0]).as("classifier on kind a, never taught a").isLessThan(0.5);
        assertThat(rf.heldOutPrAucByKind()[1]).as("classifier on kind b, never taught b").isLessThan(0.5);
        for (double ap : iforest.heldOutPrAucByKind()) {
            assertThat(ap).as("iforest on each kind").isGreaterThan(0.9);
        }
        assertThat(r.selected().detector()).isEqualTo("iforest");
        assertThat(r.labelFree().baseline()).isEqualTo("iforest");
    }
}
