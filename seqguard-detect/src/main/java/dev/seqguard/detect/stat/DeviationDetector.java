package dev.seqguard.detect.stat;

import dev.seqguard.detect.api.DataChecks;
import dev.seqguard.detect.api.DetectionData;
import dev.seqguard.detect.api.Detector;
import dev.seqguard.detect.api.FittedDetector;
import dev.seqguard.detect.api.Provenance;
import java.util.List;

/**
 * Base of the per-feature deviation detectors: they differ only in how they learn {@link Fences} from the
 * training rows. Fitting is deterministic; the seed is kept for provenance only.
 *
 * @param <C> the config record
 */
public abstract class DeviationDetector<C extends Record & DeviationSettings> implements Detector<C> {

    /** Fewer rows give no meaningful spread. */
    static final int MIN_ROWS = 2;

    @Override
    public final FittedDetector fit(DetectionData data, C config) {
        DataChecks.requireFitData(data, MIN_ROWS, name());
        Fences fences = learn(data.features().names(), data.features().values(), config);
        return fitted(Provenance.of(name(), config, data, config.seed()), config, fences);
    }

    /** The fences learned from the training rows ({@code rows[i][j]}, all finite, at least {@link #MIN_ROWS}). */
    protected abstract Fences learn(List<String> features, double[][] rows, C config);

    protected abstract FittedDetector fitted(Provenance provenance, C config, Fences fences);

    /** Fences of zero width around {@code centre}: the deviation is then {@code |x - centre| / spread}. */
    static Fences around(List<String> features, double[] centre, double[] spread) {
        return new Fences(features, centre, centre.clone(), spread);
    }
}
