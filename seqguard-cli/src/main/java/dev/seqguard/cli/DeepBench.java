package dev.seqguard.cli;

import dev.seqguard.deep.transformer.TransformerBenchmark;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "deep", mixinStandardHelpOptions = true,
        description = {"Measures the transformer-mlm detector: training, speed, accuracy.",
                "On the events with the project's injection: training time, scoring events/s at batch 1 and 64 on one"
                        + " thread, model size, event ROC-AUC for injected takeover and misclick events, and user-level"
                        + " ROC-AUC and recall per type beside iforest and knn, for the default and the width-32 model"
                        + " (or the --deep-variant models). Alias: `seqguard bench --deep`."})
final class DeepBench implements Callable<Integer> {
    @Mixin
    BenchInput input;

    @Option(names = {"--deep-variant", "--variant"}, paramLabel = "NAME:P=V,...",
            description = "A model variant instead of default and width32 (repeatable), e.g. small:width=32,layers=1.")
    List<String> variants = new ArrayList<>();

    @Option(names = "--inject", paramLabel = "K=V;K=V",
            description = "An injection setting (repeatable), e.g. 'seed=11;takeover.views=2..6'.")
    List<String> injections = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        return run(input.events(), variants, injections);
    }

    static int run(Path events, List<String> variants, List<String> injections) throws IOException {
        List<String> args = new ArrayList<>();
        args.add(events.toString());
        for (String v : variants) {
            if (!v.matches("[^:]+:([^=,]+=[^=,]+)(,[^=,]+=[^=,]+)*")) {
                throw new UserInputException("--deep-variant '" + v + "': expected NAME:PARAM=VALUE[,PARAM=VALUE...]");
            }
        }
        args.addAll(variants);
        injections.forEach(i -> args.add("inject=" + i));
        TransformerBenchmark.main(args.toArray(String[]::new));
        return SeqGuard.EXIT_OK;
    }
}
