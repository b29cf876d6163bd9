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
     * @param types       per row, the anomaly kind (e.g. {@code farming}), or {@code ""} when unknown; label-free
     *                    selection leaves one kind out of training at a time and validates on that kind only
     */
    record Rows(DetectionData data, String[] sourceUsers, String[] types) {
        public Rows {
            if (sourceUsers.length != data.size()) {
                throw new IllegalArgumentException(sourceUsers.length + " sources for " + data.size() + " rows");
            }
            if (types.length != data.size()) {
                throw new IllegalArgumentException(types.length + " kinds for " + data.size() + " rows");
            }
        }

        /** Rows of unknown kind. */
        public Rows(DetectionData data, String[] sourceUsers) {
            this(data, sourceUsers, java.util.Collections.nCopies(data.size(), "").toArray(String[]::new));
        }

        /** The rows whose kind is not {@code kind}. */
        Rows without(String kind) {
            int[] keep = java.util.stream.IntStream.range(0, types.length).filter(i -> !kind.equals(types[i])).toArray();
            return new Rows(data.select(keep), java.util.Arrays.stream(keep).mapToObj(i -> sourceUsers[i])
                    .toArray(String[]::new), java.util.Arrays.stream(keep).mapToObj(i -> types[i]).toArray(String[]::new));
        }
    }

    Rows rows(long seed);
}
