package dev.seqguard.eval.bank;

import dev.seqguard.core.inject.AnomalyType;
import dev.seqguard.detect.DetectorRegistry;
import dev.seqguard.detect.api.Capability;
import dev.seqguard.detect.api.Detector;
import dev.seqguard.detect.api.Family;
import dev.seqguard.core.io.Csv;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs label-free selection on every scenario of the bank, exactly as {@code seqguard select --events F} does with
 * no labels ({@link LabelFreeRun#defaults()}), and default iForest alone ({@code --detectors iforest --ensemble 0}),
 * and scores both against the scenario's true user labels: PR-AUC, and precision/recall/F1 at the threshold each
 * ships; the best candidate of the leaderboard in hindsight and the regret; the reported confidence. Prints a table
 * per scenario and a {@link BenchmarkSummary}; with {@code out}, writes {@code selection-bank.csv} and
 * {@code selection-bank-summary.txt} there.
 *
 * <p>Runs with whatever detectors are on the class path: run it on the CLI's class path (which has the deep
 * module's autoencoder) to measure what {@code select} does.
 */
public final class SelectionBenchmark {
    public static final String CSV = "selection-bank.csv";
    public static final String SUMMARY = "selection-bank-summary.txt";

    /**
     * @param dataDir   the shared data directory holding the logs
     * @param seed      the bank's seed
     * @param scenarios how many scenarios
     * @param logs      logs to use, in turn
     * @param core      injector kinds allowed
     * @param bank      bank-only kinds allowed
     * @param maxUsers  real users per scenario (a seeded sample of larger logs)
     * @param selection how selection runs (default: as {@code select --events F})
     * @param out       directory for the CSV, or null
     * @param export    directory to write each scenario's events and labels into ({@link Scenario#write}), or null
     * @param from      the first scenario to run, 1-based (to run the bank in parts: scenario i is the same whatever
     *                  the count)
     */
    public record Options(Path dataDir, long seed, int scenarios, List<BankLog> logs, Set<AnomalyType> core,
                          Set<BankKind> bank, int maxUsers, LabelFreeRun selection, Path out, Path export, int from) {
        public static final int SCENARIOS = 30;
        public static final int QUICK_SCENARIOS = 6;
        public static final int USERS = 300;
        public static final int QUICK_USERS = 150;
        public static final long SEED = 17;

        public Options {
            logs = List.copyOf(logs);
            core = core.isEmpty() ? Set.of() : Set.copyOf(core);
            bank = bank.isEmpty() ? Set.of() : Set.copyOf(bank);
            if (scenarios < 1) {
                throw new IllegalArgumentException("scenarios must be at least 1, got " + scenarios);
            }
            if (logs.isEmpty()) {
                throw new IllegalArgumentException("at least one log");
            }
            if (from < 1) {
                throw new IllegalArgumentException("from must be at least 1, got " + from);
            }
        }

        public static Options defaults(Path dataDir, boolean quick) {
            return new Options(dataDir, SEED, quick ? QUICK_SCENARIOS : SCENARIOS, Arrays.asList(BankLog.values()),
                    ScenarioBank.DEFAULT_CORE, ScenarioBank.DEFAULT_BANK, quick ? QUICK_USERS : USERS,
                    LabelFreeRun.defaults(), null, null, 1);
        }
    }

    private final Options options;
    private final PrintStream console;

    public SelectionBenchmark(Options options, PrintStream console) {
        this.options = options;
        this.console = console;
    }

    public List<ScenarioSpec> specs() {
        return ScenarioBank.specs(options.seed(), options.scenarios(), options.logs(), options.core(), options.bank(),
                options.maxUsers());
    }

    /** Runs every scenario; a scenario that fails is reported and skipped. */
    public List<ScenarioOutcome> run() {
        ScenarioBank bank = new ScenarioBank(options.dataDir());
        List<ScenarioOutcome> rows = new ArrayList<>();
        console.printf("selection bank: %d scenarios, seed %d, up to %d real users each, logs %s; candidates: %s%n",
                options.scenarios(), options.seed(), options.maxUsers(),
                options.logs().stream().map(BankLog::code).collect(Collectors.joining(",")), candidates());
        console.println(String.format(Locale.ROOT, "%-16s %-30s %5s %4s %-28s %6s %5s %4s %5s %6s %5s %-22s %6s %6s",
                "scenario", "mix", "users", "anom", "pick", "PR-AUC", "F1", "flag", "conf", "iF-AUC", "iF-F1",
                "best in hindsight", "best", "regret"));
        List<ScenarioSpec> specs = specs();
        try (CsvOut csv = options.out() == null ? null : new CsvOut(options.out().resolve(CSV))) {
            for (ScenarioSpec spec : specs.subList(Math.min(options.from() - 1, specs.size()), specs.size())) {
                try {
                    Scenario scenario = bank.build(spec);
                    if (options.export() != null) {
                        scenario.write(options.export().resolve(spec.id()));
                    }
                    ScenarioOutcome row = run(scenario);
                    rows.add(row);
                    console.println(line(row));
                    if (csv != null) {
                        csv.row(row, spec);
                    }
                } catch (RuntimeException | IOException e) {
                    console.printf("%-16s %-30s failed: %s%n", spec.id(), spec.describe(), e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (options.out() != null) {
            console.println("wrote " + options.out().resolve(CSV));
        }
        summarise(rows);
        return rows;
    }

    /** Prints the summary of {@code rows} (and writes it beside the CSV when there is an output directory). */
    public void summarise(List<ScenarioOutcome> rows) {
        BenchmarkSummary summary = BenchmarkSummary.of(rows);
        summary.lines().forEach(console::println);
        if (options.out() != null) {
            try {
                Files.createDirectories(options.out());
                Files.write(options.out().resolve(SUMMARY), summary.lines());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            console.println("wrote " + options.out().resolve(SUMMARY));
        }
    }

    /** The benchmark's CSV, a row written (and flushed) as each scenario finishes. */
    private static final class CsvOut implements AutoCloseable {
        private final java.io.BufferedWriter writer;
        private final Csv csv;

        CsvOut(Path file) throws IOException {
            Files.createDirectories(file.toAbsolutePath().getParent());
            writer = Files.newBufferedWriter(file, java.nio.charset.StandardCharsets.UTF_8);
            csv = Csv.over(writer);
            List<String> header = new ArrayList<>(ScenarioOutcome.header());
            header.add("parameters");
            csv.row(header);
            writer.flush();
        }

        void row(ScenarioOutcome r, ScenarioSpec spec) throws IOException {
            List<Object> f = new ArrayList<>(r.fields());
            f.add(spec.parameters());
            csv.row(f);
            writer.flush();
        }

        @Override
        public void close() throws IOException {
            csv.close();
        }
    }

    /** Rows of benchmark CSVs written earlier (e.g. a bank run in parts with {@code --from}). */
    public static List<ScenarioOutcome> read(List<Path> csvs) throws IOException {
        List<ScenarioOutcome> rows = new ArrayList<>();
        for (Path p : csvs) {
            List<String> lines = Files.readAllLines(p);
            List<String> header = splitCsv(lines.get(0));
            for (String line : lines.subList(1, lines.size())) {
                List<String> v = splitCsv(line);
                Map<String, String> f = new java.util.HashMap<>();
                for (int i = 0; i < header.size() && i < v.size(); i++) {
                    f.put(header.get(i), v.get(i));
                }
                rows.add(ScenarioOutcome.fromCsv(f));
            }
        }
        return rows;
    }

    /** One RFC 4180 line (as {@link Csv} writes it: one line per record). */
    static List<String> splitCsv(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }

    /** One scenario: the selection, default iForest, and their scores against the truth. */
    public ScenarioOutcome run(Scenario scenario) {
        long t0 = System.nanoTime();
        LabelFreeRun.Outcome pick = options.selection().run(scenario.events());
        LabelFreeRun.Outcome iforest = LabelFreeRun.iforestOnly().run(scenario.events());
        double seconds = (System.nanoTime() - t0) / 1e9;
        List<String> users = pick.users();
        String[] kinds = users.stream().map(u -> scenario.kindOf().get(u)).toArray(String[]::new);
        return ScenarioOutcome.score(scenario.spec().id(), scenario.spec().log().code(), scenario.describe(),
                scenario.labels(users), kinds, pick.result(), scenario.labels(iforest.users()), iforest.result(),
                seconds);
    }

    private String candidates() {
        List<String> names = options.selection().detectors();
        List<Detector<?>> all = names.isEmpty() ? DetectorRegistry.all().stream()
                .filter(d -> d.info().family() != Family.ENSEMBLE && !d.info().has(Capability.OPT_IN)).toList()
                : names.stream().<Detector<?>>map(DetectorRegistry::get).toList();
        String unsupervised = all.stream().filter(d -> !d.info().has(Capability.NEEDS_LABELS)).map(Detector::name)
                .collect(Collectors.joining(","));
        String synthetic = all.stream().filter(d -> d.info().has(Capability.NEEDS_LABELS)
                && d.info().family() != Family.DEEP).map(d -> d.name() + "+synthetic").collect(Collectors.joining(","));
        return unsupervised + (synthetic.isEmpty() ? "" : "," + synthetic)
                + (options.selection().ensemble() >= 2 ? ",ensemble" : "");
    }

    private static String line(ScenarioOutcome r) {
        return String.format(Locale.ROOT, "%-16s %-30s %5d %4d %-28s %6.3f %5.2f %4d %5.2f %6.3f %5.2f %-22s %6.3f %6.3f",
                r.id(), cut(r.mix(), 30), r.users(), r.anomalous(), cut(r.pick(), 28), r.pickPrAuc(),
                nan0(r.pickFlags().f1()), r.pickFlags().flagged(), r.confidence(), r.iforestPrAuc(),
                nan0(r.iforestFlags().f1()), cut(r.best(), 22), r.bestPrAuc(), r.regret());
    }

    private static String cut(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "~";
    }

    private static double nan0(double v) {
        return Double.isNaN(v) ? 0 : v;
    }

    /**
     * {@code [--data DIR] [--seed N] [--scenarios N] [--logs a,b] [--kinds a,b] [--users N] [--quick] [--out DIR]
     * [--export DIR] [--from K] [--detectors a,b]}, or {@code --summarise A.csv,B.csv [--out DIR]} for the summary of
     * rows written earlier (a bank run in parts); the data directory defaults to the system property {@code seqguard.data},
     * else {@code ../shared/data}. Kinds are injector codes (crawler, farming, adfraud, takeover, promo, misclick) and bank
     * codes (slowdrip, ring, scraper, and the opt-in mimic).
     */
    public static void main(String[] args) {
        Path data = Path.of(System.getProperty("seqguard.data", "../shared/data"));
        boolean quick = Arrays.asList(args).contains("--quick");
        Options d = Options.defaults(data, quick);
        long seed = d.seed();
        int scenarios = d.scenarios();
        List<BankLog> logs = d.logs();
        Set<AnomalyType> core = d.core();
        Set<BankKind> bankKinds = d.bank();
        int users = d.maxUsers();
        Path out = null;
        Path export = null;
        int from = 1;
        List<Path> summarise = null;
        LabelFreeRun selection = d.selection();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--quick")) {
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + a + " needs a value");
            }
            String v = args[++i];
            switch (a) {
                case "--data" -> data = Path.of(v);
                case "--seed" -> seed = Long.parseLong(v);
                case "--scenarios" -> scenarios = Integer.parseInt(v);
                case "--users" -> users = Integer.parseInt(v);
                case "--out" -> out = Path.of(v);
                case "--export" -> export = Path.of(v);
                case "--from" -> from = Integer.parseInt(v);
                case "--summarise" -> summarise = Arrays.stream(v.split(",")).map(Path::of).toList();
                case "--logs" -> logs = Arrays.stream(v.split(",")).map(BankLog::fromCode).toList();
                case "--detectors" -> selection = new LabelFreeRun(List.of(v.split(",")), selection.ensemble(),
                        selection.seed());
                case "--kinds" -> {
                    core = EnumSet.noneOf(AnomalyType.class);
                    bankKinds = EnumSet.noneOf(BankKind.class);
                    for (String k : v.split(",")) {
                        try {
                            bankKinds.add(BankKind.fromCode(k));
                        } catch (IllegalArgumentException notBank) {
                            core.add(AnomalyType.fromCode(k));
                        }
                    }
                }
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        SelectionBenchmark bench = new SelectionBenchmark(new Options(data, seed, scenarios, logs, core, bankKinds,
                users, selection, out, export, from), System.out);
        if (summarise != null) {
            try {
                bench.summarise(read(summarise));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            bench.run();
        }
    }
}
