package dev.seqguard.eval.select.table;

import dev.seqguard.core.features.FeatureMatrix;
import dev.seqguard.detect.DetectorRegistry;
import dev.seqguard.detect.api.DetectionData;
import dev.seqguard.detect.api.FittedDetector;
import dev.seqguard.detect.ensemble.RankAverageEnsembleDetector;
import dev.seqguard.detect.ml.IsolationForestDetector;
import dev.seqguard.eval.metrics.RocAuc;
import dev.seqguard.eval.select.Agreement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;

/**
 * Label-free detector selection on a feature table. Labels are never read: {@link #select} drops them before
 * anything else.
 *
 * <p>Method:
 * <ol>
 *   <li>Candidates: the unsupervised detectors of {@link LabelFreeOptions#detectors()} (default iForest always among
 *       them) and a consensus candidate, the rank-average of detectors from different families.</li>
 *   <li>Validation, {@code repeats} times: fit every candidate on a random half of the rows; score the other half
 *       (as normal) together with synthetic anomalies of each {@link SyntheticAnomalies.Kind} generated from the
 *       fitting half; ROC-AUC per kind. Real anomalies hidden in the held-out half count as normal, which lowers
 *       every candidate alike.</li>
 *   <li>The kinds are weighted by how hard they are ({@code 1 − mean ROC-AUC of the candidates}): a kind that every
 *       candidate detects perfectly (global anomalies usually are) cannot tell candidates apart and gets no say.</li>
 *   <li>Rule: the default iForest stays unless a challenger's weighted ROC-AUC beats it by {@code margin} and the
 *       challenger trails it on no single kind by more than {@code maxKindLoss} (a win on the held-out kinds, not on
 *       average), and its scores agree with the consensus candidate's (Spearman &ge; 0.7): internal consensus as a
 *       check, since on the ODDS tables candidates that synthetic anomalies reward while disagreeing with every
 *       other family (the one-class SVM, LOF on large tables) were the ones that lost on real anomalies. Following Ma, Zhao &amp; Akoglu (2023, "The need for unsupervised outlier model selection"), the
 *       default is hard to beat without labels, so the burden of proof is on the challenger.</li>
 *   <li>Threshold: {@link ScoreFence} on the chosen model's scores of all rows (refitted on all rows).</li>
 *   <li>Confidence: the share of validation sets on which the same rule, run on that set alone, makes the same
 *       choice.</li>
 * </ol>
 */
public final class LabelFreeTableSelector {
    /** Name of the consensus candidate in leaderboards. */
    public static final String CONSENSUS = "consensus";
    /** A challenger must rank rows much as the cross-family consensus does (Spearman) to replace the default. */
    static final double MIN_AGREEMENT = 0.7;

    private final LabelFreeOptions options;

    public LabelFreeTableSelector(LabelFreeOptions options) {
        this.options = options;
    }

    /** One candidate: its validation ROC-AUC per kind (mean over repeats), weighted score, and the final model. */
    public record Candidate(String name, Map<SyntheticAnomalies.Kind, Double> validationAuc, double weightedAuc,
                            double consensusAgreement, FittedDetector model, double[] trainScores) {
    }

    /**
     * @param candidates   in option order, consensus last
     * @param selected     the pick
     * @param kindWeights  weight of each kind in the rule
     * @param fence        the shipped threshold
     * @param confidence   in [0, 1]
     * @param confidenceReason what the confidence means, in plain words
     * @param reason       why the pick was made
     */
    public record Result(List<Candidate> candidates, Candidate selected, Map<SyntheticAnomalies.Kind, Double> kindWeights,
                         ScoreFence fence, double confidence, String confidenceReason, String reason) {
    }

