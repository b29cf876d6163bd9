package dev.seqguard.eval.select;

import dev.seqguard.detect.DetectorRegistry;
import dev.seqguard.detect.api.Capability;
import dev.seqguard.detect.api.DetectionData;
import dev.seqguard.detect.api.Detector;
import dev.seqguard.detect.api.Family;
import dev.seqguard.detect.api.FittedDetector;
import dev.seqguard.detect.ensemble.CrossFittedDetector;
import dev.seqguard.detect.ensemble.RankAverageEnsembleDetector;
import dev.seqguard.detect.ensemble.ScoreCalibration;
import dev.seqguard.eval.metrics.AveragePrecision;
import dev.seqguard.eval.metrics.Evaluation;
import dev.seqguard.eval.metrics.Evaluator;
import dev.seqguard.eval.threshold.ThresholdRule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Runs many detectors on the same data and picks the one that works on it.
 *
 * <p><b>With labels</b> (at least {@code minLabelsPerClass} of each class among the labelled rows): stratified
 * k-fold cross-validation inside the labelled rows. Each fold's model is fitted on every other row (unlabelled rows
 * included, their labels never used), so every labelled row's score comes from a model that never saw that row.
 * The winner has the best out-of-fold PR-AUC. Unlabelled rows are scored by a model fitted on all rows.
 *
 * <p><b>Without labels</b>: each unsupervised detector is validated on {@link SyntheticValidation} variants — the
 * user's own data with injected anomalies — and ranked by mean PR-AUC there; agreement with the consensus of the
 * other detectors is reported beside it. The winner is then fitted on the real data alone.
 *
 * <p>A rank-average ensemble of the best few detectors competes as one more candidate in both modes.
 */
public final class Selector {
    /** Suffix of supervised candidates trained with synthetic anomalies added to the user's labels. */
    public static final String SYNTHETIC_SUFFIX = "+synthetic";

    /**
     * Without labels, the hybrid ensemble wins unless a single detector validates more than this much better:
     * validation anomalies come from SeqGuard's own injector, which a classifier trained on its kinds flatters, while
     * unsupervised members keep some sight of kinds it never injects.
     */
    static final double HYBRID_MARGIN = 0.05;

    /** Without labels: the share of real rows, most suspicious by unsupervised consensus, kept out of "normal". */
    static final double SUSPICIOUS_SHARE = 0.1;

    private final SelectionOptions options;
    private final Consumer<String> progress;

    public Selector(SelectionOptions options, Consumer<String> progress) {
        this.options = options;
        this.progress = progress;
    }

    /**
     * @param data      rows to score; labels optional (1 / 0 / UNKNOWN per row)
     * @param types     anomaly type per row for per-type recall (null or empty = unknown); may be null
     * @param synthetic label-free validation sets; used only when the data has too few labels; may be null
     */
    public SelectionResult select(DetectionData data, String[] types, SyntheticValidation synthetic) {
        return select(data, types, synthetic, null);
    }

