package dev.seqguard.cli;

import dev.seqguard.eval.metrics.AveragePrecision;
import dev.seqguard.eval.metrics.Confusion;
import dev.seqguard.eval.metrics.RocAuc;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs the whole pipeline on the bundled real Taobao sample.",
                "inspect -> inject labelled anomalies -> select without labels -> select with labels for 30%% of users"
                        + " -> report -> recommender lift (three recommenders trained before and after cleaning with"
                        + " the selected model). Scores of the other 70%% of users are checked against the injected"
                        + " truth."})
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--out", defaultValue = "demo-out", paramLabel = "DIR", description = "Output directory. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--seed", defaultValue = "7", description = "Seed for injection and selection. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Override
    public Integer call() throws IOException {
        Path sample = BundledData.sample();
        step("1/5 inspect the bundled real data: " + sample);
        check(SeqGuard.run("inspect", "--events", sample.toString(), "--format", "taobao", "--out", out.resolve("inspect").toString()));

        step("2/5 inject labelled anomalies (seed " + seed + ")");
        Path inj = out.resolve("inject");
        check(SeqGuard.run("inject", "--events", sample.toString(), "--format", "taobao", "--seed", Long.toString(seed),
                "--out", inj.toString()));
        Path labels = inj.resolve("labels.csv");
        Path train = out.resolve("labels-30pct.csv");
        writeLabelSubset(labels, train, 0.3, seed);

        step("3/5 select without labels (validated on anomalies SeqGuard injects into the data itself)");
        Path noLabels = out.resolve("select-no-labels");
        check(SeqGuard.run("select", "--events", inj.resolve("events.csv").toString(), "--format", "taobao",
                "--seed", Long.toString(seed), "--out", noLabels.toString()));

        step("4/5 select with labels for 30% of users (scores of labelled users are out-of-fold)");
        Path withLabels = out.resolve("select-30pct-labels");
        check(SeqGuard.run("select", "--events", inj.resolve("events.csv").toString(), "--format", "taobao",
                "--labels", train.toString(), "--seed", Long.toString(seed), "--out", withLabels.toString()));

        step("result on the 70% of users whose labels were never shown to SeqGuard");
        System.out.println(heldOut("no labels      ", noLabels.resolve("scores.csv"), labels, train));
        System.out.println(heldOut("30% labels     ", withLabels.resolve("scores.csv"), labels, train));

        step("5/5 recommender lift: recommenders trained on raw events, on events cleaned with the 30%-labels model,"
                + " and without the injected users (oracle)");
        Path rec = out.resolve("recommend");
        check(SeqGuard.run("recommend", "--events", inj.resolve("events.csv").toString(), "--format", "taobao",
                "--labels", labels.toString(), "--targets", inj.resolve("targets.csv").toString(),
                "--model", withLabels.resolve("model").toString(), "--out", rec.toString()));
        System.out.println("\nreports: " + noLabels.resolve("report.html").toAbsolutePath());
        System.out.println("         " + withLabels.resolve("report.html").toAbsolutePath());
        System.out.println("         " + rec.resolve("recommend.html").toAbsolutePath());
        System.out.println("anomaly log: seqguard flags --db " + rec.resolve("flags.db"));
        Path service = out.resolve("service");
        System.out.println("\nserve the selected model in real time:");
        System.out.println("  ./seqguard keys create demo --data-dir " + service);
        System.out.println("  ./seqguard serve --model " + withLabels.resolve("model") + " --data-dir " + service
                + " --context-events " + inj.resolve("events.csv") + " --port 8080");
        System.out.println("  curl -s -H \"Authorization: Bearer <key>\" -d '[{\"user_id\":\"1\",\"item_id\":\"2268318\","
                + "\"category_id\":\"2520377\",\"behavior\":\"pv\",\"timestamp\":1511544070}]' http://127.0.0.1:8080/v1/events");
        return SeqGuard.EXIT_OK;
    }

    private static void step(String text) {
        System.out.println("\n== " + text);
    }

    private static void check(int code) {
        if (code != 0) {
            throw new IllegalStateException("a demo step failed with exit code " + code);
        }
    }

    /** A stratified share of the label file: what a user who labelled some accounts would have. */
    static void writeLabelSubset(Path labels, Path target, double share, long seed) throws IOException {
        List<String> lines = Files.readAllLines(labels);
        List<String> pos = new ArrayList<>();
        List<String> neg = new ArrayList<>();
        for (String l : lines.subList(1, lines.size())) {
            (l.split(",", -1)[1].equals("1") ? pos : neg).add(l);
        }
        Random rnd = new Random(seed);
        java.util.Collections.shuffle(pos, rnd);
        java.util.Collections.shuffle(neg, rnd);
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(target))) {
            w.println(lines.get(0));
            pos.subList(0, (int) Math.round(pos.size() * share)).forEach(w::println);
            neg.subList(0, (int) Math.round(neg.size() * share)).forEach(w::println);
        }
    }

    /** The flag column's value for a flagged user. */
    private static final double FLAGGED = 1.0;

    private static String heldOut(String name, Path scores, Path labels, Path exclude) throws IOException {
        Map<String, Double> s = column(scores, "score");
        Map<String, Double> flag = column(scores, "flag");
        Map<String, Double> y = column(labels, "label");
        Map<String, Double> ex = column(exclude, "label");
        List<String> users = y.keySet().stream().filter(u -> !ex.containsKey(u) && s.containsKey(u)).toList();
        int[] ya = users.stream().mapToInt(u -> y.get(u) == 1 ? 1 : 0).toArray();
        double[] sa = users.stream().mapToDouble(s::get).toArray();
        double[] flags = users.stream().mapToDouble(u -> flag.getOrDefault(u, 0.0)).toArray();
        // the operating point a user acts on: the flag column (0 or 1), so a flag of 1 is "at the threshold"
        Confusion c = Confusion.at(ya, flags, FLAGGED);
        return String.format(Locale.ROOT, "%s held-out users %d (%d anomalous): ROC-AUC %.3f  PR-AUC %.3f | flagged %d:"
                        + " precision %.3f  recall %.3f  F1 %.3f", name, ya.length, java.util.Arrays.stream(ya).sum(),
                RocAuc.of(ya, sa), AveragePrecision.of(ya, sa), c.flagged(), c.precision(), c.recall(), c.f1());
    }

    private static Map<String, Double> column(Path csv, String name) throws IOException {
        Map<String, Double> out = new HashMap<>();
        try (BufferedReader r = Files.newBufferedReader(csv)) {
            String[] head = r.readLine().split(",");
            int user = List.of(head).indexOf("user_id");
            int col = List.of(head).indexOf(name);
            String line;
            while ((line = r.readLine()) != null) {
                String[] f = line.split(",", -1);
                out.put(f[user], Double.parseDouble(f[col]));
            }
        }
        return out;
    }
}
