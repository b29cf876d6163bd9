package dev.seqguard.detect.stat;

import dev.seqguard.detect.api.FeatureScaler;
import dev.seqguard.detect.api.Provenance;
import java.util.Arrays;
import java.util.List;

/**
 * Tukey's fences (Tukey, "Exploratory Data Analysis", 1977): per feature, the distance beyond
 * {@code [Q1 - k IQR, Q3 + k IQR]} in IQR units (0 inside), clipped at {@code cap} and aggregated. Quartiles
 * are linearly interpolated. A feature with IQR 0 (most rows equal) gets the sd as its unit, then 1, so a
 * value off the common one still counts; its fences collapse to the quartile.
 */
public final class IqrDetector extends DeviationDetector<IqrDetector.Config> {

    public static final String NAME = "iqr";

    /**
     * @param k         fence width in IQRs beyond the quartiles (1.5 = Tukey's inner fences, 3 = outer)
     * @param aggregate how per-feature distances become the row score
     * @param cap       distances (in IQRs) are clipped at this value
     * @param seed      recorded in the provenance (fitting is deterministic)
     */
    public record Config(double k, Aggregate aggregate, double cap, long seed) implements DeviationSettings {
        public Config {
            if (!(k >= 0) || !Double.isFinite(k)) {
                throw new IllegalArgumentException("parameter 'k' must be a finite number >= 0, got " + k);
            }
            DeviationSettings.validate(aggregate, cap);
        }

        public static Config defaults(long seed) {
            return new Config(1.5, Aggregate.SUM_SQUARES, 10.0, seed);
        }
    }

    /** A fitted IQR detector: {@code fences} hold the Tukey fences and the IQRs. */
    public record FittedIqr(Provenance provenance, Config config, Fences fences) implements FittedDeviationModel<Config> {
    }

    public IqrDetector() {
        super(NAME, "Tukey IQR fences: per-feature distance beyond the fences, aggregated",
                Config::defaults, FittedIqr.class, FittedIqr::new);
    }

    @Override
    protected Fences learn(List<String> features, double[][] rows, Config config) {
        int d = features.size();
        double[] lower = new double[d];
        double[] upper = new double[d];
        double[] spread = new double[d];
        FeatureScaler fallback = FeatureScaler.standard(rows);
        double[] col = new double[rows.length];
        for (int j = 0; j < d; j++) {
            for (int i = 0; i < rows.length; i++) {
                col[i] = rows[i][j];
            }
            Arrays.sort(col);
            double q1 = FeatureScaler.quantile(col, 0.25);
            double q3 = FeatureScaler.quantile(col, 0.75);
            double iqr = q3 - q1;
            lower[j] = q1 - config.k() * iqr;
            upper[j] = q3 + config.k() * iqr;
            spread[j] = iqr > 1e-12 ? iqr : fallback.spread()[j];
        }
        return new Fences(features, lower, upper, spread);
    }
}
