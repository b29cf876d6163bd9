package dev.seqguard.core.table;

import dev.seqguard.core.features.FeatureMatrix;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Reads a comma-separated feature table with a header row and one label column. Labels may be {@code 1/0},
 * {@code anomaly/nominal}, {@code outlier/inlier}, {@code true/false} or {@code yes/no}. A row with the wrong number
 * of fields, a non-numeric or non-finite value, or an unknown label is rejected with its line and reason; the rest
 * are read. Row ids are the 0-based numbers of the data rows in the file (rejected rows keep their number).
 */
public final class FeatureTableReader {
    private FeatureTableReader() {
    }

    public static FeatureTable read(Path file, String labelColumn) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
             BufferedReader in = new BufferedReader(new InputStreamReader(maybeGzip(raw), StandardCharsets.UTF_8))) {
            String header = in.readLine();
            if (header == null) {
                throw new IOException(file + " is empty: a header row with column names is needed");
            }
            String[] names = header.split(",", -1);
            int labelAt = -1;
            for (int i = 0; i < names.length; i++) {
                names[i] = names[i].trim();
                if (names[i].equals(labelColumn)) {
                    labelAt = i;
                }
            }
            if (labelAt < 0) {
                throw new IOException(file + " has no column '" + labelColumn + "'; columns are " + String.join(", ", names));
            }
            List<String> featureNames = new ArrayList<>();
            for (int i = 0; i < names.length; i++) {
                if (i != labelAt) {
                    featureNames.add(names[i]);
                }
            }
            List<double[]> rows = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            List<Integer> labels = new ArrayList<>();
            List<FeatureTable.RejectedRow> rejected = new ArrayList<>();
            String line;
            long lineNo = 1;
            long dataRow = -1;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                dataRow++;
                String[] f = line.split(",", -1);
                if (f.length != names.length) {
                    rejected.add(new FeatureTable.RejectedRow(lineNo, "expected " + names.length + " fields, found " + f.length, line));
                    continue;
                }
                int label = parseLabel(f[labelAt]);
                if (label < 0) {
                    rejected.add(new FeatureTable.RejectedRow(lineNo, "unknown label '" + f[labelAt].trim() + "'", line));
                    continue;
                }
                double[] v = new double[names.length - 1];
                String bad = null;
                for (int i = 0, k = 0; i < f.length; i++) {
                    if (i == labelAt) {
                        continue;
                    }
                    try {
                        v[k] = Double.parseDouble(f[i].trim());
                    } catch (NumberFormatException e) {
                        v[k] = Double.NaN;
                    }
                    if (!Double.isFinite(v[k])) {
                        bad = "column '" + names[i] + "' is not a finite number: '" + f[i].trim() + "'";
                        break;
                    }
                    k++;
                }
                if (bad != null) {
                    rejected.add(new FeatureTable.RejectedRow(lineNo, bad, line));
                    continue;
                }
                rows.add(v);
                ids.add(Long.toString(dataRow));
                labels.add(label);
            }
            if (rows.isEmpty()) {
                throw new IOException(file + " has no usable data rows (" + rejected.size() + " rejected)");
            }
            return new FeatureTable(new FeatureMatrix(featureNames, ids, rows.toArray(double[][]::new)),
                    labels.stream().mapToInt(Integer::intValue).toArray(), rejected);
        }
    }

    /** 1 anomalous, 0 normal, -1 unknown. */
    static int parseLabel(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "1", "1.0", "anomaly", "anomalous", "outlier", "true", "yes", "o" -> 1;
            case "0", "0.0", "nominal", "normal", "inlier", "false", "no", "n" -> 0;
            default -> -1;
        };
    }

    private static InputStream maybeGzip(InputStream in) throws IOException {
        InputStream buffered = new java.io.BufferedInputStream(in);
        buffered.mark(2);
        int b1 = buffered.read();
        int b2 = buffered.read();
        buffered.reset();
        return b1 == 0x1f && b2 == 0x8b ? new GZIPInputStream(buffered) : buffered;
    }
}
