package dev.seqguard.cli;

import dev.seqguard.core.io.EventFormat;
import dev.seqguard.core.io.EventReader;
import dev.seqguard.core.io.IngestInput;
import dev.seqguard.core.io.IngestOptions;
import dev.seqguard.core.io.TimeRange;
import dev.seqguard.core.io.TimeRule;
import dev.seqguard.flink.KafkaEndpoints;
import dev.seqguard.flink.KafkaStreamOptions;
import dev.seqguard.flink.SeqGuardStreamJob;
import dev.seqguard.flink.StreamJobConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "stream", mixinStandardHelpOptions = true,
        description = {"Runs the streaming scoring path as an Apache Flink job in an embedded local mini-cluster.",
                "Events are keyed by user and scored in event-time order (bounded out-of-orderness watermarks) by the"
                        + " same engine as replay and serve; state is checkpointed and the sinks are exactly-once.",
                "From files (--events): writes part files to OUT/flags/ (one JSON line per flag, as replay's"
                        + " flags.jsonl), OUT/clean/ (accepted unflagged events, input layout) and OUT/quarantine/"
                        + " (reason<TAB>line).",
                "From Kafka (--kafka): reads --in-topic (as jsonl unless --format says otherwise), writes flags and"
                        + " clean events to --flags-topic and --clean-topic through transactions (read them with"
                        + " isolation.level=read_committed), and quarantine to --quarantine-topic or OUT/quarantine/."})
final class StreamCommand implements Callable<Integer> {
    @Mixin
    LayoutOptions layout;

    @Mixin
    ContextOptions context;

