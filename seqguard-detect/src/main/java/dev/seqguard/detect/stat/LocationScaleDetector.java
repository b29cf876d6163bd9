package dev.seqguard.detect.stat;

import java.util.function.LongFunction;

import dev.seqguard.detect.api.FeatureScaler;
import dev.seqguard.detect.api.Provenance;
import java.util.List;
import java.util.function.Function;

/**
 * Per-feature standardised deviations {@code |x - location| / scale} against the training rows, clipped at
 * {@code cap} and aggregated over features. The detectors of this family differ only in the location/scale
 * estimator: mean/sd ({@link ZScoreDetector}) or median/MAD ({@link RobustZDetector}). They share the config, the
 * fitted record and its JSON shape; the saved model names the detector, which restores it.
 */
public abstract class LocationScaleDetector extends DeviationDetector<LocationScaleDetector.Config> {

    /**
     * @param aggregate how per-feature |deviations| become the row score
     * @param cap       |deviation| is clipped at this value
     * @param seed      recorded in the provenance (fitting is deterministic)
     */
    public record Config(Aggregate aggregate, double cap, long seed) implements DeviationSettings {
        public Config {
            DeviationSettings.validate(aggregate, cap);
        }

        public static Config defaults(long seed) {
            return defaults(Aggregate.SUM_SQUARES).apply(seed);
        }

        /** The defaults with another aggregate. */
        public static LongFunction<Config> defaults(Aggregate aggregate) {
            return seed -> new Config(aggregate, 10.0, seed);
        }
    }

    /** A fitted detector of this family: {@code fences} hold the locations (as zero-width intervals) and scales. */
    public record Fitted(Provenance provenance, Config config, Fences fences) implements FittedDeviationModel<Config> {
    }

    private final Function<double[][], FeatureScaler> estimator;

    /**
     * @param estimator the per-feature location and scale of the training rows
     */
    protected LocationScaleDetector(String name, String description, Function<double[][], FeatureScaler> estimator) {
        this(name, description, estimator, Aggregate.SUM_SQUARES);
    }

    /**
     * @param estimator        the per-feature location and scale of the training rows
     * @param defaultAggregate the aggregate of the default config
     */
    protected LocationScaleDetector(String name, String description, Function<double[][], FeatureScaler> estimator,
                                    Aggregate defaultAggregate) {
        super(name, description, Config.defaults(defaultAggregate), Fitted.class, Fitted::new);
        this.estimator = estimator;
    }

    @Override
    protected final Fences learn(List<String> features, double[][] rows, Config config) {
        FeatureScaler s = estimator.apply(rows);
        return around(features, s.centre(), s.spread());
    }
}
