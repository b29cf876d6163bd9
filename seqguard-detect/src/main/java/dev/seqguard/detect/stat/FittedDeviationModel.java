package dev.seqguard.detect.stat;

import dev.seqguard.detect.api.DataChecks;
import dev.seqguard.detect.api.DetectionData;
import dev.seqguard.detect.api.Explanation;
import dev.seqguard.detect.api.FittedDetector;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Scoring shared by the fitted z-score, robust-z and IQR detectors: per-feature deviations from {@link Fences},
 * clipped, then aggregated. Implemented by records whose components are the provenance, config and fences.
 *
 * @param <C> the detector's config record
 */
public interface FittedDeviationModel<C extends DeviationSettings> extends FittedDetector {

    /** How many features an explanation lists at most. */
    int EXPLAINED_FEATURES = 10;

    C config();

    Fences fences();

    @Override
    default double[] score(DetectionData data) {
        DataChecks.requireColumns(data, fences().features().size(), name());
        double[][] rows = data.features().values();
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = fences().score(fences().deviations(rows[i], config().cap()), config().aggregate());
        }
        return out;
    }

    /** The features with the largest deviation (name, the row's value, its clipped deviation); zeros left out. */
    @Override
    default Explanation explain(DetectionData data, int row) {
        DataChecks.requireColumns(data, fences().features().size(), name());
        double[] x = data.features().row(row);
        double[] dev = fences().deviations(x, config().cap());
        List<Explanation.Contribution> parts = new ArrayList<>();
        for (int j = 0; j < dev.length; j++) {
            if (dev[j] > 0) {
                parts.add(new Explanation.Contribution(data.features().names().get(j), x[j], dev[j]));
            }
        }
        parts.sort(Comparator.comparingDouble(Explanation.Contribution::weight).reversed());
        return new Explanation(fences().score(dev, config().aggregate()),
                parts.subList(0, Math.min(EXPLAINED_FEATURES, parts.size())));
    }
}
