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
 * @param margin       how much the consensus must beat the default iForest by (validation ROC-AUC) on every
 *                     informative anomaly kind to replace it, in [0, 1)
 * @param singleMargin how much a single detector must beat both the default and the consensus by on every
 *                     informative kind to replace them, in [0, 1]; 1 means single detectors never replace them
 * @param seed         seed for halves, synthetic anomalies and detectors
 */
public record LabelFreeOptions(List<String> detectors, List<String> consensus, int repeats, double margin,
                               double singleMargin, long seed) {
    /** Unsupervised candidates from the statistical and classic-ML families (the random cut forest is opt-in: slow). */
    public static final List<String> DEFAULT_DETECTORS = List.of("iforest", "knn", "lof", "ocsvm", "robust-z", "zscore",
            "hbos", "ecod", "pca");
    /**
     * One detector from each of four families that see different anomalies: tree isolation, neighbour distance,
     * per-feature rarity (a histogram) and linear correlation (PCA).
     */
    public static final List<String> DEFAULT_CONSENSUS = List.of("iforest", "knn", "hbos", "pca");
    /**
     * A single detector must beat the default and the consensus by this on every informative kind: on the ODDS
     * tables, single detectors that won synthetic validation narrowly (PCA, kNN, LOF) were the picks that lost most on
     * the real anomalies; the rank-average hedges across families.
     */
    public static final double DEFAULT_SINGLE_MARGIN = 0.05;

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
        if (!(singleMargin >= 0 && singleMargin <= 1)) {
            throw new IllegalArgumentException("singleMargin must be in [0, 1], got " + singleMargin);
        }
    }

    public static LabelFreeOptions defaults(List<String> detectors, long seed) {
        return new LabelFreeOptions(detectors, DEFAULT_CONSENSUS, 3, 0.0, DEFAULT_SINGLE_MARGIN, seed);
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