    /**
     * As {@link #select(DetectionData, String[], SyntheticValidation)}; with labels, every supervised detector also
     * competes trained on the user's labels plus {@code augmentation}'s synthetic anomalies (named
     * {@code <detector>+synthetic}), judged like every other candidate on the user's labels only.
     */
    public SelectionResult select(DetectionData data, String[] types, SyntheticValidation synthetic,
                                  Augmentation augmentation) {
        boolean labelled = Folds.hasEnoughLabels(data.labels(), options.minLabelsPerClass());
        if (!labelled && synthetic == null) {
            throw new IllegalArgumentException("too few labels (need " + options.minLabelsPerClass()
                    + " of each class) and no synthetic validation to select without them");
        }
        List<Detector<?>> candidates = candidates(data, labelled);
        List<SyntheticValidation.Variant> variants = labelled ? List.of()
                : synthetic.variants(options.syntheticRepeats(), options.seed());
        int[][] folds = labelled ? Folds.stratified(data.labels(), groups(data), options.folds(), options.seed()) : null;

        List<CandidateResult> results = new ArrayList<>();
        for (Detector<?> d : candidates) {
            progress.accept(d.name());
            CandidateResult r;
            try {
                r = labelled ? crossValidate(d, data, types, folds, null) : validateSynthetic(d, data, variants);
            } catch (IllegalArgumentException | IllegalStateException e) {
                r = CandidateResult.failure(d.name(), d.info().family(), e.getMessage());
            }
            results.add(r);
        }
        if (!labelled && augmentation != null) {
            Augmentation.Rows extra = null;
            int[] reliableNegatives = reliableNegatives(results, data.size());
            for (Detector<?> d : supervised()) {
                progress.accept(d.name() + SYNTHETIC_SUFFIX);
                try {
                    extra = extra == null ? augmentation.rows(options.seed()) : extra;
                    results.add(selfSupervised(d, data, reliableNegatives, variants, extra));
                } catch (IllegalArgumentException | IllegalStateException e) {
                    results.add(CandidateResult.failure(d.name() + SYNTHETIC_SUFFIX, d.info().family(), e.getMessage()));
                }
            }
        }
        if (labelled && augmentation != null) {
            Augmentation.Rows extra = null;
            for (Detector<?> d : candidates) {
                if (!augmentable(d)) {
                    continue;
                }
                progress.accept(d.name() + SYNTHETIC_SUFFIX);
                try {
                    extra = extra == null ? augmentation.rows(options.seed()) : extra;
                    results.add(crossValidate(d, data, types, folds, extra));
                } catch (IllegalArgumentException | IllegalStateException e) {
                    results.add(CandidateResult.failure(d.name() + SYNTHETIC_SUFFIX, d.info().family(), e.getMessage()));
                }
            }
        }
        results = Agreement.annotate(results);
        List<CandidateResult> ranked = rank(results);
        List<CandidateResult> members = labelled ? ranked.stream()
                .filter(r -> !r.failed() && r.family() != Family.ENSEMBLE)
                .limit(options.ensembleSize()).toList() : hybridMembers(ranked);
        CandidateResult ensembleResult = null;
        if (options.ensembleSize() >= 2 && members.size() >= 2) {
            progress.accept("ensemble");
            ensembleResult = labelled ? ensembleLabelled(members, data, types) : ensembleSynthetic(members, data, variants);
            results.add(ensembleResult);
            ranked = rank(results);
        }
        if (!labelled && ensembleResult != null && ranked.get(0) != ensembleResult
                && ensembleResult.selectionScore() >= ranked.get(0).selectionScore() - HYBRID_MARGIN) {
            List<CandidateResult> reordered = new ArrayList<>(ranked);
            reordered.remove(ensembleResult);
            reordered.add(0, ensembleResult);
            ranked = reordered;
        }
        CandidateResult best = ranked.get(0);
        if (best.failed()) {
            throw new IllegalStateException("no detector could run on this data; first error: " + best.error());
        }
        double threshold;
        String ruleText;
        if (options.threshold() == null && !labelled) {
            threshold = syntheticF1Threshold(best, variants);
            ruleText = "median over the self-injected validation sets of the threshold with the best F1 there";
        } else {
            ThresholdRule rule = ThresholdRule.parse(options.threshold() != null ? options.threshold() : "f1");
            if (labelled) {
                int[] rows = Folds.labelledRows(data.labels());
                threshold = rule.compute(pick(best.scores(), rows), pick(data.labels(), rows)).value();
            } else {
                threshold = rule.compute(best.scores(), null).value();
            }
            ruleText = rule.describe();
        }
        return new SelectionResult(labelled ? SelectionResult.Mode.LABELLED : SelectionResult.Mode.LABEL_FREE,
                ranked, best, threshold, ruleText, Confidence.of(best, ranked, labelled),
                variants.stream().map(v -> v.data().labels()).toList());
    }

    /**
     * Without labels, the threshold that best separated injected anomalies from the rest of the user's own data,
     * in the detector's own score units (median over the validation sets).
     */
    private static double syntheticF1Threshold(CandidateResult best, List<SyntheticValidation.Variant> variants) {
        double[] t = new double[variants.size()];
        for (int v = 0; v < variants.size(); v++) {
            t[v] = ThresholdRule.f1Optimal().compute(best.variantScores().get(v), variants.get(v).data().labels()).value();
        }
        Arrays.sort(t);
        return t[t.length / 2];
    }