    public Result select(DetectionData data) {
        DetectionData rows = data.withoutLabels();
        if (rows.size() < 20) {
            throw new IllegalArgumentException("label-free selection needs at least 20 rows, got " + rows.size());
        }
        List<String> names = candidateNames();
        SyntheticAnomalies.Kind[] kinds = SyntheticAnomalies.Kind.values();
        double[][][] auc = new double[options.repeats()][names.size()][kinds.length];
        Random rnd = new Random(options.seed());
        for (int r = 0; r < options.repeats(); r++) {
            auc[r] = validate(rows, names, kinds, rnd.nextLong());
        }
        double[][] mean = new double[names.size()][kinds.length];
        for (double[][] rep : auc) {
            for (int c = 0; c < names.size(); c++) {
                for (int k = 0; k < kinds.length; k++) {
                    mean[c][k] += rep[c][k] / options.repeats();
                }
            }
        }
        List<FittedDetector> models = fitAll(rows, names, options.seed());
        List<double[]> scores = models.stream().map(m -> m.score(rows)).toList();
        double[] consensusScores = scores.get(consensusIndex(names));
        double[] agreement = new double[names.size()];
        for (int c = 0; c < names.size(); c++) {
            agreement[c] = Agreement.spearman(scores.get(c), consensusScores);
        }
        double[] weights = kindWeights(mean);
        int pick = rule(mean, weights, agreement);
        int agreeing = 0;
        for (double[][] rep : auc) {
            if (rule(rep, kindWeights(rep), agreement) == pick) {
                agreeing++;
            }
        }
        List<Candidate> candidates = new ArrayList<>();
        for (int c = 0; c < names.size(); c++) {
            Map<SyntheticAnomalies.Kind, Double> perKind = new LinkedHashMap<>();
            for (int k = 0; k < kinds.length; k++) {
                perKind.put(kinds[k], mean[c][k]);
            }
            candidates.add(new Candidate(names.get(c), perKind, weighted(mean[c], weights), agreement[c],
                    models.get(c), scores.get(c)));
        }
        Candidate selected = candidates.get(pick);
        Map<SyntheticAnomalies.Kind, Double> kindWeights = new LinkedHashMap<>();
        for (int k = 0; k < kinds.length; k++) {
            kindWeights.put(kinds[k], weights[k]);
        }
        double confidence = agreeing / (double) options.repeats();
        String confidenceReason = String.format(Locale.ROOT, "the same rule, run on each of the %d self-generated"
                + " validation sets alone, chose %s on %d of them", options.repeats(), selected.name(), agreeing);
        confidenceReason += ". It measures how stable the choice is on synthetic anomalies, not accuracy on real ones.";
        ScoreFence fence = ScoreFence.of(selected.trainScores(), options.seed());
        return new Result(candidates, selected, kindWeights, fence, confidence, confidenceReason,
                reason(candidates, pick));
    }

    private List<String> candidateNames() {
        List<String> names = new ArrayList<>(options.detectors());
        if (!options.consensus().isEmpty()) {
            names.add(CONSENSUS);
        }
        return names;
    }

    private static int consensusIndex(List<String> names) {
        int i = names.indexOf(CONSENSUS);
        return i >= 0 ? i : names.indexOf(IsolationForestDetector.NAME);
    }

    /** Fits every candidate on {@code data}; the consensus reuses its members' fits when they are candidates too. */
    private List<FittedDetector> fitAll(DetectionData data, List<String> names, long seed) {
        Map<String, FittedDetector> fitted = new LinkedHashMap<>();
        for (String n : names) {
            if (!n.equals(CONSENSUS)) {
                fitted.put(n, DetectorRegistry.fit(n, data, Map.of(), seed));
            }
        }
        List<FittedDetector> out = new ArrayList<>();
        for (String n : names) {
            if (n.equals(CONSENSUS)) {
                List<FittedDetector> members = new ArrayList<>();
                for (String m : options.consensus()) {
                    members.add(fitted.containsKey(m) ? fitted.get(m) : DetectorRegistry.fit(m, data, Map.of(), seed));
                }
                out.add(RankAverageEnsembleDetector.of(members, data,
                        new RankAverageEnsembleDetector.Config(String.join("+", options.consensus()), seed)));
            } else {
                out.add(fitted.get(n));
            }
        }
        return out;
    }

