package dev.seqguard.cli;

import dev.seqguard.eval.metrics.Confusion;
import dev.seqguard.eval.select.SelectionOptions;
import dev.seqguard.eval.select.table.LabelFreeTableRun;
import dev.seqguard.eval.workflow.TableSelection;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * SeqGuard's table selection against PyOD's published ODDS figures (bundled as {@code pyod-roc.csv}, with its
 * source). Each table: {@link TableSelection} with a 60/40 stratified split, the selected detector's test ROC-AUC,
 * averaged over {@code seeds} splits (PyOD's figure is the mean of its 10 runs), and precision, recall and F1 on the
 * test part at the threshold the selection ships, averaged likewise. With {@code labelFree},
 * {@link TableSelection#runLabelFree}, beside PyOD's IForest and best of ten.
 */
record OddsRun(Path dir, List<String> detectors, int seeds, boolean labelFree) {

    /** One table's result over the seeds: means of test ROC-AUC, precision, recall, F1; the last seed's pick. */
    private record TableResult(double rocAuc, double precision, double recall, double f1, String selected) {
    }

    int run() throws IOException {
        Map<String, Map<String, Double>> pyod = pyod();
        List<String> tables = new ArrayList<>();
        for (String t : pyod.keySet()) {
            if (Files.exists(dir.resolve(t + ".csv"))) {
                tables.add(t);
            }
        }
        if (tables.isEmpty()) {
            throw new UserInputException("no ODDS table of PyOD's benchmark found in " + dir);
        }
        int n = Math.max(1, Math.min(seeds, 5));
        System.out.printf("ODDS tables in %s, 60/40 split, %d split seed(s), detectors: %s%s; means over seeds;"
                        + " P/R/F1 on the test part at the shipped threshold (0 when it flags none)%n", dir, n,
                detectors.isEmpty() ? "default" : String.join(",", detectors),
                labelFree ? "; label-free (test labels only grade)" : "");
        String pyodColumns = labelFree ? String.format("%9s %9s", "PyOD IF", "PyOD best") : String.format("%9s", "PyOD best");
        System.out.printf("%-12s %-34s %9s %s %-9s %7s %6s %6s %6s%n", "table", "selected (last seed)", "ours", pyodColumns,
                "(which)", labelFree ? "vs IF" : "diff", "P", "R", "F1");
        double[] sum = new double[6];
        int counted = 0;
        for (String t : tables) {
            TableResult r;
            try {
                r = table(dir.resolve(t + ".csv"), n);
            } catch (IllegalArgumentException e) {
                System.out.printf("%-12s select --table failed (%s); left out of the mean%n", t, e.getMessage());
                continue;
            }
            counted++;
            Map.Entry<String, Double> best = pyod.get(t).entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
            double iforest = pyod.get(t).get("IForest");
            double[] row = {r.rocAuc(), iforest, best.getValue(), r.precision(), r.recall(), r.f1()};
            for (int i = 0; i < row.length; i++) {
                sum[i] += row[i];
            }
            print(t, abbreviate(r.selected()), row, best.getKey());
        }
        if (counted > 0) {
            int c = counted;
            print("MEAN", counted + " tables", Arrays.stream(sum).map(s -> s / c).toArray(), "");
        }
        return SeqGuard.EXIT_OK;
    }

    private void print(String table, String selected, double[] row, String which) {
        double reference = labelFree ? row[1] : row[2];
        String pyodColumns = labelFree ? String.format(Locale.ROOT, "%9.3f %9.3f", row[1], row[2])
                : String.format(Locale.ROOT, "%9.3f", row[2]);
        System.out.printf(Locale.ROOT, "%-12s %-34s %9.3f %s %-9s %+7.3f %6.2f %6.2f %6.2f%n", table, selected, row[0],
                pyodColumns, which, row[0] - reference, row[3], row[4], row[5]);
    }

    private TableResult table(Path file, int n) throws IOException {
        double[] sums = new double[4];
        String selected = "";
        for (int seed = 1; seed <= n; seed++) {
            Path out = Files.createTempDirectory("seqguard-odds");
            // as `select --table` runs by default: small tables have few anomalies, so cross-validate with 2 per class
            SelectionOptions defaults = SelectionOptions.defaults(seed);
            TableSelection.Options options = TableSelection.Options.of(file, new SelectionOptions(detectors,
                    defaults.folds(), seed, defaults.ensembleSize(), null, TableSelection.Options.MIN_LABELS_PER_CLASS,
                    defaults.syntheticRepeats()));
            double roc;
            Confusion atThreshold;
            if (labelFree) {
                LabelFreeTableRun.Outcome o = TableSelection.runLabelFree(options, out, TableSelection.Listener.SILENT);
                roc = o.testRocAuc();
                atThreshold = o.testAtThreshold();
                selected = o.result().selected().name();
            } else {
                TableSelection.Result r = TableSelection.run(options, out, TableSelection.Listener.SILENT);
                roc = r.selectedTestMetrics()[0];
                atThreshold = testConfusion(out.resolve(TableSelection.TEST_SCORES), r.selection().threshold());
                selected = r.selection().selected().detector();
            }
            // flagging nobody has no precision; it counts as 0, as its F1 does
            double[] v = {roc, atThreshold.flagged() == 0 ? 0 : atThreshold.precision(), atThreshold.recall(),
                    Double.isNaN(atThreshold.f1()) ? 0 : atThreshold.f1()};
            for (int i = 0; i < v.length; i++) {
                sums[i] += v[i] / n;
            }
        }
        return new TableResult(sums[0], sums[1], sums[2], sums[3], selected);
    }

    /** The confusion on the test part at {@code threshold}, from the {@code row,label,score} file the run wrote. */
    private static Confusion testConfusion(Path testScores, double threshold) throws IOException {
        List<String> lines = Files.readAllLines(testScores);
        int[] labels = new int[lines.size() - 1];
        double[] scores = new double[labels.length];
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            labels[i - 1] = Integer.parseInt(f[f.length - 2]);
            scores[i - 1] = Double.parseDouble(f[f.length - 1]);
        }
        return Confusion.at(labels, scores, threshold);
    }

    private static String abbreviate(String s) {
        return s.length() <= 34 ? s : s.substring(0, 31) + "...";
    }

    static Map<String, Map<String, Double>> pyod() throws IOException {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                OddsRun.class.getResourceAsStream("pyod-roc.csv"), StandardCharsets.UTF_8))) {
            String[] header = null;
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",");
                if (header == null) {
                    header = f;
                    continue;
                }
                Map<String, Double> row = new LinkedHashMap<>();
                for (int i = 1; i < f.length; i++) {
                    row.put(header[i], Double.parseDouble(f[i]));
                }
                out.put(f[0], row);
            }
        }
        return out;
    }
}
