package dev.seqguard.eval.metrics;

/**
 * How well one anomaly type was found.
 *
 * @param type              the anomaly type (e.g. {@code click_farming})
 * @param count             anomalous rows of this type
 * @param flagged           of them, rows with a score at or above the threshold
 * @param inTopK            of them, rows among the k highest scores (k = all anomalous rows, of every type)
 * @param recallAtThreshold {@code flagged / count}
 * @param recallAtK         {@code inTopK / count}
 */
public record TypeRecall(String type, int count, int flagged, int inTopK, double recallAtThreshold, double recallAtK) {
    public TypeRecall {
        if (count < 1 || flagged < 0 || flagged > count || inTopK < 0 || inTopK > count) {
            throw new IllegalArgumentException("type '" + type + "': inconsistent counts count=" + count
                    + " flagged=" + flagged + " inTopK=" + inTopK);
        }
    }

    static TypeRecall of(String type, int count, int flagged, int inTopK) {
        return new TypeRecall(type, count, flagged, inTopK, (double) flagged / count, (double) inTopK / count);
    }
}
