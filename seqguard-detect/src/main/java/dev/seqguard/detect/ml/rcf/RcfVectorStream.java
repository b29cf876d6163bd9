package dev.seqguard.detect.ml.rcf;

import com.amazon.randomcutforest.RandomCutForest;
import dev.seqguard.detect.api.FeatureScaler;
import dev.seqguard.detect.api.OnlineUpdate;
import dev.seqguard.detect.api.StreamingDetector.StreamScore;
import java.util.List;

/**
 * Score-then-update over raw feature vectors, on a forest of its own (Guha et al. 2016, "Robust random cut
 * forest based anomaly detection on streams"). The forest is not warmed up until it has seen
 * {@link #warmUpPoints()} points in all, counting the rows it was fitted on: until then every vector is still
 * folded in, but {@link #processVector} reports {@link StreamScore#warmingUp()} instead of a score. Not
 * thread-safe: one instance per stream or external synchronisation.
 */
public final class RcfVectorStream implements OnlineUpdate.VectorStream {
    private final RandomCutForest forest;
    private final FeatureScaler scaler;
    private final List<String> featureNames;

    /**
     * @param forest       a forest no one else holds
     * @param scaler       the scaling the forest's points went through
     * @param featureNames one name per vector component, for error messages
     */
    public RcfVectorStream(RandomCutForest forest, FeatureScaler scaler, List<String> featureNames) {
        if (forest.getDimensions() != scaler.dimension() || featureNames.size() != scaler.dimension()) {
            throw new IllegalArgumentException("forest has " + forest.getDimensions() + " dimensions, scaler "
                    + scaler.dimension() + ", names " + featureNames.size());
        }
        this.forest = forest;
        this.scaler = scaler;
        this.featureNames = List.copyOf(featureNames);
    }

    /**
     * Scores the raw feature vector against the forest so far, then adds it to the forest.
     *
     * @return the anomaly score (higher = more anomalous), or {@link StreamScore#warmingUp()} while fewer than
     *         {@link #warmUpPoints()} points had been seen before this one
     * @throws IllegalArgumentException for a vector of the wrong width or with a non-finite component
     */
    @Override
    public StreamScore processVector(double[] features) {
        double[] point = scaled(features);
        StreamScore result = warmedUp() ? new StreamScore(forest.getAnomalyScore(point), true) : StreamScore.warmingUp();
        forest.update(point);
        return result;
    }

    /**
     * Scores the raw feature vector against the forest so far without adding it: a reusable scorer for one row at
     * a time that avoids restoring the forest per call. Meaningful only once {@link #warmedUp()}.
     */
    public double score(double[] features) {
        return forest.getAnomalyScore(scaled(features));
    }

    private double[] scaled(double[] features) {
        if (features.length != featureNames.size()) {
            throw new IllegalArgumentException("rcf stream expects " + featureNames.size() + " features, got "
                    + features.length);
        }
        for (int j = 0; j < features.length; j++) {
            if (!Double.isFinite(features[j])) {
                throw new IllegalArgumentException("rcf stream: feature '" + featureNames.get(j) + "' is "
                        + features[j] + " (must be finite)");
            }
        }
        return scaler.apply(features);
    }

    /** Points the forest has seen: its training rows plus every processed vector. */
    public long pointsSeen() {
        return forest.getTotalUpdates();
    }

    /** Points the forest must have seen before its scores count: its sample size. */
    public int warmUpPoints() {
        return forest.getSampleSize();
    }

    public boolean warmedUp() {
        return pointsSeen() >= warmUpPoints();
    }
}
