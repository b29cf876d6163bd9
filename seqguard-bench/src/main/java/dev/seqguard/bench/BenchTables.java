package dev.seqguard.bench;

import dev.seqguard.core.features.FeatureMatrix;
import dev.seqguard.detect.api.DetectionData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Labelled data for the benchmarks: ODDS tables ({@code label,v1..vN}, label nominal/anomaly) from the folder in
 * system property {@code seqguard.odds} (default {@code /work/shared/data/odds}), and synthetic Gaussians with
 * planted outliers of any size.
 */
public final class BenchTables {
    private BenchTables() {
    }

    public static Path oddsFolder() {
        return Path.of(System.getProperty("seqguard.odds", "/work/shared/data/odds"));
    }

    /**
     * Data by benchmark parameter: {@code gaussian-N} for {@link #gaussian} with N rows in 8 dimensions, otherwise
     * the ODDS table of that name.
     */
    public static DetectionData named(String name) {
        if (name.startsWith("gaussian-")) {
            return gaussian(Integer.parseInt(name.substring("gaussian-".length())), 8, 42);
        }
        return odds(name);
    }

    /** ODDS table {@code name}, labels 1 for anomaly. */
    public static DetectionData odds(String name) {
        Path file = oddsFolder().resolve(name + ".csv");
        try {
            List<String> lines = Files.readAllLines(file);
            String[] header = lines.get(0).split(",");
            double[][] values = new double[lines.size() - 1][];
            int[] labels = new int[values.length];
            for (int i = 1; i < lines.size(); i++) {
                String[] cells = lines.get(i).split(",");
                labels[i - 1] = cells[0].equals("anomaly") ? 1 : 0;
                values[i - 1] = Arrays.stream(cells, 1, cells.length).mapToDouble(Double::parseDouble).toArray();
            }
            return new DetectionData(matrix(Arrays.asList(header).subList(1, header.length), values), List.of(),
                    labels);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ODDS table " + file, e);
        }
    }

    /** {@code n} rows in {@code dims} dimensions: 99% standard normal, 1% (labelled 1) at radius 5..8. */
    public static DetectionData gaussian(int n, int dims, long seed) {
        Random r = new Random(seed);
        double[][] v = new double[n][dims];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            boolean outlier = i % 100 == 99;
            double norm = 0;
            for (int j = 0; j < dims; j++) {
                v[i][j] = r.nextGaussian();
                norm += v[i][j] * v[i][j];
            }
            if (outlier) {
                double radius = 5 + 3 * r.nextDouble();
                for (int j = 0; j < dims; j++) {
                    v[i][j] *= radius / Math.sqrt(norm);
                }
            }
            labels[i] = outlier ? 1 : 0;
        }
        List<String> names = new ArrayList<>();
        for (int j = 0; j < dims; j++) {
            names.add("f" + j);
        }
        return new DetectionData(matrix(names, v), List.of(), labels);
    }

    private static FeatureMatrix matrix(List<String> names, double[][] values) {
        List<String> ids = new ArrayList<>(values.length);
        for (int i = 0; i < values.length; i++) {
            ids.add(Integer.toString(i));
        }
        return new FeatureMatrix(names, ids, values);
    }

    /** ROC-AUC of scores against 0/1 labels (Mann-Whitney, ties counted half). */
    public static double rocAuc(double[] scores, int[] labels) {
        Integer[] idx = new Integer[scores.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Double.compare(scores[a], scores[b]));
        double rankSum = 0;
        double pos = 0;
        int i = 0;
        while (i < idx.length) {
            int j = i;
            while (j + 1 < idx.length && scores[idx[j + 1]] == scores[idx[i]]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1;
            for (int t = i; t <= j; t++) {
                if (labels[idx[t]] == 1) {
                    pos++;
                    rankSum += rank;
                }
            }
            i = j + 1;
        }
        double neg = scores.length - pos;
        return (rankSum - pos * (pos + 1) / 2) / (pos * neg);
    }
}
