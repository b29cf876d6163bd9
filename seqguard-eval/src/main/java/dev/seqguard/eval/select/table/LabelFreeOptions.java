package dev.seqguard.eval.select.table;

import dev.seqguard.detect.DetectorRegistry;
import dev.seqguard.detect.api.Capability;
import dev.seqguard.detect.api.Detector;
import dev.seqguard.detect.api.Family;
import dev.seqguard.detect.ml.IsolationForestDetector;
import java.util.ArrayList;
import java.util.List;

/**
 * Settings of {@link LabelFreeTableSelector}.
 *
 * @param detectors    unsupervised candidates; the default iForest is always added when missing
 * @param consensus    members of the consensus candidate, a rank-average of detectors from different families;
 *                     empty for none
 * @param repeats      self-generated validation sets, each on its own random half of the rows, &ge; 1
 * @param margin       how much better (kind-weighted validation ROC-AUC) a challenger must be to replace the
 *                     default, in [0, 1)
 * @param maxKindLoss  a challenger may trail the default by at most this on any single anomaly kind, in (0, 1]
 * @param seed         seed for halves, synthetic anomalies and detectors
 */
public record LabelFreeOptions(List<String> detectors, List<String> consensus, int repeats, double margin,
                               double maxKindLoss, long seed) {
    /** Unsupervised candidates from the statistical and classic-ML families (the random cut forest is opt-in: slow). */
    public static final List<String> DEFAULT_DETECTORS = List.of("iforest", "knn", "lof", "ocsvm", "robust-z", "zscore");
    /** One detector each of tree isolation, neighbour distance and per-feature deviation. */
    public static final List<String> DEFAULT_CONSENSUS = List.of("iforest", "knn", "robust-z");

    public LabelFreeOptions {
        List<String> d = new ArrayList<>(detectors == null || detectors.isEmpty() ? DEFAULT_DETECTORS : detectors);
        if (!d.contains(IsolationForestDetector.NAME)) {
            d.add(0, IsolationForestDetector.NAME);
        }
        for (String name : d) {
            checkUnsupervised(name, "detectors");
        }
        detectors = List.copyOf(d);
        consensus = List.copyOf(consensus == null ? List.of() : consensus);
        for (String name : consensus) {
            checkUnsupervised(name, "consensus");
        }
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be at least 1, got " + repeats);
        }
        if (!(margin >= 0 && margin < 1)) {
            throw new IllegalArgumentException("margin must be in [0, 1), got " + margin);
        }
        if (!(maxKindLoss > 0 && maxKindLoss <= 1)) {
            throw new IllegalArgumentException("maxKindLoss must be in (0, 1], got " + maxKindLoss);
        }
    }

    public static LabelFreeOptions defaults(List<String> detectors, long seed) {
        return new LabelFreeOptions(detectors, DEFAULT_CONSENSUS, 3, 0.01, 0.10, seed);
    }

    private static void checkUnsupervised(String name, String parameter) {
        Detector<?> d = DetectorRegistry.get(name);
        if (d.info().family() == Family.SUPERVISED || d.info().family() == Family.ENSEMBLE
                || d.info().family() == Family.RULES
                || d.info().capabilities().contains(Capability.NEEDS_LABELS)
                || d.info().capabilities().contains(Capability.NEEDS_SEQUENCES)) {
            throw new IllegalArgumentException(parameter + ": '" + name + "' cannot run label-free on a feature table"
                    + " (it needs labels, event sequences or rules, or is an ensemble); use unsupervised detectors such as "
                    + String.join(", ", DEFAULT_DETECTORS));
        }
    }
}
