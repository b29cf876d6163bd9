package dev.seqguard.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bench}: one subcommand per measurement. The flag forms of earlier releases ({@code bench --serve DIR},
 * {@code --stream DIR}, {@code --odds DIR}, {@code --deep}, {@code --select}, plain {@code bench}) are hidden
 * options here that run the same subcommand with the same output.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measures SeqGuard on real data, one subcommand per measurement.",
                "Each subcommand has its own --help. Without one, `bench` runs `bench ingest`; the flag forms of"
                        + " earlier releases (--serve DIR, --stream DIR, --odds DIR, --deep, --select) still work as"
                        + " aliases of the subcommands. Peer comparisons (Smile, ELKI) live in seqguard-bench (JMH)."},
        subcommands = {IngestBench.class, SelectBench.class, SelectionBench.class, OddsBenchmark.class, DeepBench.class, ServeBenchmark.class,
                StreamBench.class, RealtimeBench.class})
final class BenchCommand implements Callable<Integer> {
    @Mixin
    BenchInput input;

    // the flag forms: hidden, each the alias of a subcommand

    @Option(names = "--copies", hidden = true, paramLabel = "N")
    Integer copies;

    @Option(names = "--runs", hidden = true, paramLabel = "N")
    Integer runs;

    @Option(names = "--select", hidden = true, description = "Alias: `bench ingest` followed by `bench select`'s row.")
    boolean select;

    @Option(names = "--odds", hidden = true, paramLabel = "DIR", description = "Alias of `bench odds DIR`.")
    Path odds;

    @Option(names = "--label-free", hidden = true, description = "With --odds: alias of `bench odds DIR --label-free`.")
    boolean labelFree;

    @Option(names = "--detectors", hidden = true, split = ",", paramLabel = "NAME")
    List<String> detectors = new ArrayList<>();

    @Option(names = "--serve", hidden = true, paramLabel = "MODEL_DIR", description = "Alias of `bench serve MODEL_DIR`.")
    Path serve;

    @Option(names = "--seconds", hidden = true, defaultValue = "5")
    double seconds;

    @Option(names = "--stream", hidden = true, paramLabel = "MODEL_DIR", description = "Alias of `bench stream MODEL_DIR`.")
    Path stream;

    @Option(names = "--parallelism", hidden = true, defaultValue = "2", paramLabel = "N")
    int parallelism;

    @Option(names = "--deep", hidden = true, description = "Alias of `bench deep`.")
    boolean deep;

    @Option(names = "--deep-variant", hidden = true, paramLabel = "NAME:P=V,...")
    List<String> deepVariants = new ArrayList<>();

    @Option(names = "--inject", hidden = true, paramLabel = "K=V;K=V")
    List<String> injections = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        if (deep) {
            return DeepBench.run(input.events(), deepVariants, injections);
        }
        if (stream != null) {
            return StreamBench.run(stream, input.events(), copies == null ? StreamBench.DEFAULT_COPIES : copies,
                    parallelism, 1, runs == null ? StreamBench.DEFAULT_RUNS : runs);
        }
        if (serve != null) {
            return ServeBenchmark.run(serve, input.events(), seconds);
        }
        int runs = this.runs == null ? IngestBench.DEFAULT_RUNS : this.runs;
        if (odds != null) {
            return OddsBenchmark.run(odds, detectors, runs, labelFree);
        }
        Path file = input.events();
        int events = IngestBench.run(file, copies == null ? IngestBench.DEFAULT_COPIES : copies, runs);
        return select ? SelectBench.row(file, events) : SeqGuard.EXIT_OK;
    }
}
