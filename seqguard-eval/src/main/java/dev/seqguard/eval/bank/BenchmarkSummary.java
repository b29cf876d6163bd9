package dev.seqguard.eval.bank;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * The benchmark's summary over scenarios: pick vs default iForest, regret, and whether the reported confidence
 * tells a good pick from a bad one.
 *
 * @param scenarios            scenarios that ran
 * @param pickPrAuc            mean PR-AUC of the pick
 * @param iforestPrAuc         mean PR-AUC of default iForest
 * @param bestPrAuc            mean PR-AUC of the best candidate in hindsight
 * @param pickF1               mean F1 of the pick at its shipped threshold
 * @param iforestF1            mean F1 of default iForest at its shipped threshold
 * @param meanRegret           mean best − pick
 * @param pickBeatsIforest     share of scenarios where the pick's PR-AUC is above iForest's
 * @param highConfidence       scenarios with confidence ≥ {@value #HIGH}
 * @param highRegret           their mean regret (NaN if none)
 * @param highLossRate         their share where the pick's PR-AUC is below iForest's (NaN if none)
 * @param lowRegret            mean regret with confidence below {@value #HIGH}
 * @param lowLossRate          share lost to iForest with confidence below {@value #HIGH}
 * @param spearmanRegret       Spearman rank correlation of confidence with regret (should be negative)
 * @param spearmanPrAuc        Spearman rank correlation of confidence with the pick's PR-AUC (should be positive)
 * @param recallByKind         per planted kind: the pick's recall at its threshold, pooled over scenarios
 * @param overconfident        scenarios with confidence ≥ {@value #HIGH} where the pick lost to iForest (issue 17's
 *                             floor: there should be none)
 * @param floorsMet            scenarios where the pick met issue 17's label-free floors: PR-AUC ≥ max(0.80,
 *                             iForest's) and F1 at the shipped threshold ≥ 0.6
 */
public record BenchmarkSummary(int scenarios, double pickPrAuc, double iforestPrAuc, double bestPrAuc, double pickF1,
                               double iforestF1, double meanRegret, double pickBeatsIforest, int highConfidence,
                               double highRegret, double highLossRate, double lowRegret, double lowLossRate,
                               double spearmanRegret, double spearmanPrAuc, Map<String, double[]> recallByKind,
                               List<String> overconfident, int floorsMet) {
    public static final double HIGH = 0.8;

    public BenchmarkSummary {
        recallByKind = java.util.Collections.unmodifiableMap(new TreeMap<>(recallByKind));
        overconfident = List.copyOf(overconfident);
    }

    public static BenchmarkSummary of(List<ScenarioOutcome> rows) {
        List<ScenarioOutcome> high = rows.stream().filter(r -> r.confidence() >= HIGH).toList();
        List<ScenarioOutcome> low = rows.stream().filter(r -> r.confidence() < HIGH).toList();
        double[] conf = rows.stream().mapToDouble(ScenarioOutcome::confidence).toArray();
        Map<String, double[]> byKind = new TreeMap<>();
        for (ScenarioOutcome r : rows) {
            r.recallByKind().forEach((k, c) -> {
                double[] acc = byKind.computeIfAbsent(k, x -> new double[2]);
                acc[0] += c[0];
                acc[1] += c[1];
            });
        }
        byKind.replaceAll((k, c) -> new double[] {c[1] == 0 ? Double.NaN : c[0] / c[1], c[1]});
        return new BenchmarkSummary(rows.size(), mean(rows, ScenarioOutcome::pickPrAuc),
                mean(rows, ScenarioOutcome::iforestPrAuc), mean(rows, ScenarioOutcome::bestPrAuc),
                mean(rows, r -> nanToZero(r.pickFlags().f1())), mean(rows, r -> nanToZero(r.iforestFlags().f1())),
                mean(rows, ScenarioOutcome::regret), mean(rows, r -> r.pickBeatsIforest() ? 1 : 0), high.size(),
                mean(high, ScenarioOutcome::regret), mean(high, r -> r.pickLosesToIforest() ? 1 : 0),
                mean(low, ScenarioOutcome::regret), mean(low, r -> r.pickLosesToIforest() ? 1 : 0),
                spearman(conf, rows.stream().mapToDouble(ScenarioOutcome::regret).toArray()),
                spearman(conf, rows.stream().mapToDouble(ScenarioOutcome::pickPrAuc).toArray()), byKind,
                high.stream().filter(ScenarioOutcome::pickLosesToIforest).map(ScenarioOutcome::id).toList(),
                (int) rows.stream().filter(BenchmarkSummary::meetsFloors).count());
    }

    /** Issue 17's label-free floors on one scenario: PR-AUC ≥ max(0.80, iForest's), F1 ≥ 0.6. */
    static boolean meetsFloors(ScenarioOutcome r) {
        return r.pickPrAuc() >= Math.max(0.80, r.iforestPrAuc()) - ScenarioOutcome.TIE && nanToZero(r.pickFlags().f1()) >= 0.6;
    }

    private static double mean(List<ScenarioOutcome> rows, ToDoubleFunction<ScenarioOutcome> f) {
        return rows.stream().mapToDouble(f).average().orElse(Double.NaN);
    }

    private static double nanToZero(double v) {
        return Double.isNaN(v) ? 0 : v;
    }

    /**
     * Spearman's rho: Pearson correlation of mid-ranks (ties share their mean rank). As selection's own
     * {@code Agreement.spearman} (package-private there), except that it is NaN, not 0, when either side is constant:
     * a confidence that never varies says nothing about regret, and the summary should say so.
     */
    static double spearman(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException(a.length + " vs " + b.length + " values");
        }
        return pearson(ranks(a), ranks(b));
    }

    static double[] ranks(double[] v) {
        Integer[] order = new Integer[v.length];
        for (int i = 0; i < v.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(v[x], v[y]));
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; ) {
            int j = i;
            while (j + 1 < v.length && v[order[j + 1]] == v[order[i]]) {
                j++;
            }
            double mid = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                r[order[k]] = mid;
            }
            i = j + 1;
        }
        return r;
    }

    private static double pearson(double[] a, double[] b) {
        int n = a.length;
        if (n < 2) {
            return Double.NaN;
        }
        double ma = Arrays.stream(a).average().orElse(0);
        double mb = Arrays.stream(b).average().orElse(0);
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < n; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return saa == 0 || sbb == 0 ? Double.NaN : sab / Math.sqrt(saa * sbb);
    }

    /** The summary as printed lines. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add(String.format(java.util.Locale.ROOT, "scenarios %d", scenarios));
        out.add(String.format(java.util.Locale.ROOT, "mean PR-AUC: pick %.3f, default iforest %.3f, best in hindsight %.3f",
                pickPrAuc, iforestPrAuc, bestPrAuc));
        out.add(String.format(java.util.Locale.ROOT, "mean F1 at the shipped threshold: pick %.3f, default iforest %.3f",
                pickF1, iforestF1));
        out.add(String.format(java.util.Locale.ROOT, "mean regret (best - pick PR-AUC) %.3f; pick beats iforest in %.0f%% of scenarios",
                meanRegret, 100 * pickBeatsIforest));
        out.add(String.format(java.util.Locale.ROOT,
                "confidence >= %.1f: %d scenarios, mean regret %.3f, lost to iforest in %.0f%%; below: %d, mean regret %.3f, lost in %.0f%%",
                HIGH, highConfidence, highRegret, 100 * highLossRate, scenarios - highConfidence, lowRegret, 100 * lowLossRate));
        out.add(String.format(java.util.Locale.ROOT,
                "Spearman(confidence, regret) %.2f (should be negative); Spearman(confidence, pick PR-AUC) %.2f",
                spearmanRegret, spearmanPrAuc));
        out.add(String.format(java.util.Locale.ROOT,
                "floors (PR-AUC >= max(0.80, iforest), F1 >= 0.6) met in %d of %d; confidence >= %.1f while losing to iforest: %d%s",
                floorsMet, scenarios, HIGH, overconfident.size(), overconfident.isEmpty() ? "" : " " + overconfident));
        StringBuilder kinds = new StringBuilder("pick's recall at its threshold by kind:");
        recallByKind.forEach((k, v) -> kinds.append(String.format(java.util.Locale.ROOT, " %s %.2f (%d)", k, v[0], (int) v[1])));
        out.add(kinds.toString());
        return out;
    }
}