    private List<Detector<?>> candidates(DetectionData data, boolean labelled) {
        List<Detector<?>> all = options.detectors().isEmpty()
                ? DetectorRegistry.all().stream().filter(d -> d.info().family() != Family.ENSEMBLE
                        && !d.info().has(Capability.OPT_IN)).toList()
                : options.detectors().stream().<Detector<?>>map(DetectorRegistry::get).toList();
        List<Detector<?>> out = new ArrayList<>();
        for (Detector<?> d : all) {
            if (d.info().has(Capability.NEEDS_SEQUENCES) && !data.hasSequences()) {
                continue;
            }
            if (d.info().has(Capability.NEEDS_LABELS) && !labelled) {
                continue;
            }
            out.add(d);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("none of the detectors " + all.stream().map(Detector::name).toList()
                    + " can run on this data" + (labelled ? "" : " without labels")
                    + (data.hasSequences() ? "" : " (feature table, no sequences)"));
        }
        return out;
    }

    /**
     * Out-of-fold scores for the labelled rows, full-data model scores for the others. With {@code extra}, synthetic
     * rows join every training set, except rows made from a user whom that model will score.
     */
    private CandidateResult crossValidate(Detector<?> d, DetectionData data, String[] types, int[][] folds,
                                          Augmentation.Rows extra) {
        int n = data.size();
        double[] written = new double[n];
        boolean[] inFold = new boolean[n];
        for (int[] fold : folds) {
            int[] train = complement(fold, n);
            FittedDetector fitted = DetectorRegistry.fit(d, withExtra(data.select(train), data, fold, extra),
                    Map.of(), options.seed());
            double[] s = fitted.score(data.select(fold).withoutLabels());
            for (int i = 0; i < fold.length; i++) {
                written[fold[i]] = s[i];
                inFold[fold[i]] = true;
            }
        }
        int[] unlabelled = java.util.stream.IntStream.range(0, n).filter(i -> !inFold[i]).toArray();
        Timed full = Timed.fitAndScore(d, withExtra(data, data, unlabelled, extra), data, options.seed());
        for (int i = 0; i < n; i++) {
            if (!inFold[i]) {
                written[i] = full.scores()[i];
            }
        }
        Evaluation ev = evaluateLabelled(written, data.labels(), types);
        return new CandidateResult(extra == null ? d.name() : d.name() + SYNTHETIC_SUFFIX, d.info().family(), written, ev, Double.NaN, new double[0], List.of(),
                Double.NaN,
                full.fitMillis(), full.scoreMillis(), full.allocatedMb(), full.model(), null);
    }

    /** The user behind each row: sessions of one user must never straddle a training and a scored fold. */
    private static String[] groups(DetectionData data) {
        String[] g = new String[data.size()];
        for (int i = 0; i < g.length; i++) {
            g[i] = data.hasSequences() ? data.sequences().get(i).userId() : data.features().rowIds().get(i);
        }
        return g;
    }

    /**
     * Two-step positive-unlabelled learning (Liu et al., ICML 2002 / ICDM 2003): real rows are trained on as normal
     * only when the unsupervised detectors agree they look normal. The {@value #SUSPICIOUS_SHARE} most suspicious by
     * their rank-average stay unlabelled, so a real fraud ring is not taught as normal through its other members.
     */
    private static int[] reliableNegatives(List<CandidateResult> unsupervised, int n) {
        int[] labels = new int[n];
        List<double[]> scores = unsupervised.stream().filter(r -> !r.failed()).map(CandidateResult::scores).toList();
        if (scores.isEmpty()) {
            return labels;
        }
        double[] consensus = rankAverage(scores);
        double[] sorted = consensus.clone();
        Arrays.sort(sorted);
        double cut = sorted[(int) Math.floor((1 - SUSPICIOUS_SHARE) * (n - 1))];
        for (int i = 0; i < n; i++) {
            labels[i] = consensus[i] > cut ? DetectionData.UNKNOWN : 0;
        }
        return labels;
    }

    /**
     * Label-free ensemble members: the best classifier trained on injected anomalies (if any ran) and the best
     * unsupervised detectors, {@code ensembleSize} in all.
     */
    private List<CandidateResult> hybridMembers(List<CandidateResult> ranked) {
        List<CandidateResult> ok = ranked.stream().filter(r -> !r.failed() && r.family() != Family.ENSEMBLE).toList();
        List<CandidateResult> out = new ArrayList<>(ok.stream().filter(r -> r.detector().endsWith(SYNTHETIC_SUFFIX)).limit(1).toList());
        ok.stream().filter(r -> !r.detector().endsWith(SYNTHETIC_SUFFIX))
                .limit(Math.max(0, options.ensembleSize() - out.size())).forEach(out::add);
        return out;
    }

