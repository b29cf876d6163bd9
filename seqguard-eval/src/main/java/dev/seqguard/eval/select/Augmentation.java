package dev.seqguard.eval.select;

import dev.seqguard.detect.api.DetectionData;

/**
 * Synthetic anomalous rows that supervised detectors may add to the user's labels when they train: the user's
 * labels teach the kinds of anomaly the user has seen, the synthetic rows the kinds SeqGuard can inject. Selection
 * still judges every candidate only on the user's own labels, out of fold.
 */
public interface Augmentation {

    /**
     * @param data        the synthetic rows, all labelled 1, with the same feature columns as the real data
     * @param sourceUsers per row, the real user whose history the row was made from (a taken-over account), or
     *                    {@code null} for an account that does not exist in the real data; such rows are never
     *                    trained on by a model that scores their source user
     */
    record Rows(DetectionData data, String[] sourceUsers) {
        public Rows {
            if (sourceUsers.length != data.size()) {
                throw new IllegalArgumentException(sourceUsers.length + " sources for " + data.size() + " rows");
            }
        }
    }

    Rows rows(long seed);
}
