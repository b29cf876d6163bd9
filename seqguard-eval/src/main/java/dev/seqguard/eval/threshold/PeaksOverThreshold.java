package dev.seqguard.eval.threshold;

import dev.seqguard.eval.metrics.Quantiles;
import java.util.Arrays;
import java.util.Optional;

/**
 * Extreme-value model of the upper tail of a score distribution (peaks over threshold). By the
 * Pickands-Balkema-de Haan theorem the excesses {@code Y = X − t} over a high threshold {@code t} follow,
 * approximately, a generalised Pareto distribution {@code P(Y > y) = (1 + ξy/σ)^(−1/ξ)}. Fitting it lets us pick the
 * score whose tail probability is a chosen small risk, beyond the range where empirical quantiles are reliable.
 * Parameters are estimated by probability-weighted moments (Hosking and Wallis 1987, "Parameter and quantile
 * estimation for the generalized Pareto distribution", Technometrics 29(3)), which are stable for small samples and
 * need no iteration. The threshold formula is the one of SPOT (Siffer, Fouque, Termier and Largouët 2017,
 * "Anomaly detection in streams with extreme value theory", KDD).
 */
public final class PeaksOverThreshold {
    /** Fewer excesses than this do not support a tail fit. */
    public static final int MIN_EXCEEDANCES = 10;

    private PeaksOverThreshold() {
    }

    /**
     * A generalised Pareto distribution.
     *
     * @param shape ξ (0: exponential tail, &gt; 0: heavy tail, &lt; 0: bounded tail)
     * @param scale σ &gt; 0
     */
    public record Gpd(double shape, double scale) {
        public Gpd {
            if (!Double.isFinite(shape) || !(scale > 0) || !Double.isFinite(scale)) {
                throw new IllegalArgumentException("GPD needs a finite shape and a positive finite scale, got shape="
                        + shape + " scale=" + scale);
            }
        }

        /** The excess {@code y} with {@code P(Y > y) = p}, for p in (0, 1]. */
        public double excessAtTailProbability(double p) {
            if (Math.abs(shape) < 1e-9) {
                return -scale * Math.log(p);
            }
            return scale / shape * (Math.pow(p, -shape) - 1);
        }
    }

    /**
     * The tail model of a sample.
     *
     * @param initialThreshold t, the empirical quantile the excesses are measured from
     * @param size             n, the sample size
     * @param exceedances      N_t, the number of scores strictly above t
     * @param gpd              the distribution fitted to their excesses
     */
    public record TailModel(double initialThreshold, int size, int exceedances, Gpd gpd) {
        /**
         * The score z with {@code P(X > z) = risk}: {@code z = t + σ/ξ·((risk·n/N_t)^(−ξ) − 1)} (SPOT, eq. 1).
         *
         * @throws IllegalArgumentException unless risk is in (0, N_t/n)
         */
        public double scoreAtRisk(double risk) {
            double p = risk * size / exceedances;
            if (!(p > 0 && p < 1)) {
                throw new IllegalArgumentException("risk must be in (0, " + (double) exceedances / size
                        + ") for this tail model, got " + risk);
            }
            return initialThreshold + gpd.excessAtTailProbability(p);
        }
    }

    /**
     * Probability-weighted-moment estimate of a GPD from positive excesses.
     *
     * @return empty when the moments admit no usable fit: fewer than {@link #MIN_EXCEEDANCES} excesses, all of
     *         them equal, or a shape outside (−1, 1), where the PWM estimator is not valid (ξ ≥ 1) or the tail is
     *         a degenerate spike (ξ ≤ −1)
     */
    public static Optional<Gpd> fitPwm(double[] excesses) {
        if (excesses.length < MIN_EXCEEDANCES) {
            return Optional.empty();
        }
        double[] y = excesses.clone();
        Arrays.sort(y);
        int m = y.length;
        if (y[0] == y[m - 1]) {
            return Optional.empty();
        }
        double a0 = 0;
        double a1 = 0;
        for (int j = 0; j < m; j++) {
            double plottingPosition = (j + 1 - 0.35) / m;
            a0 += y[j];
            a1 += (1 - plottingPosition) * y[j];
        }
        a0 /= m;
        a1 /= m;
        double d = a0 - 2 * a1;
        if (!(d > 0) || !(a0 > 0)) {
            return Optional.empty();
        }
        // Hosking's k is −ξ: k = a0/(a0 − 2a1) − 2, σ = 2·a0·a1/(a0 − 2a1)
        double shape = 2 - a0 / d;
        double scale = 2 * a0 * a1 / d;
        if (!(shape > -1 && shape < 1) || !(scale > 0) || !Double.isFinite(scale)) {
            return Optional.empty();
        }
        return Optional.of(new Gpd(shape, scale));
    }

    /**
     * Fits the tail above the empirical {@code level} quantile of the scores.
     *
     * @param sortedScores scores in ascending order
     * @return empty when fewer than {@link #MIN_EXCEEDANCES} scores exceed the quantile or the fit is degenerate
     */
    public static Optional<TailModel> fit(double[] sortedScores, double level) {
        double t = Quantiles.ofSorted(sortedScores, level);
        int first = upperBound(sortedScores, t);
        double[] excesses = new double[sortedScores.length - first];
        for (int i = first; i < sortedScores.length; i++) {
            excesses[i - first] = sortedScores[i] - t;
        }
        return fitPwm(excesses).map(g -> new TailModel(t, sortedScores.length, excesses.length, g));
    }

    /** Index of the first value strictly greater than {@code t}. */
    private static int upperBound(double[] sorted, double t) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
