package dev.seqguard.cli;

import dev.seqguard.core.io.DatasetProfile;
import dev.seqguard.core.io.EventReader;
import dev.seqguard.core.io.IngestSummary;
import dev.seqguard.core.io.QuarantineCounter;
import dev.seqguard.core.io.QuarantineSink;
import dev.seqguard.core.io.QuarantineWriter;
import dev.seqguard.core.model.Action;
import dev.seqguard.detect.api.ModelIO;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Profiles an event log after ingest and validation.",
                "Streams the log through ingest and validation and reports rows, users, items, categories, time range,"
                        + " behaviour mix, events per user and quarantine counts by reason. Memory does not grow with"
                        + " the file."})
final class InspectCommand implements Callable<Integer> {
    @Mixin
    InputOptions input;

    @Option(names = "--json", description = "Print one JSON object (fields read, accepted, quarantined, quarantined_by_reason, profile).")
    boolean json;

    @Option(names = "--out", paramLabel = "DIR", description = "Write DIR/quarantine.csv (line,reason,raw) and DIR/inspect.json.")
    Path out;

    @Override
    public Integer call() throws IOException {
        DatasetProfile.Accumulator profile = new DatasetProfile.Accumulator();
        IngestSummary summary;
        EventReader reader = new EventReader(input.ingestOptions());
        long[] seen = {0};
        try (Progress progress = Progress.start("inspect (events)", -1)) {
            java.util.function.Consumer<dev.seqguard.core.model.BehaviorEvent> counted = e -> {
                profile.accept(e);
                if (++seen[0] % 65_536 == 0) {
                    progress.stepTo(seen[0]);
                }
            };
            if (out != null) {
                try (QuarantineWriter q = QuarantineWriter.open(out.resolve("quarantine.csv"))) {
                    summary = reader.read(input.events(), counted, q);
                }
            } else {
                QuarantineSink q = new QuarantineCounter();
                summary = reader.read(input.events(), counted, q);
            }
        }
        DatasetProfile p = profile.result();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("source", summary.source());
        doc.put("format", summary.format());
        doc.put("read", summary.read());
        doc.put("accepted", summary.accepted());
        doc.put("quarantined", summary.quarantined());
        Map<String, Long> reasons = new LinkedHashMap<>();
        summary.quarantinedByReason().forEach((r, n) -> reasons.put(r.code(), n));
        doc.put("quarantined_by_reason", reasons);
        doc.put("time_window", summary.bulkWindow().map(Object::toString).orElse("none"));
        doc.put("profile", p.toMap());
        if (out != null) {
            ModelIO.writeIndentedJson(doc, out.resolve("inspect.json"));
        }
        if (json) {
            System.out.println(ModelIO.toIndentedJson(doc));
            return SeqGuard.EXIT_OK;
        }
        InputOptions.printSummary(summary, System.out);
        System.out.printf("users %,d   items %,d%s   categories %,d%s%n", p.users(), p.items(), p.itemsExact() ? "" : " (approx.)",
                p.categories(), p.categoriesExact() ? "" : " (approx.)");
        if (p.firstMillis().isPresent()) {
            System.out.printf("time      %s .. %s (UTC)%n", Instant.ofEpochMilli(p.firstMillis().getAsLong()),
                    Instant.ofEpochMilli(p.lastMillis().getAsLong()));
        }
        StringBuilder mix = new StringBuilder("behaviour");
        for (Action a : Action.values()) {
            if (p.share(a) > 0) {
                mix.append(String.format("  %s %.1f%%", a.code(), 100 * p.share(a)));
            }
        }
        System.out.println(mix);
        DatasetProfile.EventsPerUser e = p.eventsPerUser();
        System.out.printf("events per user  p50 %d  p90 %d  p99 %d  max %d  mean %.1f%n", e.p50(), e.p90(), e.p99(), e.max(), e.mean());
        if (out != null) {
            System.out.println("quarantine: " + out.resolve("quarantine.csv"));
        }
        return SeqGuard.EXIT_OK;
    }
}
