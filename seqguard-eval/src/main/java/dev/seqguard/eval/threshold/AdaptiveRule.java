package dev.seqguard.eval.threshold;

import dev.seqguard.eval.metrics.Quantiles;
import java.util.Arrays;
import java.util.Optional;

/**
 * A threshold that adapts to the shape of the score tail, needing neither labels nor a guessed contamination.
 * The scores above the {@code level} quantile are modelled by a generalised Pareto distribution
 * ({@link PeaksOverThreshold}, as in SPOT: Siffer et al. 2017, "Anomaly detection in streams with extreme value
 * theory"), and the threshold is the score a normal row exceeds with probability {@code risk}: on n scores from
 * the normal distribution about {@code risk · n} would be flagged. When the tail cannot be fitted (too few distinct
 * high scores, e.g. heavily tied scores), the rule falls back to the robust fence {@code median + madK · MAD}
 * (MAD scaled by 1.4826 to estimate σ for normal data; Rousseeuw and Croux 1993); when even the MAD is 0, to the
 * smallest score above the median.
 *
 * @param risk  tail probability of the threshold, in (0, 1 − level)
 * @param level quantile the tail starts at, in [0.5, 1)
 * @param madK  width of the fallback fence in robust standard deviations, &gt; 0
 */
public record AdaptiveRule(double risk, double level, double madK) implements ThresholdRule {
    public static final double DEFAULT_RISK = 0.01;
    public static final double DEFAULT_LEVEL = 0.9;
    public static final double DEFAULT_MAD_K = 3.0;
    private static final double MAD_TO_SIGMA = 1.4826;

    public AdaptiveRule {
        if (!(level >= 0.5 && level < 1)) {
            throw new IllegalArgumentException("adaptive tail level must be in [0.5, 1), got " + level);
        }
        if (!(risk > 0 && risk < 1 - level)) {
            throw new IllegalArgumentException("adaptive risk must be in (0, " + (float) (1 - level)
                    + ") (below the tail share 1 - level), got " + risk);
        }
        if (!(madK > 0) || !Double.isFinite(madK)) {
            throw new IllegalArgumentException("adaptive madK must be a positive finite number, got " + madK);
        }
    }

    public static AdaptiveRule withRisk(double risk) {
        return new AdaptiveRule(risk, DEFAULT_LEVEL, DEFAULT_MAD_K);
    }

    @Override
    public Threshold compute(double[] scores, int[] labels) {
        double[] sorted = ThresholdInputs.sortedCopy(scores);
        Optional<PeaksOverThreshold.TailModel> tail = PeaksOverThreshold.fit(sorted, level);
        if (tail.isPresent()) {
            PeaksOverThreshold.TailModel m = tail.get();
            double z = m.scoreAtRisk(risk);
            if (Double.isFinite(z)) {
                return Threshold.of(z, scores, "tail fit over the " + ContaminationRule.percent(level)
                        + " quantile " + ThresholdInputs.fmt(m.initialThreshold()) + " (" + m.exceedances()
                        + " excesses, GPD shape " + ThresholdInputs.fmt(m.gpd().shape()) + ", scale "
                        + ThresholdInputs.fmt(m.gpd().scale()) + "): score with tail probability "
                        + ThresholdInputs.fmt(risk) + " = " + ThresholdInputs.fmt(z));
            }
        }
        return robustFence(sorted, scores);
    }

    private Threshold robustFence(double[] sorted, double[] scores) {
        double median = Quantiles.medianOfSorted(sorted);
        double[] deviations = new double[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            deviations[i] = Math.abs(sorted[i] - median);
        }
        Arrays.sort(deviations);
        double mad = Quantiles.medianOfSorted(deviations);
        String why = "tail not fittable (fewer than " + PeaksOverThreshold.MIN_EXCEEDANCES
                + " usable scores above the " + ContaminationRule.percent(level) + " quantile)";
        if (mad > 0) {
            double value = median + madK * MAD_TO_SIGMA * mad;
            return Threshold.of(value, scores, why + "; median " + ThresholdInputs.fmt(median) + " + "
                    + ThresholdInputs.fmt(madK) + " x 1.4826 x MAD " + ThresholdInputs.fmt(mad) + " = "
                    + ThresholdInputs.fmt(value));
        }
        // More than half the scores equal the median: everything above it stands out.
        double value = Math.nextUp(median);
        return Threshold.of(value, scores, why + " and MAD is 0; flag scores above the median "
                + ThresholdInputs.fmt(median));
    }

    @Override
    public String describe() {
        return "adaptive: extreme-value tail fit, flag scores a normal row exceeds with probability "
                + ThresholdInputs.fmt(risk);
    }

    @Override
    public String spec() {
        return level == DEFAULT_LEVEL && madK == DEFAULT_MAD_K ? "adaptive:" + risk
                : "adaptive:" + risk + ":" + level + ":" + madK;
    }
}
