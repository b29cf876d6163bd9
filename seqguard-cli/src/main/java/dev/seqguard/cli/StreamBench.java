package dev.seqguard.cli;

import dev.seqguard.core.io.EventFormat;
import dev.seqguard.core.io.EventReader;
import dev.seqguard.core.io.IngestOptions;
import dev.seqguard.core.io.QuarantineCounter;
import dev.seqguard.core.model.BehaviorEvent;
import dev.seqguard.flink.SeqGuardStreamJob;
import dev.seqguard.flink.StreamBenchmark;
import dev.seqguard.flink.StreamJobConfig;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bench stream MODEL}: the Flink job's throughput from files to files on a replicated sample, and in the same
 * run its peer, the same lines through the same engine in one thread without Flink ({@link StreamBenchmark}).
 */
@Command(name = "stream", mixinStandardHelpOptions = true,
        description = {"Measures events/s of `stream` (the Flink job) and of its peer.",
                "The events are replicated --copies times with renamed users into a temporary directory and run files"
                        + " to files through the job; the peer runs the same lines through the same engine in one"
                        + " thread without Flink, and both must flag alike. Alias: `seqguard bench --stream"
                        + " MODEL_DIR`."})
final class StreamBench implements Callable<Integer> {
    static final int DEFAULT_COPIES = 30;
    static final int DEFAULT_RUNS = 3;

    @Mixin
    BenchInput input;

    @Parameters(paramLabel = "MODEL_DIR", description = "A model directory written by select (DIR/model).")
    Path model;

    @Option(names = "--copies", paramLabel = "N", defaultValue = "" + DEFAULT_COPIES,
            description = "Copies of the events, each with renamed users. Default: ${DEFAULT-VALUE}.")
    int copies;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "" + DEFAULT_RUNS,
            description = "Measured runs, after one warm-up. Default: ${DEFAULT-VALUE}.")
    int runs;

    @Option(names = "--parallelism", defaultValue = "2", paramLabel = "N",
            description = "The job's parallelism. Default: ${DEFAULT-VALUE}.")
    int parallelism;

    @Override
    public Integer call() throws Exception {
        return run(model, input.events(), copies, parallelism, 1, runs);
    }

    static int run(Path model, Path eventsFile, int copies, int parallelism, int warmups, int runs) throws Exception {
        StreamJobConfig config;
        try {
            config = StreamJobConfig.defaults("taobao", model, eventsFile);
            SeqGuardStreamJob.requireKeyedModel(config.loadModel());
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
        List<BehaviorEvent> events = EventReader.readAll(eventsFile, IngestOptions.defaults("taobao", null),
                new QuarantineCounter()).events();
        try (StreamBenchmark.Input input = StreamBenchmark.replicate(events, EventFormat.TAOBAO, copies,
                Math.min(copies, parallelism))) {
            System.out.printf(Locale.ROOT, "stream bench: %s x %d = %,d events of %,d users in %d files in"
                            + " event-time order; model %s; %d measured runs after %d warm-up, medians; %d cores, Java %s%n",
                    eventsFile.getFileName(), copies, input.events(), input.users(), Math.min(copies, parallelism), model, runs, warmups,
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
            System.out.printf("%-48s %12s %14s %10s %10s%n", "stage", "events/s", "events/cpu-s", "flags", "floor");
            StreamBenchmark.Rates job = StreamBenchmark.measureJob(input, config, parallelism, warmups, runs);
            System.out.printf(Locale.ROOT, "%-48s %,12.0f %,14.0f %,10d %10s%n", "Flink job, files to files, parallelism "
                    + parallelism, job.median(), job.medianPerCpuSecond(), job.flags(), "200,000");
            StreamBenchmark.Rates peer = StreamBenchmark.measurePeer(input, config, warmups, runs);
            System.out.printf(Locale.ROOT, "%-48s %,12.0f %,14.0f %,10d %10s%n", "peer: same lines, ScoringEngine, 1 thread",
                    peer.median(), peer.medianPerCpuSecond(), peer.flags(), "");
            System.out.printf(Locale.ROOT, "ratio job / peer: %.2f (events/s), %.2f (events/cpu-s)%s%n",
                    job.median() / peer.median(), job.medianPerCpuSecond() / peer.medianPerCpuSecond(),
                    job.flags() == peer.flags() ? "" : "  (flag counts differ: the measurement is not comparable)");
            System.out.printf(Locale.ROOT, "events/s: over the job's net runtime (source to committed sinks, checkpoints"
                    + " included); events/cpu-s: over this process's CPU time; load average at the end %.1f%n",
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            return job.flags() == peer.flags() ? SeqGuard.EXIT_OK : SeqGuard.EXIT_INTERNAL;
        }
    }
}
