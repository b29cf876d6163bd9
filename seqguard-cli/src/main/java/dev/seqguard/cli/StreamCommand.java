package dev.seqguard.cli;

import dev.seqguard.core.io.EventFormat;
import dev.seqguard.core.io.EventReader;
import dev.seqguard.core.io.IngestInput;
import dev.seqguard.core.io.IngestOptions;
import dev.seqguard.core.io.TimeRange;
import dev.seqguard.core.io.TimeRule;
import dev.seqguard.flink.SeqGuardStreamJob;
import dev.seqguard.flink.StreamJobConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "stream", mixinStandardHelpOptions = true,
        description = {"Runs the streaming scoring path as an Apache Flink job in an embedded local mini-cluster: events",
                "keyed by user, scored in event-time order (bounded out-of-orderness watermarks) by the same engine as",
                "replay and serve, checkpointed (exactly-once file sinks). Writes part files to OUT/flags/ (one JSON",
                "line per flag, as replay's flags.jsonl), OUT/clean/ (accepted unflagged events, input layout) and",
                "OUT/quarantine/ (reason<TAB>line)."})
final class StreamCommand implements Callable<Integer> {
    @Option(names = "--events", required = true, paramLabel = "FILE", description = "Event log (a file or a directory; .gz is read transparently).")
    Path events;

    @Option(names = "--format", defaultValue = "taobao", paramLabel = "NAME",
            description = "Layout of the events and of OUT/clean: taobao, retailrocket, diginetica, yoochoose. Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "A model directory written by select.")
    Path model;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Option(names = "--context-events", paramLabel = "FILE",
            description = "Events that group features are computed against, as for replay. Default: none (those features read 0).")
    Path contextEvents;

    @Option(names = "--context-format", defaultValue = "taobao", paramLabel = "NAME", description = "Layout of --context-events. Default: ${DEFAULT-VALUE}.")
    String contextFormat;

    @Option(names = "--time-rule", defaultValue = "auto", paramLabel = "RULE",
            description = "Which times are quarantined as time_out_of_range, as for replay: auto (estimated in a first pass"
                    + " over the file, before the job starts), none, or a range like 2017-11-25..2017-12-03@+08:00. Default: ${DEFAULT-VALUE}.")
    String timeRule;

    @Option(names = "--parallelism", defaultValue = "2", paramLabel = "N", description = "Tasks per operator. Default: ${DEFAULT-VALUE}.")
    int parallelism;

    @Option(names = "--out-of-orderness", defaultValue = "300", paramLabel = "SECONDS",
            description = "How late (event time) an event may arrive and still be scored in order; older ones are quarantined as late_event. Default: ${DEFAULT-VALUE}.")
    long outOfOrdernessSeconds;

    @Option(names = "--checkpoint-interval", defaultValue = "10", paramLabel = "SECONDS", description = "Default: ${DEFAULT-VALUE}.")
    double checkpointSeconds;

    @Option(names = "--idle-state-timeout", defaultValue = "0", paramLabel = "SECONDS",
            description = "Drop a user's state after this much event time without events (0: keep, as replay does). Default: ${DEFAULT-VALUE}.")
    long idleSeconds;

    @Option(names = "--state-backend", defaultValue = "hashmap", paramLabel = "NAME",
            description = "Where keyed state lives: hashmap (JVM heap, fastest) or rocksdb (local disk, incremental"
                    + " checkpoints; for state larger than memory). Default: ${DEFAULT-VALUE}.")
    String stateBackend;

    @Option(names = "--checkpoint-dir", paramLabel = "DIR",
            description = "Where checkpoints are written (default: a temporary directory, deleted when the job ends).")
    String checkpointDir;

    @Option(names = "--cached-users", defaultValue = "" + StreamJobConfig.DEFAULT_CACHED_USERS, paramLabel = "N",
            description = "Users whose built feature state each task keeps in memory (the rest are rebuilt from keyed state"
                    + " when their next event comes). Default: ${DEFAULT-VALUE}.")
    int cachedUsers;

    @Override
    public Integer call() throws Exception {
        if (!Files.exists(events)) {
            throw new NoSuchFileException(events.toString());
        }
        if (parallelism < 1) {
            throw new UserInputException("--parallelism must be at least 1, got " + parallelism);
        }
        SeqGuardStreamJob.Counts c;
        try {
            StreamJobConfig config = StreamJobConfig.defaults(format, model, contextEvents)
                    .withContextFormat(contextFormat)
                    .withOutOfOrderness(Duration.ofSeconds(outOfOrdernessSeconds))
                    .withCheckpointInterval(Duration.ofMillis(Math.round(checkpointSeconds * 1000)))
                    .withIdleStateTimeout(Duration.ofSeconds(idleSeconds))
                    .withCachedUsers(cachedUsers)
                    .withStateBackend(stateBackend)
                    .withCheckpointDir(checkpointDir);
            config = config.withAcceptedTimes(acceptedTimes(config.eventFormat(), TimeRule.parse(timeRule)));
            config.loadModel();
            c = SeqGuardStreamJob.runOnFiles(events, out, config, parallelism);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
        System.out.printf(Locale.ROOT, "streamed %s through Flink (parallelism %d) in %.1f s: %,d flags, %,d quarantined"
                        + " (%,d late); wrote %s/{flags,clean,quarantine}/%n", events.getFileName(), parallelism,
                c.runtime().toMillis() / 1000.0, c.flags(), c.quarantined() + c.late(), c.late(), out.toAbsolutePath());
        return SeqGuard.EXIT_OK;
    }

    /** The window {@code replay}'s reader would accept under {@code rule}: the rule's range within the sanity window. */
    private TimeRange acceptedTimes(EventFormat f, TimeRule rule) throws IOException {
        IngestOptions options = IngestOptions.defaults(f).withTimeRule(rule);
        TimeRange sanity = options.sanityWindow();
        if (rule instanceof TimeRule.Fixed fixed) {
            return fixed.range().intersect(sanity);
        }
        if (rule instanceof TimeRule.Auto auto) {
            return new EventReader(options).estimateBulkWindow(IngestInput.of(events), auto)
                    .map(w -> w.intersect(sanity)).orElse(sanity);
        }
        return sanity;
    }
}
