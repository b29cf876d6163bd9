package dev.seqguard.eval.bank;

import dev.seqguard.eval.metrics.AveragePrecision;
import dev.seqguard.eval.metrics.Confusion;
import dev.seqguard.eval.select.CandidateResult;
import dev.seqguard.eval.select.SelectionResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One scenario's row of the benchmark: label-free selection's pick and default iForest, each scored against the
 * scenario's true user labels, and the best candidate in hindsight.
 *
 * @param id               scenario id
 * @param log              log code
 * @param mix              what was planted, e.g. {@code 7.5% crawler+slowdrip}
 * @param users            scored users (real + planted accounts)
 * @param anomalous        anomalous users among them
 * @param pick             the detector label-free selection picked
 * @param pickPrAuc        its user PR-AUC (average precision) against the truth
 * @param pickFlags        its flag decision at its shipped threshold
 * @param confidence       the confidence selection reported
 * @param iforestPrAuc     default iForest's PR-AUC ({@code select --detectors iforest --ensemble 0})
 * @param iforestFlags     default iForest's flag decision at its shipped threshold
 * @param best             the candidate of the pick's leaderboard with the best true PR-AUC
 * @param bestPrAuc        that PR-AUC
 * @param recallByKind     per planted kind: {flagged by the pick, users of that kind}
 * @param seconds          wall time of both runs
 */
public record ScenarioOutcome(String id, String log, String mix, int users, int anomalous, String pick,
                              double pickPrAuc, Confusion pickFlags, double confidence, double iforestPrAuc,
                              Confusion iforestFlags, String best, double bestPrAuc,
                              Map<String, int[]> recallByKind, double seconds) {

    /** best − pick: how much PR-AUC the choice lost against the best candidate it had. */
    public double regret() {
        return bestPrAuc - pickPrAuc;
    }

    /** Differences in PR-AUC below this are ties (the same detector, picked both ways). */
    static final double TIE = 1e-9;

    public boolean pickBeatsIforest() {
        return pickPrAuc > iforestPrAuc + TIE;
    }

    public boolean pickLosesToIforest() {
        return pickPrAuc < iforestPrAuc - TIE;
    }

    /**
     * Scores both runs against {@code labels} (aligned with each run's users) and {@code kinds} (per user of the
     * pick's run, the planted kind or null).
     */
    static ScenarioOutcome score(String id, String log, String mix, int[] labels, String[] kinds,
                                 SelectionResult pick, int[] iforestLabels, SelectionResult iforest, double seconds) {
        double[] s = pick.selected().scores();
        Confusion flags = Confusion.at(labels, s, pick.threshold());
        String best = pick.selected().detector();
        double bestAp = Double.NEGATIVE_INFINITY;
        for (CandidateResult c : pick.leaderboard()) {
            if (c.failed() || c.scores() == null) {
                continue;
            }
            double ap = AveragePrecision.of(labels, c.scores());
            if (ap > bestAp) {
                bestAp = ap;
                best = c.detector();
            }
        }
        Map<String, int[]> byKind = new LinkedHashMap<>();
        for (int i = 0; i < labels.length; i++) {
            if (kinds[i] != null) {
                int[] c = byKind.computeIfAbsent(kinds[i], k -> new int[2]);
                c[1]++;
                if (s[i] >= pick.threshold()) {
                    c[0]++;
                }
            }
        }
        double[] f = iforest.selected().scores();
        int anomalous = 0;
        for (int y : labels) {
            anomalous += y;
        }
        return new ScenarioOutcome(id, log, mix, labels.length, anomalous, pick.selected().detector(),
                AveragePrecision.of(labels, s), flags, pick.confidence().value(), AveragePrecision.of(iforestLabels, f),
                Confusion.at(iforestLabels, f, iforest.threshold()), best, bestAp, byKind, seconds);
    }

    /** Precision with nothing flagged counts as 0 here: a threshold that flags nobody finds nothing. */
    static double precision(Confusion c) {
        return c.flagged() == 0 ? 0 : c.precision();
    }

    static List<String> header() {
        return List.of("scenario", "log", "mix", "users", "anomalous", "pick", "pick_pr_auc", "pick_flagged",
                "pick_precision", "pick_recall", "pick_f1", "confidence", "iforest_pr_auc", "iforest_flagged",
                "iforest_precision", "iforest_recall", "iforest_f1", "best_candidate", "best_pr_auc", "regret",
                "seconds", "pick_flagged_by_kind");
    }

    List<Object> fields() {
        return List.of(id, log, mix, users, anomalous, pick, pickPrAuc, pickFlags.flagged(), precision(pickFlags),
                pickFlags.recall(), pickFlags.f1(), confidence, iforestPrAuc, iforestFlags.flagged(),
                precision(iforestFlags), iforestFlags.recall(), iforestFlags.f1(), best, bestPrAuc, regret(), seconds,
                recallByKind.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue()[0] + "/" + e.getValue()[1])
                        .collect(java.util.stream.Collectors.joining(" ")));
    }

    /** A row read back from the benchmark's CSV (as {@link #fields()} wrote it, by {@link #header()} names). */
    static ScenarioOutcome fromCsv(Map<String, String> f) {
        int users = Integer.parseInt(f.get("users"));
        int anomalous = Integer.parseInt(f.get("anomalous"));
        Map<String, int[]> byKind = new LinkedHashMap<>();
        for (String part : f.getOrDefault("pick_flagged_by_kind", "").split(" ")) {
            if (!part.isBlank()) {
                String[] kv = part.split("[:/]");
                byKind.put(kv[0], new int[] {Integer.parseInt(kv[1]), Integer.parseInt(kv[2])});
            }
        }
        return new ScenarioOutcome(f.get("scenario"), f.get("log"), f.get("mix"), users, anomalous, f.get("pick"),
                num(f, "pick_pr_auc"), confusion(users, anomalous, f, "pick"), num(f, "confidence"),
                num(f, "iforest_pr_auc"), confusion(users, anomalous, f, "iforest"), f.get("best_candidate"),
                num(f, "best_pr_auc"), byKind, num(f, "seconds"));
    }

    private static double num(Map<String, String> f, String key) {
        String v = f.get(key);
        return v == null || v.isEmpty() ? Double.NaN : Double.parseDouble(v);
    }

    private static Confusion confusion(int users, int anomalous, Map<String, String> f, String who) {
        int flagged = Integer.parseInt(f.get(who + "_flagged"));
        double recall = num(f, who + "_recall");
        int tp = (int) Math.round((Double.isNaN(recall) ? 0 : recall) * anomalous);
        return new Confusion(tp, flagged - tp, users - anomalous - (flagged - tp), anomalous - tp);
    }
}