    private List<Detector<?>> supervised() {
        List<Detector<?>> all = options.detectors().isEmpty()
                ? DetectorRegistry.all().stream().filter(d -> !d.info().has(Capability.OPT_IN)).toList()
                : options.detectors().stream().<Detector<?>>map(DetectorRegistry::get).toList();
        return all.stream().filter(Selector::augmentable).toList();
    }

    /**
     * Supervised detectors that also compete trained on synthetic anomalies ({@code +synthetic}). Not the ensembles,
     * and not the deep family: a deep classifier is fitted once per fold, per user fold of the cross-fit and per
     * validation variant, which on the bundled sample took 570 s for {@code transformer-clf+synthetic} against under
     * 2 s for a tree ensemble; it competes on the user's own labels only.
     */
    private static boolean augmentable(Detector<?> d) {
        return d.info().has(Capability.NEEDS_LABELS) && d.info().family() != Family.ENSEMBLE
                && d.info().family() != Family.DEEP;
    }

    /**
     * Without labels, a supervised detector trained on the real rows as presumed normal plus synthetic anomalies
     * (positive-unlabelled learning), cross-fitted by user ({@link CrossFittedDetector}): every real row and every
     * validation row is scored by a copy that never trained on its user, so a real anomaly in the data is never
     * scored by a model that was told it is normal — and the saved model gives the same scores on the same data.
     */
    private CandidateResult selfSupervised(Detector<?> d, DetectionData data, int[] reliableNegatives,
                                           List<SyntheticValidation.Variant> variants, Augmentation.Rows extra) {
        CrossFittedDetector crossFit = new CrossFittedDetector(DetectorRegistry.lookup());
        CrossFittedDetector.Config config = new CrossFittedDetector.Config(d.name(), options.folds(), options.seed());
        DetectionData training = data.withLabels(reliableNegatives).concat(extra.data());
        Timed full = Timed.fitAndScore(crossFit, config, training, data);
        List<double[]> variantScores = variants.stream().map(v -> full.model().score(v.data().withoutLabels())).toList();
        double[] ap = new double[variants.size()];
        for (int v = 0; v < variants.size(); v++) {
            ap[v] = AveragePrecision.of(variants.get(v).data().labels(), variantScores.get(v));
        }
        return new CandidateResult(d.name() + SYNTHETIC_SUFFIX, d.info().family(), full.scores(),
                syntheticEvaluation(variants, variantScores), mean(ap), ap, variantScores, Double.NaN,
                full.fitMillis(), full.scoreMillis(), full.allocatedMb(), full.model(), null);
    }

    /** {@code train} plus the synthetic rows not made from any user of {@code scored} rows of {@code data}. */
    private static DetectionData withExtra(DetectionData train, DetectionData data, int[] scored, Augmentation.Rows extra) {
        if (extra == null) {
            return train;
        }
        java.util.Set<String> scoredUsers = new java.util.HashSet<>();
        for (int i : scored) {
            scoredUsers.add(data.hasSequences() ? data.sequences().get(i).userId() : data.features().rowIds().get(i));
        }
        int[] keep = java.util.stream.IntStream.range(0, extra.data().size())
                .filter(i -> extra.sourceUsers()[i] == null || !scoredUsers.contains(extra.sourceUsers()[i])).toArray();
        return train.concat(extra.data().select(keep));
    }

    /** Mean PR-AUC over self-injected variants; the real data is then scored by a model fitted on it alone. */
    private CandidateResult validateSynthetic(Detector<?> d, DetectionData data,
                                              List<SyntheticValidation.Variant> variants) {
        double[] ap = new double[variants.size()];
        List<double[]> variantScores = new ArrayList<>();
        for (int v = 0; v < variants.size(); v++) {
            SyntheticValidation.Variant variant = variants.get(v);
            DetectionData unlabelled = variant.data().withoutLabels();
            double[] s = DetectorRegistry.fit(d, unlabelled, Map.of(), options.seed()).score(unlabelled);
            variantScores.add(s);
            ap[v] = AveragePrecision.of(variant.data().labels(), s);
        }
        Timed full = Timed.fitAndScore(d, data.withoutLabels(), data, options.seed());
        Evaluation ev = syntheticEvaluation(variants, variantScores);
        return new CandidateResult(d.name(), d.info().family(), full.scores(), ev, mean(ap), ap, variantScores,
                Double.NaN, full.fitMillis(), full.scoreMillis(), full.allocatedMb(), full.model(), null);
    }

