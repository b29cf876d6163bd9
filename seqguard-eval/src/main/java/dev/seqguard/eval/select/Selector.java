package dev.seqguard.eval.select;

import dev.seqguard.detect.DetectorRegistry;
import dev.seqguard.detect.api.Capability;
import dev.seqguard.detect.api.DetectionData;
import dev.seqguard.detect.api.Detector;
import dev.seqguard.detect.api.Family;
import dev.seqguard.detect.api.FittedDetector;
import dev.seqguard.detect.ensemble.RankAverageEnsembleDetector;
import dev.seqguard.detect.ensemble.ScoreCombination;
import dev.seqguard.eval.metrics.Evaluation;
import dev.seqguard.eval.metrics.Evaluator;
import dev.seqguard.eval.threshold.ConsensusOperatingPoint;
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
        List<String> kinds = labelled ? List.of() : HeldOutCells.kinds(variants);

        List<CandidateResult> results = new ArrayList<>();
        for (Detector<?> d : candidates) {
            progress.accept(d.name());
            CandidateResult r;
            try {
                r = labelled ? crossValidate(d, data, types, folds, null) : validateSynthetic(d, data, variants, kinds);
            } catch (IllegalArgumentException | IllegalStateException e) {
                r = CandidateResult.failure(d.name(), d.info().family(), e.getMessage());
            }
            results.add(r);
        }
        if (!labelled) {
            return selectLabelFree(data, variants, kinds, results, augmentation);
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
        List<CandidateResult> members = ranked.stream()
                .filter(r -> !r.failed() && r.family() != Family.ENSEMBLE)
                .limit(options.ensembleSize()).toList();
        CandidateResult ensembleResult = null;
        if (options.ensembleSize() >= 2 && members.size() >= 2) {
            progress.accept("ensemble");
            ensembleResult = ensembleLabelled(members, data, types);
            results.add(ensembleResult);
            ranked = rank(results);
        }
        CandidateResult best = ranked.get(0);
        if (best.failed()) {
            throw new IllegalStateException("no detector could run on this data; first error: " + best.error());
        }
        ThresholdRule rule = ThresholdRule.parse(options.threshold() != null ? options.threshold() : "f1");
        int[] rows = Folds.labelledRows(data.labels());
        double threshold = rule.compute(SelectionRows.pick(best.scores(), rows), SelectionRows.pick(data.labels(), rows)).value();
        return new SelectionResult(SelectionResult.Mode.LABELLED, ranked, best, threshold, rule.describe(),
                Confidence.of(best, ranked, true), List.of());
    }

    /**
     * Label-free: every candidate graded per validation set and anomaly kind on what it never trained on; default
     * iForest kept unless a challenger beats it with a margin ({@link RobustRule}); the threshold set on the user's
     * own score distributions ({@link ConsensusOperatingPoint}) unless a rule was asked for.
     */
    private SelectionResult selectLabelFree(DetectionData data, List<SyntheticValidation.Variant> variants,
                                            List<String> kinds, List<CandidateResult> unsupervised,
                                            Augmentation augmentation) {
        Map<String, HeldOutCells.CellScores> cellScores = new java.util.HashMap<>();
        for (CandidateResult r : unsupervised) {
            if (!r.failed()) {
                cellScores.put(r.detector(), (v, k) -> r.variantScores().get(v));
            }
        }
        List<CandidateResult> results = new ArrayList<>(unsupervised);
        if (augmentation != null) {
            Augmentation.Rows extra = null;
            int[] reliableNegatives = reliableNegatives(unsupervised, data.size());
            for (Detector<?> d : supervised()) {
                progress.accept(d.name() + SYNTHETIC_SUFFIX);
                try {
                    extra = extra == null ? augmentation.rows(options.seed()) : extra;
                    results.add(HeldOutClassifier.validate(options, d, data, reliableNegatives, variants, kinds, extra, cellScores));
                } catch (IllegalArgumentException | IllegalStateException e) {
                    results.add(CandidateResult.failure(d.name() + SYNTHETIC_SUFFIX, d.info().family(), e.getMessage()));
                }
            }
        }
        List<CandidateResult> leaders = familyLeaders(results);
        if (options.ensembleSize() >= 2) {
            List<List<CandidateResult>> ensembles = new ArrayList<>();
            List<CandidateResult> consensus = leaders.stream().limit(options.ensembleSize()).toList();
            if (consensus.size() >= 2) {
                ensembles.add(consensus);
            }
            List<CandidateResult> hybrid = hybridMembers(results);
            if (hybrid.size() >= 2 && hybrid.stream().anyMatch(r -> r.detector().endsWith(SYNTHETIC_SUFFIX))) {
                ensembles.add(hybrid);
            }
            for (List<CandidateResult> members : ensembles) {
                progress.accept("ensemble");
                results.add(ensembleSynthetic(members, data, variants, kinds, cellScores, ScoreCombination.RANK));
            }
        }
        CandidateResult robustDefault = robustDefault(unsupervised, data, variants, kinds, cellScores);
        if (robustDefault != null) {
            results.add(robustDefault);
        }
        results = Agreement.annotate(results);
        List<CandidateResult> ranked = rank(results);
        if (ranked.get(0).failed()) {
            throw new IllegalStateException("no detector could run on this data; first error: " + ranked.get(0).error());
        }
        int baseline = 0;
        for (int i = 0; i < ranked.size(); i++) {
            if (ranked.get(i).detector().equals(DEFAULT_DETECTOR) && !ranked.get(i).failed()) {
                baseline = i;
            }
        }
        for (int i = 0; i < ranked.size(); i++) {
            if (robustDefault != null && ranked.get(i).detector().equals(robustDefault.detector())) {
                baseline = i;
            }
        }
        List<double[][]> cells = ranked.stream().map(r -> r.failed() || r.heldOutPrAuc().length == 0 ? null
                : r.heldOutPrAuc()).toList();
        // Never the default's own members (see robustDefault), nor a lone +synthetic classifier: it learnt the
        // injector's kinds, and held-out kinds are still the injector's. On the bank the one time a lone classifier
        // replaced the default it lost 0.82 PR-AUC; it may still win inside a hybrid ensemble, hedged by others.
        java.util.Set<Integer> ineligible = new java.util.HashSet<>();
        for (int i = 0; i < ranked.size(); i++) {
            String name = ranked.get(i).detector();
            if (robustDefault != null && ROBUST_DEFAULT_MEMBERS.contains(name) || name.endsWith(SYNTHETIC_SUFFIX)) {
                ineligible.add(i);
            }
        }
        RobustRule.Decision decision = RobustRule.decide(cells, baseline, options.seed(), ineligible);
        CandidateResult best = ranked.get(decision.pick());
        CandidateResult base = ranked.get(baseline);
        List<CandidateResult> board = new ArrayList<>(ranked);
        board.remove(best);
        board.add(0, best);

        List<CandidateResult> voting = leaders.stream().limit(VOTERS).toList();
        List<double[]> voters = new ArrayList<>(voting.stream().map(CandidateResult::scores).toList());
        // The selected detector votes too: with it a majority is 3 of 4, and a row only the family leaders' heavy tails
        // reach no longer counts (contract-check's default injections: 59-62 flagged for 33 anomalies with three
        // voters, F1 0.49-0.53; 0.58-0.62 with four).
        if (voting.stream().noneMatch(r -> r.detector().equals(best.detector()))) {
            voters.add(best.scores());
        }
        ConsensusOperatingPoint.Estimate point = ConsensusOperatingPoint.estimate(best.scores(), voters);
        double threshold;
        String ruleText;
        if (options.threshold() == null) {
            threshold = point.threshold();
            ruleText = "label-free operating point on your own scores: " + point.detail();
        } else {
            ThresholdRule rule = ThresholdRule.parse(options.threshold());
            threshold = rule.compute(best.scores(), null).value();
            ruleText = rule.describe();
        }
        RobustRule.Gain gain = decision.gains()[decision.pick()];
        String closest = "";
        double closestLow = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < ranked.size(); i++) {
            RobustRule.Gain g = decision.gains()[i];
            if (i != baseline && i != decision.pick() && !ineligible.contains(i) && g != null && g.low() > closestLow) {
                closestLow = g.low();
                closest = String.format(java.util.Locale.ROOT, "%s (gain %.3f, bootstrap low %.3f, worst kind %+.3f)",
                        ranked.get(i).detector(), g.mean(), g.low(), g.worstKind());
            }
        }
        LabelFreeChoice choice = new LabelFreeChoice(kinds, variants.size(), base.detector(), base.selectionScore(),
                best.selectionScore(), gain == null ? 0 : gain.mean(), gain == null ? 0 : gain.low(),
                gain == null ? 0 : gain.high(), gain == null ? 0 : gain.worstKind(), closest, point,
                options.threshold() == null);
        return new SelectionResult(SelectionResult.Mode.LABEL_FREE, board, best, threshold, ruleText,
                Confidence.labelFree(decision, best, base, choice, FamilyAgreement.of(best.scores(),
                        voting.stream().filter(r -> !r.detector().equals(best.detector())).toList(), point.expected())),
                variants.stream().map(v -> v.data().labels()).toList(),
                choice);
    }

    /** Leaderboard name of an ensemble that averages robust z-scores ({@link ScoreCombination#ROBUST_Z}). */
    static final String ROBUST_Z_ENSEMBLE = "ensemble-z";

    /** Members of the robust default: three ways of seeing outliers that fail differently (see {@link #robustDefault}). */
    static final List<String> ROBUST_DEFAULT_MEMBERS = List.of("iforest", "robust-z", "ecod");

    /**
     * The label-free default a challenger must beat: iForest, per-feature robust z and ECOD averaged as robust
     * z-scores. They fail differently: iForest isolates on random subsamples, so a crowd of similar anomalies (a farm,
     * a ring) masks itself; median/MAD deviations cannot be masked by anything under half the rows but miss anomalies
     * that are only unusual in combination; ECOD's empirical tail probabilities need no scale at all, where MAD and
     * IQR collapse on counts that are mostly zero. On the scenario bank (real logs, attack kinds and parameters the
     * validation injector never produces) the iForest + robust z pair beat iForest alone by a wide margin, and adding
     * ECOD raised the shipped pick's mean PR-AUC from 0.601 to 0.624 and its F1 at the shipped threshold from 0.426 to
     * 0.493, with contract-check's injections unchanged in PR-AUC (docs/selection-bank.md, round 4). No member may
     * replace it on its own: the validation's verdict between iForest and robust z carried no information about the
     * truth on the bank (Spearman −0.04), and when a member did replace the pair there it lost 0.02–0.31 PR-AUC every
     * time. With only some members run (a narrowed {@code --detectors}), iForest and those that ran; null when iForest or
     * all the others did not run (then iForest is the default).
     */
    private CandidateResult robustDefault(List<CandidateResult> unsupervised, DetectionData data,
                                          List<SyntheticValidation.Variant> variants, List<String> kinds,
                                          Map<String, HeldOutCells.CellScores> cellScores) {
        if (options.ensembleSize() < 2) {
            return null;
        }
        List<CandidateResult> members = new ArrayList<>();
        for (String name : ROBUST_DEFAULT_MEMBERS) {
            unsupervised.stream().filter(r -> r.detector().equals(name) && !r.failed()).findFirst().ifPresent(members::add);
        }
        // iForest and at least one other member: with --detectors narrowed to two of them, those two are the default
        if (members.size() < 2 || !members.get(0).detector().equals(ROBUST_DEFAULT_MEMBERS.get(0))) {
            return null;
        }
        progress.accept(ROBUST_Z_ENSEMBLE);
        return ensembleSynthetic(members, data, variants, kinds, cellScores, ScoreCombination.ROBUST_Z);
    }

    /** How many family leaders vote on the label-free operating point ({@link ConsensusOperatingPoint}). */
    static final int VOTERS = 3;

    /** The default detector, kept without labels unless a challenger beats it with a margin. */
    public static final String DEFAULT_DETECTOR = "iforest";

    /**
     * The best unsupervised detector of each family (statistical, classic ML, deep, rules) by held-out PR-AUC, best
     * first: detectors that look at the data in different ways, for the consensus ensemble and the threshold's vote.
     */
    private static List<CandidateResult> familyLeaders(List<CandidateResult> results) {
        Map<Family, CandidateResult> best = new java.util.EnumMap<>(Family.class);
        for (CandidateResult r : results) {
            if (r.failed() || r.family() == Family.ENSEMBLE || r.family() == Family.SUPERVISED
                    || r.detector().endsWith(SYNTHETIC_SUFFIX) || Double.isNaN(r.syntheticPrAuc())) {
                continue;
            }
            best.merge(r.family(), r, (a, b) -> a.selectionScore() >= b.selectionScore() ? a : b);
        }
        return best.values().stream().sorted(Comparator.comparingDouble(CandidateResult::selectionScore).reversed()).toList();
    }

    /**
     * Label-free hybrid ensemble members: the best classifier trained on injected anomalies (if any ran) and the
     * best unsupervised detectors, {@code ensembleSize} in all.
     */
    private List<CandidateResult> hybridMembers(List<CandidateResult> results) {
        List<CandidateResult> ok = rank(results).stream().filter(r -> !r.failed() && r.family() != Family.ENSEMBLE).toList();
        List<CandidateResult> out = new ArrayList<>(ok.stream().filter(r -> r.detector().endsWith(SYNTHETIC_SUFFIX)).limit(1).toList());
        ok.stream().filter(r -> !r.detector().endsWith(SYNTHETIC_SUFFIX))
                .limit(Math.max(0, options.ensembleSize() - out.size())).forEach(out::add);
        return out;
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
            int[] train = SelectionRows.complement(fold, n);
            FittedDetector fitted = DetectorRegistry.fit(d, SelectionRows.withExtra(data.select(train), data, fold, extra),
                    Map.of(), options.seed());
            double[] s = fitted.score(data.select(fold).withoutLabels());
            for (int i = 0; i < fold.length; i++) {
                written[fold[i]] = s[i];
                inFold[fold[i]] = true;
            }
        }
        int[] unlabelled = java.util.stream.IntStream.range(0, n).filter(i -> !inFold[i]).toArray();
        Timed full = Timed.fitAndScore(d, SelectionRows.withExtra(data, data, unlabelled, extra), data, options.seed());
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
        double[] consensus = SelectionRows.rankAverage(scores);
        double[] sorted = consensus.clone();
        Arrays.sort(sorted);
        double cut = sorted[(int) Math.floor((1 - SUSPICIOUS_SHARE) * (n - 1))];
        for (int i = 0; i < n; i++) {
            labels[i] = consensus[i] > cut ? DetectionData.UNKNOWN : 0;
        }
        return labels;
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
     * PR-AUC per validation set and anomaly kind ({@link HeldOutCells}) of a detector fitted on each variant without
     * its labels; the real data is then scored by a model fitted on it alone.
     */
    private CandidateResult validateSynthetic(Detector<?> d, DetectionData data,
                                              List<SyntheticValidation.Variant> variants, List<String> kinds) {
        List<double[]> variantScores = new ArrayList<>();
        for (SyntheticValidation.Variant variant : variants) {
            DetectionData unlabelled = variant.data().withoutLabels();
            variantScores.add(DetectorRegistry.fit(d, unlabelled, Map.of(), options.seed()).score(unlabelled));
        }
        Timed full = Timed.fitAndScore(d, data.withoutLabels(), data, options.seed());
        double[][] cells = HeldOutCells.ofVariantScores(variants, kinds, variantScores);
        return new CandidateResult(d.name(), d.info().family(), full.scores(), HeldOutClassifier.syntheticEvaluation(variants, variantScores),
                HeldOutCells.kindBalancedMean(cells), HeldOutCells.perVariant(cells), variantScores, Double.NaN,
                full.fitMillis(), full.scoreMillis(), full.allocatedMb(), full.model(), null, cells);
    }

    private CandidateResult ensembleLabelled(List<CandidateResult> members, DetectionData data, String[] types) {
        double[] written = SelectionRows.rankAverage(members.stream().map(CandidateResult::scores).toList());
        Evaluation ev = evaluateLabelled(written, data.labels(), types);
        return ensembleResult(members, data, written, ev, Double.NaN, new double[0], List.of(), null,
                ScoreCombination.RANK);
    }

    /** An average of label-free members, graded per cell on the same average of the members' cell scores. */
    private CandidateResult ensembleSynthetic(List<CandidateResult> members, DetectionData data,
                                              List<SyntheticValidation.Variant> variants, List<String> kinds,
                                              Map<String, HeldOutCells.CellScores> cellScores,
                                              ScoreCombination combine) {
        HeldOutCells.CellScores cells = (v, k) -> {
            List<double[]> parts = new ArrayList<>();
            for (CandidateResult m : members) {
                double[] s = cellScores.get(m.detector()).scores(v, k);
                if (s == null) {
                    return null;
                }
                parts.add(s);
            }
            return combine.average(parts);
        };
        List<double[]> variantScores = new ArrayList<>();
        for (int v = 0; v < variants.size(); v++) {
            int vv = v;
            variantScores.add(combine.average(members.stream().map(m -> m.variantScores().get(vv)).toList()));
        }
        double[][] held = HeldOutCells.of(variants, kinds, cells);
        double[] written = combine.average(members.stream().map(CandidateResult::scores).toList());
        CandidateResult r = ensembleResult(members, data, written, HeldOutClassifier.syntheticEvaluation(variants, variantScores),
                HeldOutCells.kindBalancedMean(held), HeldOutCells.perVariant(held), variantScores, held, combine);
        cellScores.put(r.detector(), cells);
        return r;
    }

    private CandidateResult ensembleResult(List<CandidateResult> members, DetectionData data, double[] written,
                                           Evaluation ev, double synthetic, double[] ap, List<double[]> variantScores,
                                           double[][] heldOut, ScoreCombination combine) {
        String names = members.stream().map(CandidateResult::detector).collect(Collectors.joining("|"));
        RankAverageEnsembleDetector.Config config = new RankAverageEnsembleDetector.Config(
                members.stream().map(m -> m.model().name()).collect(Collectors.joining("+")), combine, options.seed());
        FittedDetector model = RankAverageEnsembleDetector.of(
                members.stream().map(CandidateResult::model).toList(), data.withoutLabels(), config);
        long fit = members.stream().mapToLong(CandidateResult::fitMillis).sum();
        long score = members.stream().mapToLong(CandidateResult::scoreMillis).sum();
        double alloc = members.stream().mapToDouble(CandidateResult::allocatedMb).sum();
        String label = combine == ScoreCombination.RANK ? RankAverageEnsembleDetector.NAME : ROBUST_Z_ENSEMBLE;
        return new CandidateResult(label + "(" + names + ")", Family.ENSEMBLE,
                written, ev, synthetic, ap, variantScores, Double.NaN, fit, score, alloc, model, null, heldOut);
    }

    private Evaluation evaluateLabelled(double[] scores, int[] labels, String[] types) {
        int[] rows = Folds.labelledRows(labels);
        double[] s = SelectionRows.pick(scores, rows);
        int[] y = SelectionRows.pick(labels, rows);
        String[] t = types == null ? null : Arrays.stream(rows).mapToObj(i -> types[i]).toArray(String[]::new);
        double threshold = ThresholdRule.f1Optimal().compute(s, y).value();
        return Evaluator.evaluate(y, s, t, threshold);
    }

    private static List<CandidateResult> rank(List<CandidateResult> results) {
        return results.stream().sorted(Comparator.comparingDouble(CandidateResult::selectionScore).reversed()
                .thenComparing(r -> r.evaluation() == null ? 0.0 : -SelectionRows.nanToZero(r.evaluation().rocAuc()))
                .thenComparing(CandidateResult::detector)).toList();
    }
}
