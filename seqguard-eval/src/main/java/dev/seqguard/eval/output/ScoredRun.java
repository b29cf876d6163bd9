package dev.seqguard.eval.output;

import dev.seqguard.core.model.Sequence;
import dev.seqguard.detect.api.DetectionData;
import dev.seqguard.detect.api.Explanation;
import dev.seqguard.detect.api.FittedDetector;
import java.util.List;

/**
 * A scored data set, ready to write: what {@code select} and {@code score} both produce.
 *
 * @param data         the scored rows (sequences present for event data, absent for tables)
 * @param model        the model that produced {@code scores} for rows scored by the final model
 * @param scores       one score per row, higher = more anomalous
 * @param threshold    flag = score &gt;= threshold
 * @param eventScores  per row, per event score; {@code null} when nothing scores events
 * @param eventScorer  which detector produced the event scores (for the files' readers)
 */
public record ScoredRun(DetectionData data, FittedDetector model, double[] scores, double threshold,
                        double[][] eventScores, String eventScorer) {

    public ScoredRun {
        if (scores.length != data.size()) {
            throw new IllegalArgumentException(scores.length + " scores for " + data.size() + " rows");
        }
    }

    public boolean flagged(int row) {
        return scores[row] >= threshold;
    }

    public int flaggedCount() {
        int n = 0;
        for (int i = 0; i < scores.length; i++) {
            n += flagged(i) ? 1 : 0;
        }
        return n;
    }

    public List<Sequence> sequences() {
        return data.sequences();
    }

    public Explanation explain(int row) {
        return model.explain(data.withoutLabels(), row);
    }
}
