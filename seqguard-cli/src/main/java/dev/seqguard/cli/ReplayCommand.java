package dev.seqguard.cli;

import dev.seqguard.core.io.IngestResult;
import dev.seqguard.serving.Replay;
import dev.seqguard.server.ServiceConfig;
import dev.seqguard.serving.ServingModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Runs an event log through the scoring service's streaming path, in one process.",
                "Events are scored in event-time order with the service's incremental features and the model's detector"
                        + " and threshold: the reference the service must match, and a back-test of a streaming model"
                        + " on history. Writes OUT/flags.jsonl and OUT/quarantine.csv."})
final class ReplayCommand implements Callable<Integer> {
    @Mixin
    InputOptions input;

    @Mixin
    ContextOptions context;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "A model directory written by select.")
    Path model;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Option(names = "--max-users", defaultValue = "" + ServiceConfig.DEFAULT_MAX_USERS, paramLabel = "N",
            description = "Users with state at most, as in serve. Default: ${DEFAULT-VALUE}.")
    int maxUsers;

    @Override
    public Integer call() throws IOException {
        ServingModel m = context.load(model, context.context());
        IngestResult in = input.readAll(out.resolve("quarantine.csv"));
        InputOptions.printSummary(in.summary(), System.err);
        Replay.Result r = Replay.run(m, in.events(), maxUsers, ServiceConfig.DEFAULT_SHARDS);
        Replay.write(r.flags(), out.resolve(Replay.FLAGS_FILE));
        long idle = r.flags().stream().filter(f -> Replay.WHEN_IDLE.equals(f.decision())).count();
        long flaggedUsers = r.flags().stream().map(Replay.ReplayFlag::userId).distinct().count();
        System.out.printf(Locale.ROOT, "replayed %,d events of %,d users with %s (threshold %.4g): %,d flags (%,d at events,"
                        + " %,d when users went idle) on %,d users; wrote %s%n",
                r.events(), r.users(), m.detectorName(), m.threshold(), r.flags().size(), r.flags().size() - idle, idle,
                flaggedUsers, out.resolve(Replay.FLAGS_FILE).toAbsolutePath());
        return SeqGuard.EXIT_OK;
    }
}
