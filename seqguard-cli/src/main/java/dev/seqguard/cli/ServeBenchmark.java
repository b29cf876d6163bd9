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

/** {@code bench --serve MODEL}: the service's load benchmark on the given events (context = those events). */
final class ServeBenchmark {
    private ServeBenchmark() {
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
