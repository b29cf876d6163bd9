package dev.seqguard.eval.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Recall per anomaly type, at a threshold and at k = the number of anomalous rows (all types together), so a
 * detector that catches bots but misses click farms shows it.
 */
public final class RecallByType {
    /** The type given to anomalous rows whose type is missing or blank (as the independent checker does). */
    public static final String UNTYPED = "anomaly";

    private RecallByType() {
    }

    /**
     * @param types per row, the anomaly type; read only for anomalous rows; {@code null} means all untyped
     * @return one entry per type present among anomalous rows, sorted by type name; empty when there are none
     * @throws IllegalArgumentException for bad labels/scores, a types array of the wrong length or a NaN threshold
     */
    public static Map<String, TypeRecall> of(int[] labels, double[] scores, String[] types, double threshold) {
        RankedScores ranked = RankedScores.of(labels, scores);
        if (types != null && types.length != labels.length) {
            throw new IllegalArgumentException(types.length + " anomaly types but " + labels.length + " labels");
        }
        if (Double.isNaN(threshold)) {
            throw new IllegalArgumentException("threshold is NaN");
        }
        boolean[] top = ranked.topKMask(ranked.positives());
        Map<String, int[]> counts = new TreeMap<>();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != 1) {
                continue;
            }
            String t = types == null || types[i] == null || types[i].isBlank() ? UNTYPED : types[i].trim();
            int[] c = counts.computeIfAbsent(t, k -> new int[3]);
            c[0]++;
            c[1] += scores[i] >= threshold ? 1 : 0;
            c[2] += top[i] ? 1 : 0;
        }
        Map<String, TypeRecall> out = new LinkedHashMap<>();
        counts.forEach((t, c) -> out.put(t, TypeRecall.of(t, c[0], c[1], c[2])));
        return Collections.unmodifiableMap(out);
    }
}
