package dev.seqguard.cli;

import dev.seqguard.core.inject.AnomalyInjector;
import dev.seqguard.core.inject.InjectionConfig;
import dev.seqguard.core.inject.InjectionResult;
import dev.seqguard.core.inject.LabelFiles;
import dev.seqguard.core.io.EventFormat;
import dev.seqguard.core.io.IngestResult;
import dev.seqguard.core.model.BehaviorEvent;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "inject", mixinStandardHelpOptions = true,
        description = {"Injects labelled anomalies into real traffic, reproducibly.",
                "Click farming, crawlers, ad-click fraud, account takeover, promotion abuse and misclicks (--types),"
                        + " each realistic for its kind (--param), added at --rate from --seed. Writes DIR/events.csv (the input layout), DIR/labels.csv (user_id,label,anomaly_type; every user),"
                        + " DIR/event_labels.csv (user_id,item_id,timestamp,behavior,anomaly_type), DIR/targets.csv"
                        + " (item_id,anomaly_type) and DIR/quarantine.csv. The same seed gives the same files."})
final class InjectCommand implements Callable<Integer> {
    @Mixin
    InputOptions input;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Option(names = "--seed", defaultValue = "42", description = "Seed; the same seed gives the same files. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--rate", defaultValue = "0.05",
            description = "Anomalous users as a share of real users, split across the types. Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(names = "--types", defaultValue = "all",
            description = "Comma-separated: farming, crawler, adfraud, takeover, promo, misclick, or all. Default: ${DEFAULT-VALUE}.")
    String types;

    @Option(names = "--param", paramLabel = "TYPE.NAME=VALUE",
            description = "Per-type parameter, repeatable, e.g. --param farming.accounts=4..8 --param crawler.gapSeconds=3..6")
    Map<String, String> params = new LinkedHashMap<>();

    @Override
    public Integer call() throws IOException {
        IngestResult in = input.readAll(out.resolve("quarantine.csv"));
        InputOptions.printSummary(in.summary(), System.err);
        InjectionConfig config;
        try {
            Map<String, String> settings = new LinkedHashMap<>(params);
            settings.put("seed", Long.toString(seed));
            settings.put("rate", Double.toString(rate));
            settings.put("types", types);
            config = InjectionConfig.fromMap(settings);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
        InjectionResult result = new AnomalyInjector(config).inject(in.events());
        writeEvents(input.ingestOptions().format(), result, out.resolve("events.csv"));
        LabelFiles.write(result, out);
        System.out.printf("injected %d anomalous users (%s) into %,d real events; %,d events written to %s%n",
                result.anomalousUserCount(), result.anomalousUsersByType(), in.events().size(),
                result.events().size(), out.resolve("events.csv"));
        return SeqGuard.EXIT_OK;
    }

    static void writeEvents(EventFormat format, InjectionResult result, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            if (format.header().isPresent()) {
                w.write(format.header().get());
                w.write('\n');
            }
            for (BehaviorEvent e : result.events()) {
                w.write(format.format(e));
                w.write('\n');
            }
        }
    }
}
