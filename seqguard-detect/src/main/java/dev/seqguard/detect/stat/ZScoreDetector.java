package dev.seqguard.detect.stat;

import dev.seqguard.detect.api.FeatureScaler;
import dev.seqguard.detect.api.Provenance;
import java.util.List;

/**
 * Per-feature z-scores {@code z = (x - mean) / sd} against the training rows (sample standard deviation; a
 * constant feature gets sd 1), clipped at {@code cap} and aggregated over features. Sensitive to outliers in
 * the training data itself (they inflate the sd); see {@link RobustZDetector} for the robust variant.
 */
public final class ZScoreDetector extends DeviationDetector<ZScoreDetector.Config> {

    public static final String NAME = "zscore";

    /**
     * @param aggregate how per-feature |z| become the row score
     * @param cap       |z| is clipped at this value
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

    /** A fitted z-score detector: {@code fences} hold the means (as zero-width intervals) and sds. */
    public record FittedZScore(Provenance provenance, Config config, Fences fences)
            implements FittedDeviationModel<Config> {
    }

    public ZScoreDetector() {
        super(NAME, "per-feature z-score (mean/sd), clipped and aggregated",
                Config::defaults, FittedZScore.class, FittedZScore::new);
    }

    @Override
    protected Fences learn(List<String> features, double[][] rows, Config config) {
        FeatureScaler s = FeatureScaler.standard(rows);
        return around(features, s.centre(), s.spread());
    }
}
