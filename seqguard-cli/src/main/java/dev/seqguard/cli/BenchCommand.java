package dev.seqguard.cli;

import dev.seqguard.core.io.EventReader;
import dev.seqguard.core.io.IngestBenchmark;
import dev.seqguard.core.io.IngestOptions;
import dev.seqguard.core.io.IngestResult;
import dev.seqguard.core.io.QuarantineCounter;
import dev.seqguard.core.model.BehaviorEvent;
import dev.seqguard.detect.pipeline.PipelineOptions;
import dev.seqguard.detect.pipeline.Preparation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measures throughput on real data and prints a table of medians: parse+validate events/s and",
                "sequencing+features events/s (single thread), and with --select the wall time of a full label-free",
                "`select` with every classic detector. Peer comparisons (Smile, ELKI) live in seqguard-bench (JMH)."})
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--events", paramLabel = "FILE", description = "Taobao-layout events (default: the bundled sample).")
    Path events;

    @Option(names = "--copies", paramLabel = "N",
            description = "Ingest: the file is repeated this many times in memory (default 15). With --stream: copies with"
                    + " renamed users written to a temporary directory (default 30).")
    Integer copies;

    @Option(names = "--runs", paramLabel = "N",
            description = "Measured runs per stage, after as many warm-ups (default 9). With --stream: after one warm-up (default 3).")
    Integer runs;

    @Option(names = "--select", description = "Also time `select` (label-free, all classic detectors) end to end.")
    boolean select;

    @Option(names = "--odds", paramLabel = "DIR",
            description = "Instead: `select --table` (60/40 split) on every ODDS table in DIR that PyOD's published benchmark"
                    + " also covers, and the selected detector's test ROC-AUC against the best of PyOD's ten detectors.")
    Path odds;

    @Option(names = "--label-free", description = "With --odds: `select --table --label-free` (no labels to choose),"
            + " the median test ROC-AUC over the seeds beside PyOD's published IForest and best of ten.")
    boolean labelFree;

    @Option(names = "--detectors", split = ",", paramLabel = "NAME", description = "With --odds: the detectors select may use (default: all).")
    List<String> detectors = new java.util.ArrayList<>();

    @Option(names = "--serve", paramLabel = "MODEL_DIR",
            description = "Instead: load-test `serve` on loopback with this model (1, 8, 64 clients; batches of 1 and 100).")
    Path serve;

    @Option(names = "--seconds", defaultValue = "5", description = "With --serve: seconds per measured cell. Default: ${DEFAULT-VALUE}.")
    double seconds;

    @Option(names = "--stream", paramLabel = "MODEL_DIR",
            description = "Instead: events/s of `stream` (the Flink job, files to files) on the sample replicated --copies"
                    + " times with renamed users, and of its peer (the same lines through the same engine in one thread).")
    Path stream;

    @Option(names = "--parallelism", defaultValue = "2", paramLabel = "N", description = "With --stream: the job's parallelism. Default: ${DEFAULT-VALUE}.")
    int parallelism;

    @Option(names = "--deep", description = "Instead: transformer-mlm on the events with the project's injection: training"
            + " time, scoring events/s at batch 1 and 64 on one thread, model size, event ROC-AUC for injected takeover"
            + " and misclick events, user-level ROC-AUC/recall per type beside iforest and knn; default and width-32 models.")
    boolean deep;

    @Option(names = "--deep-variant", paramLabel = "NAME:P=V,...",
            description = "With --deep: model variants instead of default and width32, e.g. small:width=32,layers=1.")
    List<String> deepVariants = new java.util.ArrayList<>();

    @Option(names = "--inject", paramLabel = "K=V;K=V",
            description = "With --deep: an injection setting (repeatable), e.g. 'seed=11;takeover.views=2..6'.")
    List<String> injections = new java.util.ArrayList<>();

    @Override
    public Integer call() throws Exception {
        if (deep) {
            List<String> args = new java.util.ArrayList<>();
            args.add((events != null ? events : BundledData.sample()).toString());
            for (String v : deepVariants) {
                if (!v.matches("[^:]+:([^=,]+=[^=,]+)(,[^=,]+=[^=,]+)*")) {
                    throw new UserInputException("--deep-variant '" + v + "': expected NAME:PARAM=VALUE[,PARAM=VALUE...]");
                }
            }
            args.addAll(deepVariants);
            injections.forEach(i -> args.add("inject=" + i));
            dev.seqguard.deep.transformer.TransformerBenchmark.main(args.toArray(String[]::new));
            return 0;
        }
        if (stream != null) {
            return StreamBench.run(stream, events != null ? events : BundledData.sample(), copies == null ? 30 : copies,
                    parallelism, 1, runs == null ? 3 : runs);
        }
        int copies = this.copies == null ? 15 : this.copies;
        int runs = this.runs == null ? 9 : this.runs;
        if (serve != null) {
            return ServeBenchmark.run(serve, events != null ? events : BundledData.sample(), seconds);
        }
        if (odds != null) {
            return new OddsBenchmark(odds, detectors, runs, labelFree).run();
        }
        Path file = events != null ? events : BundledData.sample();
        IngestOptions options = IngestOptions.defaults("taobao", null);
        System.out.printf("bench on %s (%d measured runs after %d warm-ups, medians; %d cores, Java %s)%n", file, runs,
                runs, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        System.out.printf("%-36s %12s %16s %10s%n", "stage", "events", "events/s", "floor");

        IngestBenchmark.Result ingest = IngestBenchmark.measure(file, options, copies, runs, runs);
        System.out.printf(Locale.ROOT, "%-36s %,12d %,16.0f %10s%n", "parse+validate (2 passes, auto rule)",
                ingest.linesPerRun(), ingest.medianEventsPerSecond(), "1,000,000");

        IngestResult in = EventReader.readAll(file, options, new QuarantineCounter());
        List<BehaviorEvent> ev = in.events();
        Preparation prep = new Preparation(PipelineOptions.defaults());
        double[] rates = new double[runs];
        for (int r = -runs; r < runs; r++) {
            long t0 = System.nanoTime();
            prep.prepare(ev);
            long t = System.nanoTime() - t0;
            if (r >= 0) {
                rates[r] = ev.size() / (t / 1e9);
            }
        }
        System.out.printf(Locale.ROOT, "%-36s %,12d %,16.0f %10s%n", "sequencing+features (user unit)", ev.size(),
                median(rates), "500,000");

        if (select) {
            Path tmp = Files.createTempDirectory("seqguard-bench");
            long t0 = System.nanoTime();
            int code = SeqGuard.run("select", "--events", file.toString(), "--format", "taobao", "--seed", "1",
                    "--out", tmp.toString());
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "%-36s %,12d %15.1fs %10s%n", "select, label-free, all classic (1 run)",
                    ev.size(), seconds, "60 s");
            if (code != 0) {
                return code;
            }
        }
        return SeqGuard.EXIT_OK;
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
