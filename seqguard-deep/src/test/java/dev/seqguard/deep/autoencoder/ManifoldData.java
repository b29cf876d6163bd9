package dev.seqguard.deep.autoencoder;

import dev.seqguard.core.features.FeatureMatrix;
import dev.seqguard.detect.api.DetectionData;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A table whose normal rows lie near a 2-dimensional plane in 8 dimensions ({@code x = A t + noise}); the last
 * {@code planted} rows are normal rows with feature {@value #PLANTED_FEATURE} pushed off the plane by
 * {@code shift} (in units of that feature's spread): each is unremarkable feature by feature but inconsistent with the
 * others.
 */
final class ManifoldData {
    static final int FEATURES = 8;
    static final String PLANTED_FEATURE = "f5";

    private ManifoldData() {
    }

    static DetectionData create(int normal, int planted, double shift, long seed) {
        Random rnd = new Random(seed);
        double[][] a = new double[FEATURES][2];
        for (double[] row : a) {
            row[0] = rnd.nextGaussian();
            row[1] = rnd.nextGaussian();
        }
        double[][] v = new double[normal + planted][FEATURES];
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < v.length; i++) {
            double t0 = rnd.nextGaussian();
            double t1 = rnd.nextGaussian();
            for (int j = 0; j < FEATURES; j++) {
                v[i][j] = 10 * j + a[j][0] * t0 + a[j][1] * t1 + 0.05 * rnd.nextGaussian();
            }
            ids.add(i < normal ? "n" + i : "x" + (i - normal));
        }
        int f = Integer.parseInt(PLANTED_FEATURE.substring(1));
        double spread = Math.hypot(a[f][0], a[f][1]);
        for (int i = normal; i < v.length; i++) {
            v[i][f] += shift * spread;
        }
        List<String> names = new ArrayList<>();
        for (int j = 0; j < FEATURES; j++) {
            names.add("f" + j);
        }
        return DetectionData.of(new FeatureMatrix(names, ids, v));
    }
}
