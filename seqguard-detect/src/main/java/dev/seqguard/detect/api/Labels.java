package dev.seqguard.detect.api;

import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * The labelled rows of a label array: 1 (anomalous) or 0 (normal); rows labelled {@link DetectionData#UNKNOWN} are
 * left out. Supervised training and evaluation on partly labelled data both start here.
 */
public final class Labels {
    private Labels() {
    }

    /**
     * Indices of the rows labelled 0 or 1, in input order.
     *
     * @param badLabel the message for row {@code i} whose label is none of 1, 0 and {@link DetectionData#UNKNOWN}
     * @throws IllegalArgumentException for such a label
     */
    public static int[] labelledIndices(int[] labels, IntFunction<String> badLabel) {
        int[] keep = new int[labels.length];
        int n = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == 0 || labels[i] == 1) {
                keep[n++] = i;
            } else if (labels[i] != DetectionData.UNKNOWN) {
                throw new IllegalArgumentException(badLabel.apply(i));
            }
        }
        return Arrays.copyOf(keep, n);
    }
}