    /** ROC-AUC per candidate and kind on one random half: fitted on one half, graded on the other plus synthetics. */
    private double[][] validate(DetectionData rows, List<String> names, SyntheticAnomalies.Kind[] kinds, long seed) {
        int[] order = shuffled(rows.size(), new Random(seed));
        int half = rows.size() / 2;
        DetectionData fit = rows.select(Arrays.copyOfRange(order, 0, half));
        DetectionData held = rows.select(Arrays.copyOfRange(order, half, order.length));
        SyntheticAnomalies generator = new SyntheticAnomalies(fit.features().values());
        int n = Math.max(10, held.size() / 10);
        List<DetectionData> synthetic = new ArrayList<>();
        for (SyntheticAnomalies.Kind k : kinds) {
            synthetic.add(table(generator.generate(k, n, seed + 1 + k.ordinal()), rows.features().names(), k));
        }
        List<FittedDetector> models = fitAll(fit, names, seed);
        double[][] out = new double[names.size()][kinds.length];
        for (int c = 0; c < names.size(); c++) {
            double[] normal = models.get(c).score(held);
            for (int k = 0; k < kinds.length; k++) {
                out[c][k] = aucAgainst(normal, models.get(c).score(synthetic.get(k)));
            }
        }
        return out;
    }

    private static DetectionData table(double[][] values, List<String> names, SyntheticAnomalies.Kind kind) {
        IntFunction<String> id = i -> "synthetic-" + kind.name().toLowerCase(Locale.ROOT) + "-" + i;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            ids.add(id.apply(i));
        }
        return DetectionData.of(new FeatureMatrix(names, ids, values));
    }

    private static double aucAgainst(double[] normal, double[] anomalous) {
        double[] s = new double[normal.length + anomalous.length];
        int[] y = new int[s.length];
        System.arraycopy(normal, 0, s, 0, normal.length);
        System.arraycopy(anomalous, 0, s, normal.length, anomalous.length);
        Arrays.fill(y, normal.length, s.length, 1);
        return RocAuc.of(y, s);
    }

    /** Weight of each kind: how far the candidates' mean ROC-AUC is from perfect (at least 0.001). */
    static double[] kindWeights(double[][] auc) {
        int kinds = auc[0].length;
        double[] w = new double[kinds];
        for (int k = 0; k < kinds; k++) {
            double m = 0;
            for (double[] c : auc) {
                m += c[k] / auc.length;
            }
            w[k] = Math.max(1e-3, 1 - m);
        }
        return w;
    }

    static double weighted(double[] auc, double[] w) {
        double s = 0;
        double t = 0;
        for (int k = 0; k < auc.length; k++) {
            s += w[k] * auc[k];
            t += w[k];
        }
        return s / t;
    }

    /** Index of the pick: iForest (index of its name) unless a challenger wins by the margin and on every kind. */
    private int rule(double[][] auc, double[] weights, double[] agreement) {
        int def = candidateNames().indexOf(IsolationForestDetector.NAME);
        double base = weighted(auc[def], weights);
        int best = def;
        double bestScore = base;
        for (int c = 0; c < auc.length; c++) {
            double s = weighted(auc[c], weights);
            if (c == def || s < base + options.margin() || s <= bestScore || agreement[c] < MIN_AGREEMENT) {
                continue;
            }
            boolean holdsEveryKind = true;
            for (int k = 0; k < weights.length; k++) {
                holdsEveryKind &= auc[c][k] >= auc[def][k] - options.maxKindLoss();
            }
            if (holdsEveryKind) {
                best = c;
                bestScore = s;
            }
        }
        return best;
    }

    private String reason(List<Candidate> candidates, int pick) {
        Candidate def = candidates.stream().filter(c -> c.name().equals(IsolationForestDetector.NAME)).findFirst().orElseThrow();
        Candidate p = candidates.get(pick);
        if (p == def) {
            return String.format(Locale.ROOT, "default iforest kept: no candidate that agrees with the consensus"
                    + " (Spearman >= %.1f) beat its kind-weighted validation ROC-AUC %.3f by %.2f without trailing it by"
                    + " more than %.2f on some kind", MIN_AGREEMENT, def.weightedAuc(), options.margin(),
                    options.maxKindLoss());
        }
        return String.format(Locale.ROOT, "%s replaces the default iforest: kind-weighted validation ROC-AUC %.3f vs"
                + " %.3f, within %.2f of it on every kind, and agreeing with the consensus (Spearman %.2f)", p.name(),
                p.weightedAuc(), def.weightedAuc(), options.maxKindLoss(), p.consensusAgreement());
    }

    private static int[] shuffled(int n, Random rnd) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }
}