    @Option(names = "--events", paramLabel = "FILE",
            description = "Event log (a file or a directory; .gz is read transparently). Either this or --kafka.")
    Path events;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "A model directory written by select.")
    Path model;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Output directory (needed with --events; with --kafka, where quarantine goes without --quarantine-topic).")
    Path out;

    @Option(names = "--kafka", paramLabel = "BROKERS", description = "Read and write Kafka topics at host:port[,host:port...] instead of files.")
    String kafka;

    @Option(names = "--in-topic", paramLabel = "T", description = "With --kafka: the topic of events, one event per record.")
    String inTopic;

    @Option(names = "--flags-topic", paramLabel = "F", description = "With --kafka: the topic flags are written to.")
    String flagsTopic;

    @Option(names = "--clean-topic", paramLabel = "C", description = "With --kafka: the topic clean events are written to.")
    String cleanTopic;

    @Option(names = "--quarantine-topic", paramLabel = "Q",
            description = "With --kafka: the topic quarantined records are written to. Default: part files under OUT/quarantine/.")
    String quarantineTopic;

    @Option(names = "--kafka-bounded",
            description = "With --kafka: read up to the topic's end offsets at the start, then finish (re-scoring a topic as"
                    + " a batch). Default: run until Ctrl-C.")
    boolean kafkaBounded;

    @Option(names = "--kafka-start", defaultValue = KafkaStreamOptions.DEFAULT_START_FROM, paramLabel = "WHERE",
            description = "With --kafka: earliest (score the whole topic), latest (only new records) or committed (the group's"
                    + " offsets). Default: ${DEFAULT-VALUE}.")
    String kafkaStart;

    @Option(names = "--kafka-group", defaultValue = KafkaStreamOptions.DEFAULT_GROUP_ID, paramLabel = "GROUP",
            description = "With --kafka: consumer group the read offsets are committed to. Default: ${DEFAULT-VALUE}.")
    String kafkaGroup;

    @Option(names = "--kafka-transactional-id", paramLabel = "PREFIX",
            description = "With --kafka: prefix of the sinks' transactional ids, unique to this job. Default: seqguard-IN-FLAGS.")
    String transactionalId;

    @Option(names = "--kafka-transaction-timeout", defaultValue = "" + KafkaStreamOptions.DEFAULT_TRANSACTION_TIMEOUT_SECONDS, paramLabel = "SECONDS",
            description = "With --kafka: producer transaction.timeout.ms, above the checkpoint interval and at most the"
                    + " brokers' transaction.max.timeout.ms (15 min by default). Default: ${DEFAULT-VALUE}.")
    long transactionTimeoutSeconds;

    @Option(names = "--source-idleness", paramLabel = "SECONDS",
            description = "A reading task without events for this long stops holding back event time (0: never)."
                    + " Default: " + KafkaEndpoints.DEFAULT_SOURCE_IDLENESS_SECONDS + " with --kafka (a topic may have fewer partitions than tasks), 0 for files.")
    Long sourceIdlenessSeconds;

    @Option(names = "--parallelism", defaultValue = "" + SeqGuardStreamJob.DEFAULT_PARALLELISM, paramLabel = "N", description = "Tasks per operator. Default: ${DEFAULT-VALUE}.")
    int parallelism;

    @Option(names = "--out-of-orderness", defaultValue = "" + StreamJobConfig.DEFAULT_OUT_OF_ORDERNESS_SECONDS, paramLabel = "SECONDS",
            description = "How late (event time) an event may arrive and still be scored in order; older ones are quarantined as late_event. Default: ${DEFAULT-VALUE}.")
    long outOfOrdernessSeconds;

    @Option(names = "--checkpoint-interval", defaultValue = "" + StreamJobConfig.DEFAULT_CHECKPOINT_INTERVAL_SECONDS, paramLabel = "SECONDS", description = "Default: ${DEFAULT-VALUE}.")
    double checkpointSeconds;

    @Option(names = "--idle-state-timeout", defaultValue = "" + StreamJobConfig.DEFAULT_IDLE_STATE_TIMEOUT_SECONDS, paramLabel = "SECONDS",
            description = "Drop a user's state after this much event time without events (0: keep, as replay does). Default: ${DEFAULT-VALUE}.")
    long idleSeconds;

    @Option(names = "--state-backend", defaultValue = StreamJobConfig.DEFAULT_STATE_BACKEND, paramLabel = "NAME",
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
        if (parallelism < 1) {
            throw new UserInputException("--parallelism must be at least 1, got " + parallelism);
        }
        boolean fromKafka = kafka != null;
        KafkaStreamOptions kafkaOptions = fromKafka ? kafkaOptions() : null;
        if (!fromKafka) {
            requireFileOptions();
        }
        SeqGuardStreamJob.Counts c;
        try {
            StreamJobConfig.Builder builder = StreamJobConfig.builder(
                            layout.format(StreamJobConfig.defaultFormat(fromKafka)), model, context.contextEvents)
                    .columns(layout.columns)
                    .contextFormat(context.contextFormat)
                    .outOfOrderness(Duration.ofSeconds(outOfOrdernessSeconds))
                    .checkpointInterval(Duration.ofMillis(Math.round(checkpointSeconds * 1000)))
                    .idleStateTimeout(Duration.ofSeconds(idleSeconds))
                    .sourceIdleness(sourceIdlenessSeconds != null ? Duration.ofSeconds(sourceIdlenessSeconds)
                            : StreamJobConfig.defaultSourceIdleness(fromKafka))
                    .cachedUsers(cachedUsers)
                    .stateBackend(stateBackend)
                    .checkpointDir(checkpointDir);
            StreamJobConfig config = builder.build();
            config = config.toBuilder().acceptedTimes(acceptedTimes(config.eventFormat(), TimeRule.parse(layout.timeRule),
                    fromKafka)).build();
            config.loadModel();
            c = fromKafka ? runOnKafka(kafkaOptions, config) : SeqGuardStreamJob.runOnFiles(events, out, config, parallelism);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
        if (fromKafka) {
            System.out.printf(Locale.ROOT, "streamed Kafka topic %s through Flink (parallelism %d) in %.1f s: %,d flags,"
                            + " %,d quarantined (%,d late); wrote %s, %s and %s%n", kafkaOptions.inTopic(), parallelism,
                    c.runtime().toMillis() / 1000.0, c.flags(), c.quarantined() + c.late(), c.late(),
                    kafkaOptions.flagsTopic(), kafkaOptions.cleanTopic(), kafkaOptions.quarantineTopic() != null
                            ? kafkaOptions.quarantineTopic() : out.resolve("quarantine").toAbsolutePath() + "/");
            return SeqGuard.EXIT_OK;
        }
        System.out.printf(Locale.ROOT, "streamed %s through Flink (parallelism %d) in %.1f s: %,d flags, %,d quarantined"
                        + " (%,d late); wrote %s/{flags,clean,quarantine}/%n", events.getFileName(), parallelism,
                c.runtime().toMillis() / 1000.0, c.flags(), c.quarantined() + c.late(), c.late(), out.toAbsolutePath());
        return SeqGuard.EXIT_OK;
    }

    private void requireFileOptions() throws NoSuchFileException {
        for (String[] kafkaOnly : new String[][] {{"--in-topic", inTopic}, {"--flags-topic", flagsTopic},
                {"--clean-topic", cleanTopic}, {"--quarantine-topic", quarantineTopic},
                {"--kafka-transactional-id", transactionalId}, {"--kafka-bounded", kafkaBounded ? "" : null}}) {
            if (kafkaOnly[1] != null) {
                throw new UserInputException(kafkaOnly[0] + " needs --kafka BROKERS");
            }
        }
        if (events == null) {
            throw new UserInputException("missing input: give --events FILE, or --kafka BROKERS with --in-topic,"
                    + " --flags-topic and --clean-topic");
        }
        if (out == null) {
            throw new UserInputException("missing --out DIR (where flags/, clean/ and quarantine/ are written)");
        }
        if (!Files.exists(events)) {
            throw new NoSuchFileException(events.toString());
        }
    }

    private KafkaStreamOptions kafkaOptions() {
        if (events != null) {
            throw new UserInputException("--events and --kafka exclude each other: read a file or a topic");
        }
        for (String[] needed : new String[][] {{"--in-topic T", inTopic, "the topic of events to read"},
                {"--flags-topic F", flagsTopic, "where flags go"}, {"--clean-topic C", cleanTopic, "where clean events go"}}) {
            if (needed[1] == null) {
                throw new UserInputException("--kafka needs " + needed[0] + " (" + needed[2] + ")");
            }
        }
        if (quarantineTopic == null && out == null) {
            throw new UserInputException("--kafka needs --quarantine-topic Q or --out DIR: quarantined records go to the"
                    + " topic, or else to DIR/quarantine/");
        }
        try {
            return KafkaStreamOptions.builder(kafka, inTopic, flagsTopic, cleanTopic)
                    .quarantineTopic(quarantineTopic)
                    .bounded(kafkaBounded)
                    .startFrom(KafkaStreamOptions.StartFrom.parse(kafkaStart))
                    .groupId(kafkaGroup)
                    .transactionTimeout(Duration.ofSeconds(transactionTimeoutSeconds))
                    .transactionalIdPrefix(transactionalId)
                    .build();
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
    }

    /**
     * Runs the Kafka job; an unbounded one until Ctrl-C, which cancels it so that its open transactions are aborted
     * rather than left to time out (until then they hold back read_committed consumers).
     */
    private SeqGuardStreamJob.Counts runOnKafka(KafkaStreamOptions o, StreamJobConfig config) throws Exception {
        JobClient job = KafkaEndpoints.start(o, config, parallelism, out);
        Thread cancel = new Thread(() -> {
            try {
                job.cancel().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                // the JVM is going down; the next job with the same transactional ids aborts what is left open
            }
        }, "seqguard-stream-cancel");
        Runtime.getRuntime().addShutdownHook(cancel);
        if (!o.bounded()) {
            System.out.printf(Locale.ROOT, "streaming Kafka topic %s at %s through Flink (parallelism %d); flags to %s,"
                    + " committed every %.1f s; Ctrl-C to stop%n", o.inTopic(), o.brokers(), parallelism, o.flagsTopic(),
                    config.checkpointInterval().toMillis() / 1000.0);
        }
        try {
            return KafkaEndpoints.await(job);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(cancel);
            } catch (IllegalStateException shuttingDown) {
                // already running
            }
        }
    }

    /**
     * The window {@code replay}'s reader would accept under {@code rule}: the rule's range within the sanity window
     * ({@code auto} estimated over the file; for a topic, the sanity window alone).
     */
    private TimeRange acceptedTimes(EventFormat f, TimeRule rule, boolean fromKafka) throws IOException {
        IngestOptions options = IngestOptions.defaults(f).withTimeRule(rule);
        TimeRange sanity = options.sanityWindow();
        if (rule instanceof TimeRule.Fixed fixed) {
            return fixed.range().intersect(sanity);
        }
        // a topic cannot be read twice before the job starts: auto keeps to the sanity window, as a single-pass read does
        if (rule instanceof TimeRule.Auto auto && !fromKafka) {
            return new EventReader(options).estimateBulkWindow(IngestInput.of(events), auto)
                    .map(w -> w.intersect(sanity)).orElse(sanity);
        }
        return sanity;
    }
}
