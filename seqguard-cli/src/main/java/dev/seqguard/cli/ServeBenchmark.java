package dev.seqguard.cli;

import dev.seqguard.core.features.FeatureContext;
import dev.seqguard.core.io.EventReader;
import dev.seqguard.core.io.IngestOptions;
import dev.seqguard.core.io.QuarantineCounter;
import dev.seqguard.core.model.BehaviorEvent;
import dev.seqguard.server.LoadBenchmark;
import dev.seqguard.serving.ServingModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Load-tests `serve` on loopback with a saved model.",
                "1, 8 and 64 clients send batches of 1 and 100 events; the events are both the load and the"
                        + " group-feature context. Alias: `seqguard bench --serve MODEL_DIR`."})
final class ServeBenchmark implements Callable<Integer> {
    @Mixin
    BenchInput input;

    @Parameters(paramLabel = "MODEL_DIR", description = "A model directory written by select (DIR/model).")
    Path model;

    @Option(names = "--seconds", defaultValue = "5", description = "Seconds per measured cell. Default: ${DEFAULT-VALUE}.")
    double seconds;

    @Override
    public Integer call() throws IOException {
        return run(model, input.events(), seconds);
    }

    static int run(Path model, Path eventsFile, double seconds) throws IOException {
        List<BehaviorEvent> events = new ArrayList<>(EventReader.readAll(eventsFile, IngestOptions.defaults("taobao", null),
                new QuarantineCounter()).events());
        events.sort(Comparator.comparingLong(BehaviorEvent::timeMillis));
        ServingModel m;
        try {
            m = ServingModel.load(model, FeatureContext.build(events));
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
        try {
            LoadBenchmark.run(m, events, seconds, 2_000_000, System.out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return SeqGuard.EXIT_OK;
    }
}
