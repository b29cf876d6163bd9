package dev.seqguard.detect.ml;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seqguard.core.features.FeatureMatrix;
import dev.seqguard.detect.DetectorRegistry;
import dev.seqguard.detect.api.DetectionData;
import dev.seqguard.detect.api.FittedDetector;
import dev.seqguard.detect.api.ModelIO;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/** Synthetic data and round-trip helpers shared by the ML detector tests. */
final class MlDetectorFixtures {
    private MlDetectorFixtures() {
    }

    static DetectionData data(double[][] rows) {
        int d = rows[0].length;
        List<String> names = IntStream.range(0, d).mapToObj(j -> "f" + j).toList();
        List<String> ids = IntStream.range(0, rows.length).mapToObj(i -> "r" + i).toList();
        return DetectionData.of(new FeatureMatrix(names, ids, rows));
    }

    static DetectionData labelled(double[][] rows, int[] labels) {
        return data(rows).withLabels(labels);
    }

    /** {@code inliers} standard-normal rows, then {@code outliers} rows with feature {@code shifted} at +8. */
    static double[][] gaussianWithOutliers(int inliers, int outliers, int d, int shifted, long seed) {
        Random random = new Random(seed);
        double[][] rows = new double[inliers + outliers][d];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < d; j++) {
                rows[i][j] = random.nextGaussian();
            }
            if (i >= inliers) {
                rows[i][shifted] += 8;
            }
        }
        return rows;
    }

    /** {@code inliers} standard-normal rows, then {@code outliers} rows each 8 away along its own axis and sign. */
    static double[][] gaussianWithScatteredOutliers(int inliers, int outliers, int d, long seed) {
        double[][] rows = gaussianWithOutliers(inliers, outliers, d, 0, seed);
        for (int k = 0; k < outliers; k++) {
            double[] r = rows[inliers + k];
            r[0] -= 8;
            r[k % d] += (k / d) % 2 == 0 ? 8 : -8;
        }
        return rows;
    }

    /**
     * Two classes: label 1 with probability {@code positiveRate}; positives have feature 0 shifted by +3 and
     * feature 1 by -2; the other features are noise.
     */
    static DetectionData separable(int n, int d, double positiveRate, long seed) {
        Random random = new Random(seed);
        double[][] rows = new double[n][d];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextDouble() < positiveRate ? 1 : 0;
            for (int j = 0; j < d; j++) {
                rows[i][j] = random.nextGaussian();
            }
            if (labels[i] == 1) {
                rows[i][0] += 3;
                rows[i][1] -= 2;
            }
        }
        return labelled(rows, labels);
    }

    /** ROC-AUC of scores against 0/1 labels (Mann–Whitney, ties count half). */
    static double rocAuc(double[] scores, int[] labels) {
        double wins = 0;
        long pairs = 0;
        for (int i = 0; i < scores.length; i++) {
            if (labels[i] != 1) {
                continue;
            }
            for (int j = 0; j < scores.length; j++) {
                if (labels[j] != 0) {
                    continue;
                }
                pairs++;
                wins += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
            }
        }
        return wins / pairs;
    }

    /** Writes through {@link ModelIO} to bytes and reads back through the registry. */
    static FittedDetector roundTrip(FittedDetector fitted) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelIO.write(fitted, bytes);
        JsonNode json = ModelIO.mapper().readTree(new ByteArrayInputStream(bytes.toByteArray()));
        return DetectorRegistry.load(json);
    }

    /** Scores each row on its own. */
    static double[] scoreOneByOne(FittedDetector fitted, DetectionData data) {
        double[] out = new double[data.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = fitted.score(data.select(new int[] {i}))[0];
        }
        return out;
    }

    /** Rows {@code 0..k-1} of the data. */
    static DetectionData head(DetectionData data, int k) {
        return data.select(IntStream.range(0, k).toArray());
    }

    static List<Integer> topK(double[] scores, int k) {
        List<Integer> idx = new ArrayList<>(IntStream.range(0, scores.length).boxed().toList());
        idx.sort((a, b) -> Double.compare(scores[b], scores[a]));
        return idx.subList(0, k);
    }
}
