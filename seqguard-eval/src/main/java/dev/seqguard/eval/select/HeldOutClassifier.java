package dev.seqguard.eval.select;

import dev.seqguard.detect.DetectorRegistry;
import dev.seqguard.detect.api.DetectionData;
import dev.seqguard.detect.api.Detector;
import dev.seqguard.detect.api.FittedDetector;
import dev.seqguard.detect.ensemble.CrossFittedDetector;
import dev.seqguard.detect.ensemble.ScoreCalibration;
import dev.seqguard.eval.metrics.Evaluation;
import dev.seqguard.eval.metrics.Evaluator;
import dev.seqguard.eval.threshold.ThresholdRule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A {@code +synthetic} classifier validated without labels: positive-unlabelled training, cross-fitted by user, and
 * graded leave one kind out, so it is never graded on a kind it was taught.
 */
final class HeldOutClassifier {
    private HeldOutClassifier() {
    }

    /**
     * Without labels, a supervised detector trained on the real rows as presumed normal plus synthetic anomalies
     * (positive-unlabelled learning), cross-fitted by user ({@link CrossFittedDetector}): every real row and every
     * validation row is scored by a copy that never trained on its user, so a real anomaly in the data is never
     * scored by a model that was told it is normal — and the saved model gives the same scores on the same data.
     *
     * <p>It is validated <em>leave one kind out</em>: for each anomaly kind, a copy trained without that kind's
     * synthetic rows scores the validation sets, and only that kind is graded with it. The validation sets draw their
     * parameters outside the ranges of the training injections ({@link InjectedValidation}), so the classifier is
     * never graded on what it was taught. Kinds the training rows do not contain are graded with the full model
     * (it never saw them either).
     */
    static CandidateResult validate(SelectionOptions options, Detector<?> d, DetectionData data, int[] reliableNegatives,
                                    List<SyntheticValidation.Variant> variants, List<String> kinds,
                                           Augmentation.Rows extra, Map<String, HeldOutCells.CellScores> cellScores) {
        CrossFittedDetector crossFit = new CrossFittedDetector(DetectorRegistry.lookup());
        CrossFittedDetector.Config config = new CrossFittedDetector.Config(d.name(), options.folds(), options.seed());
        DetectionData negatives = data.withLabels(reliableNegatives);
        Timed full = Timed.fitAndScore(crossFit, config, negatives.concat(extra.data()), data);
        List<double[]> fullVariantScores = variants.stream().map(v -> full.model().score(v.data().withoutLabels())).toList();
        java.util.Set<String> taught = new java.util.HashSet<>(Arrays.asList(extra.types()));
        Map<String, List<double[]>> byKind = new java.util.HashMap<>();
        CrossFittedDetector.Config heldOutConfig = new CrossFittedDetector.Config(d.name(), HELD_OUT_FOLDS, options.seed());
        for (String kind : kinds) {
            if (!taught.contains(kind)) {
                byKind.put(kind, fullVariantScores);
                continue;
            }
            Augmentation.Rows others = extra.without(kind);
            if (others.data().size() == 0) {
                continue;
            }
            FittedDetector without = crossFit.fit(negatives.concat(others.data()), heldOutConfig);
            byKind.put(kind, variants.stream().map(v -> without.score(v.data().withoutLabels())).toList());
        }
        boolean unknownKinds = taught.size() == 1 && taught.contains("");
        HeldOutCells.CellScores cells = (v, k) -> byKind.containsKey(k) ? byKind.get(k).get(v)
                : unknownKinds ? fullVariantScores.get(v) : null;
        String name = d.name() + Selector.SYNTHETIC_SUFFIX;
        cellScores.put(name, cells);
        double[][] held = HeldOutCells.of(variants, kinds, cells);
        List<double[]> composite = unknownKinds ? fullVariantScores : composite(variants, kinds, byKind, fullVariantScores);
        return new CandidateResult(name, d.info().family(), full.scores(), syntheticEvaluation(variants, composite),
                HeldOutCells.kindBalancedMean(held), HeldOutCells.perVariant(held), composite, Double.NaN,
                full.fitMillis(), full.scoreMillis(), full.allocatedMb(), full.model(), null, held);
    }

    /** Cross-fit copies per held-out kind: fewer than the shipped model's, each only grades one kind. */
    static final int HELD_OUT_FOLDS = 3;

    /**
     * One score per validation row from the held-out copies, for the pooled leaderboard metrics and the report's
     * curves: a row of kind k gets its percentile under the copy that never saw k; a normal row the mean of its
     * percentiles under all held-out copies.
     */
    private static List<double[]> composite(List<SyntheticValidation.Variant> variants, List<String> kinds,
                                            Map<String, List<double[]>> byKind, List<double[]> fallback) {
        List<double[]> out = new ArrayList<>();
        for (int v = 0; v < variants.size(); v++) {
            int vv = v;
            Map<String, ScoreCalibration> cal = new java.util.HashMap<>();
            byKind.forEach((k, s) -> cal.put(k, ScoreCalibration.of(s.get(vv))));
            double[] s = new double[variants.get(v).data().size()];
            String[] t = variants.get(v).types();
            int[] y = variants.get(v).data().labels();
            for (int i = 0; i < s.length; i++) {
                if (y[i] == 1 && byKind.containsKey(t[i])) {
                    s[i] = cal.get(t[i]).percentile(byKind.get(t[i]).get(v)[i]);
                } else {
                    double sum = 0;
                    for (String k : cal.keySet()) {
                        sum += cal.get(k).percentile(byKind.get(k).get(v)[i]);
                    }
                    s[i] = cal.isEmpty() ? fallback.get(v)[i] : sum / cal.size();
                }
            }
            out.add(s);
        }
        return out;
    }

    /** Metrics pooled over the variants (each variant's scores calibrated to percentiles first). */
    static Evaluation syntheticEvaluation(List<SyntheticValidation.Variant> variants, List<double[]> scores) {
        int total = variants.stream().mapToInt(v -> v.data().size()).sum();
        int[] y = new int[total];
        double[] s = new double[total];
        String[] t = new String[total];
        int k = 0;
        for (int v = 0; v < variants.size(); v++) {
            ScoreCalibration cal = ScoreCalibration.of(scores.get(v));
            int[] labels = variants.get(v).data().labels();
            for (int i = 0; i < labels.length; i++, k++) {
                y[k] = labels[i];
                s[k] = cal.percentile(scores.get(v)[i]);
                t[k] = variants.get(v).types()[i];
            }
        }
        double threshold = ThresholdRule.f1Optimal().compute(s, y).value();
        return Evaluator.evaluate(y, s, t, threshold);
    }

}
