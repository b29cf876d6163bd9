package dev.seqguard.cli;

import dev.seqguard.detect.DetectorRegistry;
import dev.seqguard.eval.select.SelectionOptions;
import dev.seqguard.eval.workflow.TableSelection;
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
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * SeqGuard's table selection against PyOD's published ODDS figures (bundled as {@code pyod-roc.csv}, with its
 * source). Each table: {@link TableSelection} with a 60/40 stratified split, the selected detector's test ROC-AUC,
 * averaged over up to five split seeds; PyOD's figure is the mean of its 10 runs.
 */
@Command(name = "odds", mixinStandardHelpOptions = true,
        description = {"Compares table selection with PyOD's published ODDS results.",
                "Each ODDS table in DIR that PyOD's benchmark also covers is split 60/40 (stratified) and selected on"
                        + " as `select --table` does; the selected detector's test ROC-AUC, averaged over the split"
                        + " seeds, is set against the best of PyOD's ten detectors there. Alias: `seqguard bench"
                        + " --odds DIR`."})
final class OddsBenchmark implements Callable<Integer> {
    static final int MAX_SEEDS = 5;

    @Parameters(paramLabel = "DIR", description = "A directory of ODDS tables, one CSV file with a label column per table.")
    Path dir;

    @Option(names = "--detectors", split = ",", paramLabel = "NAME", description = "The detectors select may use. Default: all.")
    List<String> detectors = new ArrayList<>();

    @Option(names = "--runs", paramLabel = "N", defaultValue = "" + MAX_SEEDS,
            description = "Split seeds per table, at most " + MAX_SEEDS + ". Default: ${DEFAULT-VALUE}.")
    int seeds;

    @Override
    public Integer call() throws IOException {
        return run(dir, detectors, seeds);
    }

    static int run(Path dir, List<String> detectors, int seeds) throws IOException {
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
        detectors.forEach(DetectorRegistry::get);
        int n = Math.max(1, Math.min(seeds, MAX_SEEDS));
        System.out.printf("ODDS tables in %s, 60/40 split, %d split seed(s), detectors: %s%n", dir, n,
                detectors.isEmpty() ? "all" : String.join(",", detectors));
        System.out.printf("%-12s %-34s %9s %9s %-9s %7s%n", "table", "selected (last seed)", "ours", "PyOD best", "(which)", "diff");
        double sumOurs = 0;
        double sumPyod = 0;
        int counted = 0;
        for (String t : tables) {
            double ours = 0;
            String selected = "";
            for (int seed = 1; seed <= n; seed++) {
                SelectionOptions selection = new SelectionOptions(detectors, 5, seed, 3, null,
                        TableSelection.Options.MIN_LABELS_PER_CLASS, 3);
                try {
                    TableSelection.Result r = SelectCommand.selectTable(TableSelection.Options.of(dir.resolve(t + ".csv"),
                            selection), Files.createTempDirectory("seqguard-odds"));
                    ours += r.selectedTestMetrics()[0] / n;
                    selected = r.selection().selected().detector();
                } catch (IllegalArgumentException | IllegalStateException | IOException e) {
                    System.err.println("seqguard select: " + e.getMessage());
                    selected = null;
                    break;
                }
            }
            if (selected == null) {
                System.out.printf("%-12s select --table failed (see the message above); left out of the mean%n", t);
                continue;
            }
            counted++;
            Map.Entry<String, Double> best = pyod.get(t).entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
            sumOurs += ours;
            sumPyod += best.getValue();
            System.out.printf(Locale.ROOT, "%-12s %-34s %9.3f %9.3f %-9s %+7.3f%n", t, abbreviate(selected), ours,
                    best.getValue(), best.getKey(), ours - best.getValue());
        }
        System.out.printf(Locale.ROOT, "%-12s %-34s %9.3f %9.3f %-9s %+7.3f%n", "MEAN", counted + " tables",
                sumOurs / counted, sumPyod / counted, "", (sumOurs - sumPyod) / counted);
        return SeqGuard.EXIT_OK;
    }

    private static String abbreviate(String s) {
        return s.length() <= 34 ? s : s.substring(0, 31) + "...";
    }

    static Map<String, Map<String, Double>> pyod() throws IOException {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                OddsBenchmark.class.getResourceAsStream("pyod-roc.csv"), StandardCharsets.UTF_8))) {
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
