package dev.seqguard.detect.ml;

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
import java.util.stream.IntStream;

/** Labelled tables for the detector tests: ODDS files and synthetic Gaussians with planted outliers. */
final class TestTables {
    static final Path ODDS = Path.of("/work/shared/data/odds");

    private TestTables() {
    }

    /** An ODDS table ({@code label,v1..vN}; label nominal/anomaly), labels 1 for anomaly. */
    static DetectionData odds(String name) {
        try {
            List<String> lines = Files.readAllLines(ODDS.resolve(name + ".csv"));
            String[] header = lines.get(0).split(",");
            List<String> names = Arrays.asList(header).subList(1, header.length);
            double[][] values = new double[lines.size() - 1][];
            int[] labels = new int[values.length];
            for (int i = 1; i < lines.size(); i++) {
                String[] cells = lines.get(i).split(",");
                labels[i - 1] = cells[0].equals("anomaly") ? 1 : 0;
                values[i - 1] = new double[cells.length - 1];
                for (int j = 1; j < cells.length; j++) {
                    values[i - 1][j - 1] = Double.parseDouble(cells[j]);
                }
            }
            return new DetectionData(matrix(names, values), List.of(), labels);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code inliers} standard-normal rows in {@code dims} dimensions, then {@code outliers} rows at radius 6..9 in
     * random directions (labelled 1), with per-column units differing by 10^j so that scaling matters.
     */
    static DetectionData gaussianWithOutliers(int inliers, int outliers, int dims, long seed) {
        Random r = new Random(seed);
        double[][] v = new double[inliers + outliers][dims];
        int[] labels = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            double radius = i < inliers ? 1 : 6 + 3 * r.nextDouble();
            double norm = 0;
            for (int j = 0; j < dims; j++) {
                v[i][j] = r.nextGaussian();
                norm += v[i][j] * v[i][j];
            }
            for (int j = 0; j < dims; j++) {
                if (i >= inliers) {
                    v[i][j] *= radius / Math.sqrt(norm);
                }
                v[i][j] *= Math.pow(10, j % 3);
            }
            labels[i] = i < inliers ? 0 : 1;
        }
        List<String> names = IntStream.range(0, dims).mapToObj(j -> "f" + j).toList();
        return new DetectionData(matrix(names, v), List.of(), labels);
    }

    static FeatureMatrix matrix(List<String> names, double[][] values) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            ids.add(Integer.toString(i));
        }
        return new FeatureMatrix(names, ids, values);
    }

    static DetectionData rows(DetectionData data, int from, int to) {
        return data.select(IntStream.range(from, to).toArray());
    }
}
