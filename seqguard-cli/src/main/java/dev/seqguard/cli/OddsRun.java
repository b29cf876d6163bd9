package dev.seqguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seqguard.detect.api.ModelIO;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * SeqGuard's table selection against PyOD's published ODDS figures (bundled as {@code pyod-roc.csv}, with its
 * source). Each table: {@code select --table} with a 60/40 stratified split, the selected detector's test ROC-AUC,
 * averaged over {@code seeds} splits; PyOD's figure is the mean of its 10 runs. With {@code labelFree},
 * {@code select --table --label-free}: the median over the seeds, beside PyOD's IForest and best of ten.
 */
record OddsRun(Path dir, List<String> detectors, int seeds, boolean labelFree) {

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
        System.out.printf("ODDS tables in %s, 60/40 split, %d split seed(s), detectors: %s%s%n", dir, n,
                detectors.isEmpty() ? "all" : String.join(",", detectors),
                labelFree ? "; label-free (test labels only grade), median over seeds" : "");
        if (labelFree) {
            System.out.printf("%-12s %-34s %9s %9s %9s %-9s %7s%n", "table", "selected (last seed)", "ours", "PyOD IF",
                    "PyOD best", "(which)", "vs IF");
        } else {
            System.out.printf("%-12s %-34s %9s %9s %-9s %7s%n", "table", "selected (last seed)", "ours", "PyOD best", "(which)", "diff");
        }
        double sumOurs = 0;
        double sumPyod = 0;
        double sumIforest = 0;
        int counted = 0;
        for (String t : tables) {
            double[] perSeed = new double[n];
            String selected = "";
            for (int seed = 1; seed <= n; seed++) {
                Path out = Files.createTempDirectory("seqguard-odds");
                List<String> args = new ArrayList<>(List.of("select", "--table", dir.resolve(t + ".csv").toString(),
                        "--label-column", "label", "--test-fraction", "0.4", "--seed", Integer.toString(seed), "--out", out.toString()));
                if (labelFree) {
                    args.add("--label-free");
                }
                if (!detectors.isEmpty()) {
                    args.add("--detectors");
                    args.add(String.join(",", detectors));
                }
                java.io.PrintStream stdout = System.out;
                try {
                    System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
                    if (SeqGuard.run(args.toArray(String[]::new)) != 0) {
                        selected = null;
                        break;
                    }
                } finally {
                    System.setOut(stdout);
                }
                JsonNode summary = ModelIO.mapper().readTree(out.resolve("summary.json").toFile());
                perSeed[seed - 1] = summary.get("test_roc_auc").asDouble();
                selected = summary.get("selected_detector").asText();
            }
            if (selected == null) {
                System.out.printf("%-12s select --table failed (see the message above); left out of the mean%n", t);
                continue;
            }
            counted++;
            double ours = labelFree ? IngestBench.median(perSeed) : java.util.Arrays.stream(perSeed).average().orElseThrow();
            Map.Entry<String, Double> best = pyod.get(t).entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
            double iforest = pyod.get(t).get("IForest");
            sumOurs += ours;
            sumPyod += best.getValue();
            sumIforest += iforest;
            if (labelFree) {
                System.out.printf(Locale.ROOT, "%-12s %-34s %9.3f %9.3f %9.3f %-9s %+7.3f%n", t, abbreviate(selected), ours,
                        iforest, best.getValue(), best.getKey(), ours - iforest);
            } else {
                System.out.printf(Locale.ROOT, "%-12s %-34s %9.3f %9.3f %-9s %+7.3f%n", t, abbreviate(selected), ours,
                        best.getValue(), best.getKey(), ours - best.getValue());
            }
        }
        if (labelFree) {
            System.out.printf(Locale.ROOT, "%-12s %-34s %9.3f %9.3f %9.3f %-9s %+7.3f%n", "MEAN", counted + " tables",
                    sumOurs / counted, sumIforest / counted, sumPyod / counted, "", (sumOurs - sumIforest) / counted);
        } else {
            System.out.printf(Locale.ROOT, "%-12s %-34s %9.3f %9.3f %-9s %+7.3f%n", "MEAN", counted + " tables",
                    sumOurs / counted, sumPyod / counted, "", (sumOurs - sumPyod) / counted);
        }
        return SeqGuard.EXIT_OK;
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
