package dev.seqguard.cli;

import dev.seqguard.core.io.EventReader;
import dev.seqguard.core.io.IngestBenchmark;
import dev.seqguard.core.io.IngestOptions;
import dev.seqguard.core.io.QuarantineCounter;
import dev.seqguard.core.model.BehaviorEvent;
import dev.seqguard.detect.pipeline.PipelineOptions;
import dev.seqguard.detect.pipeline.Preparation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Measures single-thread ingest: parse+validate, sequencing+features.",
                "Prints the median events/s over the measured runs beside the floor each stage must reach. Plain"
                        + " `seqguard bench` runs this; `seqguard bench --select` adds `bench select`'s row."})
final class IngestBench implements Callable<Integer> {
    static final int DEFAULT_COPIES = 15;
    static final int DEFAULT_RUNS = 9;

    @Mixin
    BenchInput input;

    @Option(names = "--copies", paramLabel = "N", defaultValue = "" + DEFAULT_COPIES,
            description = "The file is repeated this many times in memory for parse+validate. Default: ${DEFAULT-VALUE}.")
    int copies;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "" + DEFAULT_RUNS,
            description = "Measured runs per stage, after as many warm-ups. Default: ${DEFAULT-VALUE}.")
    int runs;

    @Override
    public Integer call() throws IOException {
        run(input.events(), copies, runs);
        return SeqGuard.EXIT_OK;
    }

    /** Prints the table's header and the two ingest rows; returns how many events the file holds. */
    static int run(Path file, int copies, int runs) throws IOException {
        IngestOptions options = IngestOptions.defaults("taobao", null);
        System.out.printf("bench on %s (%d measured runs after %d warm-ups, medians; %d cores, Java %s)%n", file, runs,
                runs, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        header();

        IngestBenchmark.Result ingest = IngestBenchmark.measure(file, options, copies, runs, runs);
        System.out.printf(Locale.ROOT, "%-36s %,12d %,16.0f %10s%n", "parse+validate (2 passes, auto rule)",
                ingest.linesPerRun(), ingest.medianEventsPerSecond(), "1,000,000");

        List<BehaviorEvent> ev = EventReader.readAll(file, options, new QuarantineCounter()).events();
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
        return ev.size();
    }

    static void header() {
        System.out.printf("%-36s %12s %16s %10s%n", "stage", "events", "events/s", "floor");
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
