package dev.seqguard.detect.stat;

import dev.seqguard.detect.api.FeatureScaler;
import dev.seqguard.detect.api.Provenance;
import java.util.List;

/**
 * Per-feature robust z-scores {@code (x - median) / (1.4826 MAD)} (Iglewicz and Hoaglin, "How to Detect and
 * Handle Outliers", 1993), clipped at {@code cap} and aggregated over features. Contaminated training data
 * barely moves median and MAD. A feature whose MAD is 0 (more than half the rows equal, common for counts)
 * falls back to IQR/1.349, then to the sd, as {@link FeatureScaler#robust} does.
 */
public final class RobustZDetector extends DeviationDetector<RobustZDetector.Config> {

    public static final String NAME = "robust-z";

    /**
     * @param aggregate how per-feature |robust z| become the row score
     * @param cap       |robust z| is clipped at this value
     * @param seed      recorded in the provenance (fitting is deterministic)
     */
    public record Config(Aggregate aggregate, double cap, long seed) implements DeviationSettings {
        public Config {
            DeviationSettings.validate(aggregate, cap);
        }

        public static Config defaults(long seed) {
            return new Config(Aggregate.SUM_SQUARES, 10.0, seed);
        }
    }

    /** A fitted robust-z detector: {@code fences} hold the medians (as zero-width intervals) and scaled MADs. */
    public record FittedRobustZ(Provenance provenance, Config config, Fences fences)
            implements FittedDeviationModel<Config> {
    }

    public RobustZDetector() {
        super(NAME, "per-feature robust z-score (median/MAD), clipped and aggregated",
                Config::defaults, FittedRobustZ.class, FittedRobustZ::new);
    }

    @Override
    protected Fences learn(List<String> features, double[][] rows, Config config) {
        FeatureScaler s = FeatureScaler.robust(rows);
        return around(features, s.centre(), s.spread());
    }
}
