package dev.seqguard.detect.api;

import dev.seqguard.detect.api.StreamingDetector.StreamScore;

/**
 * The online-update view of a fitted detector that keeps learning from what it scores ({@link FittedDetector#online}):
 * each stream scores a feature vector against the model so far, then folds it in. A stream's scores therefore depend
 * on the order of every vector it saw, so a caller serving many users feeds one stream in global event order.
 */
@FunctionalInterface
public interface OnlineUpdate {

    /**
     * A new stream on its own copy of the fitted model: streams never affect the fitted detector or each other.
     */
    VectorStream newStream();

    /** Score-then-update over raw feature vectors (the columns the detector was fitted on). Not thread-safe. */
    interface VectorStream {

        /**
         * Scores the vector against the model so far, then learns it.
         *
         * @return the score, or {@link StreamScore#warmingUp()} while the model has seen too little to judge
         * @throws IllegalArgumentException for a vector of the wrong width or with a non-finite component
         */
        StreamScore processVector(double[] features);
    }
}
