package dev.seqguard.detect.stat;

import dev.seqguard.detect.api.Capability;
import dev.seqguard.detect.api.Configs;
import dev.seqguard.detect.api.DataChecks;
import dev.seqguard.detect.api.DetectionData;
import dev.seqguard.detect.api.Detector;
import dev.seqguard.detect.api.DetectorInfo;
import dev.seqguard.detect.api.Family;
import dev.seqguard.detect.api.FittedDetector;
import dev.seqguard.detect.api.Provenance;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * Base of the per-feature deviation detectors: they differ only in how they learn {@link Fences} from the
 * training rows, so registry metadata, config parsing and fitting live here and a subclass states its name,
 * description, default config, fitted record and {@link #learn}. Fitting is deterministic; the seed is kept
 * for provenance only.
 *
 * @param <C> the config record
 */
public abstract class DeviationDetector<C extends Record & DeviationSettings> implements Detector<C> {

    /** Fewer rows give no meaningful spread. */
    static final int MIN_ROWS = 2;

    /** Builds a detector's fitted record (the state of its saved model). */
    @FunctionalInterface
    protected interface FittedFactory<C> {
        FittedDetector create(Provenance provenance, C config, Fences fences);
    }

    private final DetectorInfo info;
    private final LongFunction<C> defaults;
    private final Class<? extends FittedDetector> fittedType;
    private final FittedFactory<C> fitted;

    /**
     * @param name        the registry key
     * @param description one line for {@code seqguard detectors}
     * @param defaults    the default config for a seed
     * @param fittedType  the fitted record class, for {@code ModelIO}
     * @param fitted      the fitted record's constructor
     */
    protected DeviationDetector(String name, String description, LongFunction<C> defaults,
            Class<? extends FittedDetector> fittedType, FittedFactory<C> fitted) {
        this.info = new DetectorInfo(name, description, Family.STATISTICAL, Set.<Capability>of());
        this.defaults = defaults;
        this.fittedType = fittedType;
        this.fitted = fitted;
    }

    @Override
    public final DetectorInfo info() {
        return info;
    }

    @Override
    public final C config(Map<String, String> params, long seed) {
        return Configs.parse(defaults.apply(seed), params);
    }

    @Override
    public final Class<? extends FittedDetector> fittedType() {
        return fittedType;
    }

    @Override
    public final FittedDetector fit(DetectionData data, C config) {
        DataChecks.requireFitData(data, MIN_ROWS, name());
        Fences fences = learn(data.features().names(), data.features().values(), config);
        if (config.aggregate() == Aggregate.FEATURE_GROUPS) {
            fences = fences.withBalance(data.features().values(), config.cap());
        }
        return fitted.create(Provenance.of(name(), config, data, config.seed()), config, fences);
    }

    /** The fences learned from the training rows ({@code rows[i][j]}, all finite, at least {@link #MIN_ROWS}). */
    protected abstract Fences learn(List<String> features, double[][] rows, C config);

    /** Fences of zero width around {@code centre}: the deviation is then {@code |x - centre| / spread}. */
    static Fences around(List<String> features, double[] centre, double[] spread) {
        return new Fences(features, centre, centre.clone(), spread);
    }
}