    private CandidateResult ensembleLabelled(List<CandidateResult> members, DetectionData data, String[] types) {
        double[] written = rankAverage(members.stream().map(CandidateResult::scores).toList());
        Evaluation ev = evaluateLabelled(written, data.labels(), types);
        return ensembleResult(members, data, written, ev, Double.NaN, new double[0], List.of());
    }

    private CandidateResult ensembleSynthetic(List<CandidateResult> members, DetectionData data,
                                              List<SyntheticValidation.Variant> variants) {
        double[] ap = new double[variants.size()];
        List<double[]> variantScores = new ArrayList<>();
        for (int v = 0; v < variants.size(); v++) {
            int vv = v;
            double[] s = rankAverage(members.stream().map(m -> m.variantScores().get(vv)).toList());
            variantScores.add(s);
            ap[v] = AveragePrecision.of(variants.get(v).data().labels(), s);
        }
        double[] written = rankAverage(members.stream().map(CandidateResult::scores).toList());
        return ensembleResult(members, data, written, syntheticEvaluation(variants, variantScores), mean(ap), ap,
                variantScores);
    }

    private CandidateResult ensembleResult(List<CandidateResult> members, DetectionData data, double[] written,
                                           Evaluation ev, double synthetic, double[] ap, List<double[]> variantScores) {
        String names = members.stream().map(CandidateResult::detector).collect(Collectors.joining("|"));
        RankAverageEnsembleDetector.Config config = new RankAverageEnsembleDetector.Config(
                members.stream().map(m -> m.model().name()).collect(Collectors.joining("+")), options.seed());
        FittedDetector model = RankAverageEnsembleDetector.of(
                members.stream().map(CandidateResult::model).toList(), data.withoutLabels(), config);
        long fit = members.stream().mapToLong(CandidateResult::fitMillis).sum();
        long score = members.stream().mapToLong(CandidateResult::scoreMillis).sum();
        double alloc = members.stream().mapToDouble(CandidateResult::allocatedMb).sum();
        return new CandidateResult(RankAverageEnsembleDetector.NAME + "(" + names + ")", Family.ENSEMBLE,
                written, ev, synthetic, ap, variantScores, Double.NaN, fit, score, alloc, model, null);
    }

    private Evaluation evaluateLabelled(double[] scores, int[] labels, String[] types) {
        int[] rows = Folds.labelledRows(labels);
        double[] s = pick(scores, rows);
        int[] y = pick(labels, rows);
        String[] t = types == null ? null : Arrays.stream(rows).mapToObj(i -> types[i]).toArray(String[]::new);
        double threshold = ThresholdRule.f1Optimal().compute(s, y).value();
        return Evaluator.evaluate(y, s, t, threshold);
    }

    /** Metrics pooled over the variants (each variant's scores calibrated to percentiles first). */
    private static Evaluation syntheticEvaluation(List<SyntheticValidation.Variant> variants, List<double[]> scores) {
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

    private static List<CandidateResult> rank(List<CandidateResult> results) {
        return results.stream().sorted(Comparator.comparingDouble(CandidateResult::selectionScore).reversed()
                .thenComparing(r -> r.evaluation() == null ? 0.0 : -nanToZero(r.evaluation().rocAuc()))
                .thenComparing(CandidateResult::detector)).toList();
    }

    /** Mean percentile rank across score vectors of the same rows. */
    static double[] rankAverage(List<double[]> scoreSets) {
        int n = scoreSets.get(0).length;
        double[] out = new double[n];
        for (double[] s : scoreSets) {
            ScoreCalibration cal = ScoreCalibration.of(s);
            for (int i = 0; i < n; i++) {
                out[i] += cal.percentile(s[i]) / scoreSets.size();
            }
        }
        return out;
    }

    private static int[] complement(int[] rows, int n) {
        boolean[] out = new boolean[n];
        for (int r : rows) {
            out[r] = true;
        }
        int[] rest = new int[n - rows.length];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (!out[i]) {
                rest[k++] = i;
            }
        }
        return rest;
    }

    static double[] pick(double[] v, int[] rows) {
        return Arrays.stream(rows).mapToDouble(i -> v[i]).toArray();
    }

    static int[] pick(int[] v, int[] rows) {
        return Arrays.stream(rows).map(i -> v[i]).toArray();
    }

    private static double mean(double[] v) {
        return v.length == 0 ? Double.NaN : Arrays.stream(v).average().orElse(Double.NaN);
    }

    private static double nanToZero(double v) {
        return Double.isNaN(v) ? 0 : v;
    }
}
