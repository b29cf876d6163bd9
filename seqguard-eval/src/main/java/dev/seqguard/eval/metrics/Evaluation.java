package dev.seqguard.eval.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The metrics of one detector's scores on one labelled set. Built by {@link Evaluator}; detectors never see it.
 * Undefined metrics are NaN (see each metric class).
 *
 * @param size          labelled rows evaluated
 * @param positives     anomalous rows among them
 * @param k             the k of precision@k and recall@k
 * @param rocAuc        {@link RocAuc}
 * @param prAuc         {@link AveragePrecision}
 * @param precisionAtK  {@link PrecisionAtK}
 * @param recallAtK     {@link RecallAtK}
 * @param threshold     the flag threshold (flag = score &gt;= threshold)
 * @param confusion     the flag decision at the threshold
 * @param recallByType  per anomaly type, sorted by type name
 */
public record Evaluation(int size, int positives, int k, double rocAuc, double prAuc, double precisionAtK,
                         double recallAtK, double threshold, Confusion confusion,
                         Map<String, TypeRecall> recallByType) {
    public Evaluation {
        recallByType = Collections.unmodifiableMap(new LinkedHashMap<>(recallByType));
    }

    public double f1() {
        return confusion.f1();
    }

    public double precision() {
        return confusion.precision();
    }

    public double recall() {
        return confusion.recall();
    }

    /**
     * The headline metrics by their leaderboard names, in display order: {@code roc_auc, pr_auc, precision_at_k,
     * recall_at_k, f1, precision, recall, threshold}.
     */
    public Map<String, Double> metrics() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("roc_auc", rocAuc);
        m.put("pr_auc", prAuc);
        m.put("precision_at_k", precisionAtK);
        m.put("recall_at_k", recallAtK);
        m.put("f1", f1());
        m.put("precision", precision());
        m.put("recall", recall());
        m.put("threshold", threshold);
        return Collections.unmodifiableMap(m);
    }
}
