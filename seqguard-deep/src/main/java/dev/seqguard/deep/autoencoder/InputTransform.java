package dev.seqguard.deep.autoencoder;

import dev.seqguard.detect.api.FeatureScaler;

/**
 * What the network sees of a feature row: robust-scaled features ({@link FeatureScaler#robust}), then, when
 * {@code squash} is on, {@code asinh} of each, which is linear near the median and logarithmic in the tails, so one
 * heavy-tailed count (a crawler's 10,000 views) can neither dominate the training loss nor blow up the gradients,
 * while its rank order, and so its reconstruction error, survives.
 *
 * @param scaler per-feature centre and spread learnt on the training rows
 * @param squash whether to apply {@code asinh} after scaling
 */
public record InputTransform(FeatureScaler scaler, boolean squash) {

    static InputTransform fit(double[][] rows, boolean squash) {
        return new InputTransform(FeatureScaler.robust(rows), squash);
    }

    double[] apply(double[] row) {
        double[] x = scaler.apply(row);
        if (squash) {
            for (int j = 0; j < x.length; j++) {
                x[j] = asinh(x[j]);
            }
        }
        return x;
    }

    double[][] apply(double[][] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = apply(rows[i]);
        }
        return out;
    }

    private static double asinh(double v) {
        double a = Math.abs(v);
        return Math.copySign(Math.log(a + Math.sqrt(a * a + 1)), v);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InputTransform t && squash == t.squash
                && java.util.Arrays.equals(scaler.centre(), t.scaler.centre())
                && java.util.Arrays.equals(scaler.spread(), t.scaler.spread());
    }

    @Override
    public int hashCode() {
        return 31 * java.util.Arrays.hashCode(scaler.centre()) + java.util.Arrays.hashCode(scaler.spread())
                + (squash ? 1 : 0);
    }
}
