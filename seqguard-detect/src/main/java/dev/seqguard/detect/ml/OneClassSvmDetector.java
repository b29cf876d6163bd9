package dev.seqguard.detect.ml;

import dev.seqguard.detect.api.Configs;
import dev.seqguard.detect.api.DataChecks;
import dev.seqguard.detect.api.DetectionData;
import dev.seqguard.detect.api.Detector;
import dev.seqguard.detect.api.DetectorInfo;
import dev.seqguard.detect.api.Explanation;
import dev.seqguard.detect.api.Family;
import dev.seqguard.detect.api.FeatureScaler;
import dev.seqguard.detect.api.FittedDetector;
import dev.seqguard.detect.api.Provenance;
import dev.seqguard.detect.ml.svm.OneClassSvmTrainer;
import dev.seqguard.detect.ml.svm.RbfDecision;
import dev.seqguard.detect.ml.trees.RowSampling;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * One-class SVM with an RBF kernel (Schölkopf et al. 2001, "Estimating the support of a high-dimensional
 * distribution"), trained by libsvm on robust-scaled features. Training costs grow quadratically with rows, so at
 * most {@code maxTrainRows} rows, drawn by seed, are used. The fitted detector keeps only the support vectors,
 * their coefficients, ρ and γ, and evaluates the decision function itself.
 *
 * <p>Score: the negative decision value {@code −f(x)}, above 0 outside the learnt support. Explanation: for each
 * feature, how much the score drops when that feature alone is set to its training median (occlusion), largest
 * first.
 */
public final class OneClassSvmDetector implements Detector<OneClassSvmDetector.Config> {
    public static final String NAME = "ocsvm";

    /**
     * @param nu           upper bound on the fraction of training rows left outside the support, in (0, 1]
     * @param gamma        RBF width on robust-scaled features; 0 means the "scale" heuristic
     *                     {@code 1 / (d * variance of the scaled training values)}, which keeps the kernel from
     *                     saturating on heavy-tailed features (every far point would tie at the top score)
     * @param maxTrainRows rows used for training at most (a seeded sample when there are more)
     * @param tolerance    libsvm's stopping tolerance
     * @param seed         seed of the training sample
     */
    public record Config(double nu, double gamma, int maxTrainRows, double tolerance, long seed) {
        public Config {
            if (!(nu > 0 && nu <= 1)) {
                throw new IllegalArgumentException("nu must be in (0, 1], got " + nu);
            }
            if (!(gamma >= 0) || !Double.isFinite(gamma)) {
                throw new IllegalArgumentException("gamma must be finite and >= 0 (0 = 1/features), got " + gamma);
            }
            if (maxTrainRows < 2) {
                throw new IllegalArgumentException("maxTrainRows must be >= 2, got " + maxTrainRows);
            }
            if (!(tolerance > 0) || !Double.isFinite(tolerance)) {
                throw new IllegalArgumentException("tolerance must be positive and finite, got " + tolerance);
            }
        }

        public static Config defaults(long seed) {
            return new Config(0.1, 0, 5000, 1e-3, seed);
        }
    }

    /**
     * @param featureNames the columns it was fitted on
     * @param scaler       robust scaling applied before the SVM
     * @param decision     the SVM decision function on scaled rows
     */
    public record FittedOcsvm(Provenance provenance, Config config, List<String> featureNames, FeatureScaler scaler,
                              RbfDecision decision) implements FittedDetector {
        public FittedOcsvm {
            featureNames = List.copyOf(featureNames);
        }

        @Override
        public double[] score(DetectionData data) {
            return RowScores.each(data, featureNames.size(), NAME, x -> -decision.value(scaler.apply(x)));
        }

        @Override
        public Explanation explain(DetectionData data, int row) {
            DataChecks.requireColumns(data, featureNames.size(), NAME);
            double[] raw = data.features().row(row);
            double[] x = scaler.apply(raw);
            double score = -decision.value(x);
            List<Explanation.Contribution> out = new ArrayList<>();
            for (int j = 0; j < x.length; j++) {
                double kept = x[j];
                x[j] = 0;
                double drop = score + decision.value(x);
                x[j] = kept;
                out.add(new Explanation.Contribution(featureNames.get(j), raw[j], drop));
            }
            out.sort(Comparator.comparingDouble(Explanation.Contribution::weight).reversed());
            return new Explanation(score, out);
        }
    }

    @Override
    public DetectorInfo info() {
        return new DetectorInfo(NAME, "one-class SVM, RBF kernel, on robust-scaled features (libsvm)",
                Family.CLASSIC_ML, Set.of());
    }

    @Override
    public Config config(Map<String, String> params, long seed) {
        return Configs.parse(Config.defaults(seed), params);
    }

    static double scaleGamma(double[][] rows, int d) {
        double sum = 0;
        double sumSq = 0;
        long n = 0;
        for (double[] r : rows) {
            for (double v : r) {
                sum += v;
                sumSq += v * v;
                n++;
            }
        }
        double var = n == 0 ? 0 : sumSq / n - (sum / n) * (sum / n);
        return var > 1e-12 ? 1.0 / (d * var) : 1.0 / d;
    }

    @Override
    public FittedOcsvm fit(DetectionData data, Config config) {
        DataChecks.requireFitData(data, 2, NAME);
        if (data.features().columns() == 0) {
            throw new IllegalArgumentException(NAME + " needs at least one feature column");
        }
        double[][] values = data.features().values();
        FeatureScaler scaler = FeatureScaler.robust(values);
        double[][] train = scaler.apply(trainingRows(values, config.maxTrainRows(), config.seed()));
        int d = data.features().columns();
        double gamma = config.gamma() > 0 ? config.gamma() : scaleGamma(train, d);
        RbfDecision decision = RbfDecision.of(OneClassSvmTrainer.train(train, config.nu(), gamma, config.tolerance()), d);
        return new FittedOcsvm(Provenance.of(NAME, config, data, config.seed()), config, data.features().names(),
                scaler, decision);
    }

    @Override
    public Class<FittedOcsvm> fittedType() {
        return FittedOcsvm.class;
    }

    /** All rows, or a seeded sample of {@code max} of them kept in their original order. */
    private static double[][] trainingRows(double[][] values, int max, long seed) {
        if (values.length <= max) {
            return values;
        }
        int[] chosen = RowSampling.withoutReplacement(values.length, max, new SplittableRandom(seed));
        Arrays.sort(chosen);
        double[][] out = new double[max][];
        for (int i = 0; i < max; i++) {
            out[i] = values[chosen[i]];
        }
        return out;
    }
}
