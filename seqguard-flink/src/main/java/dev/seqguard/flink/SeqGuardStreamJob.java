package dev.seqguard.flink;

import dev.seqguard.core.model.BehaviorEvent;
import dev.seqguard.serving.ServingModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.reader.TextLineInputFormat;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.BasePathBucketAssigner;
import org.apache.flink.streaming.api.functions.sink.filesystem.rollingpolicies.OnCheckpointRollingPolicy;
import org.apache.flink.util.OutputTag;

/**
 * {@code seqguard stream}: the service's streaming scoring path as a keyed Flink job. The job takes its input as a
 * stream of lines and hands back its outputs as streams, so callers (the CLI, {@code flink run}, tests) attach their
 * own sources and sinks; {@link #runOnFiles} is the file-to-file job.
 *
 * <p>Pipeline: lines → {@code parse-events} (bad lines to quarantine) → event-time watermarks with bounded
 * out-of-orderness → key by user → {@code score-user-events} ({@link ScoreUserEvents}) → clean events (main output),
 * flags and quarantine (side outputs). Each user's events are scored in event-time order by the same
 * {@link dev.seqguard.serving.ScoringEngine} {@code replay} uses, so a job's flags equal {@code replay}'s on the same
 * events and model (ties in time keep input order, as {@code replay}'s stable sort does, when one reader reads
 * the input in order).
 */
public final class SeqGuardStreamJob {
    /** Flags: one {@code flags.jsonl} line each ({@code user_id,item_id,timestamp,score,detector,explanation}). */
    public static final OutputTag<String> FLAGS = new OutputTag<>("flags", Types.STRING);
    /** Rejected input: {@code reason<TAB>line} (a layout error code, or {@code late_event}). */
    public static final OutputTag<String> QUARANTINE = new OutputTag<>("quarantine", Types.STRING);

    public static final String QUARANTINED_COUNTER = "seqguard-quarantined";
    public static final String LATE_COUNTER = "seqguard-late";
    public static final String FLAGS_COUNTER = "seqguard-flags";
    /** Tasks per operator of a local run ({@code seqguard stream --parallelism}). */
    public static final int DEFAULT_PARALLELISM = 2;

    private SeqGuardStreamJob() {
    }

    /** The job's outputs, for the caller's sinks. */
    public record Outputs(DataStream<String> clean, DataStream<String> flags, DataStream<String> quarantine) {
    }

    /**
     * Checks that the model can be scored per user in parallel; fails early, on the client.
     *
     * @throws IllegalArgumentException for a model that learns from every event (random cut forest): its scores depend
     *                                  on the order of all users' events, which a keyed job does not keep
     */
    public static void requireKeyedModel(ServingModel model) {
        if (model.learnsOnline()) {
            throw new IllegalArgumentException(model.dir() + " holds " + model.detectorName() + ", which learns from every"
                    + " event in global order; the Flink job scores users independently in parallel, so it cannot"
                    + " reproduce that order (use replay or serve for this model)");
        }
    }

    /**
     * Turns on checkpointing (exactly-once) as the job needs it, and object reuse: the job's records are immutable
     * (strings, {@link BehaviorEvent}), so chained operators may pass them on without a defensive copy.
     */
    public static void configure(StreamExecutionEnvironment env, StreamJobConfig config) {
        env.enableCheckpointing(config.checkpointInterval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
        env.getConfig().enableObjectReuse();
    }

    /**
     * The Flink configuration the job runs with: the config's state backend (RocksDB with incremental checkpoints) and,
     * when the config names one, checkpoints in files under {@code checkpointDir}. Without a directory the cluster's
     * {@code execution.checkpointing.dir} applies; a cluster without one keeps checkpoints in the JobManager's memory,
     * which refuses any task state over 5 MB, so a job of real size needs a directory.
     */
    public static Configuration flinkConfiguration(StreamJobConfig config) {
        Configuration c = new Configuration();
        c.set(StateBackendOptions.STATE_BACKEND, config.stateBackend());
        if (config.stateBackend().equals("rocksdb")) {
            c.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        }
        if (config.checkpointDir() != null) {
            c.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
            c.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, uri(config.checkpointDir()));
        }
        return c;
    }

    /** A path as a URI Flink's file systems resolve; a URI with a scheme ({@code hdfs://...}) as given. */
    static String uri(String pathOrUri) {
        return pathOrUri.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*") ? pathOrUri
                : Path.of(pathOrUri).toAbsolutePath().toUri().toString();
    }

    /** Adds the job's operators to {@code lines}' environment, scoring with the config's model throughout. */
    public static Outputs build(DataStream<String> lines, StreamJobConfig config) {
        return build(lines, config, null);
    }

    /**
     * Adds the job's operators to {@code lines}' environment; with {@code modelUpdates}, the model can be replaced
     * while the job runs ({@link ScoreUserEventsWithModelUpdates}).
     *
     * @param modelUpdates model directories, one a line, broadcast to every scoring task, each replacing the model
     *                     from when it arrives ({@link #modelUpdateSource} watches a directory for them); {@code null}:
     *                     the config's model throughout. Its watermarks are ignored: event time is the events' alone.
     */
    public static Outputs build(DataStream<String> lines, StreamJobConfig config, DataStream<String> modelUpdates) {
        SingleOutputStreamOperator<BehaviorEvent> events = lines
                .process(new ParseEvents(config), EventTypes.EVENT)
                .name("parse-events").uid("parse-events");
        Duration bound = config.outOfOrderness();
        WatermarkStrategy<BehaviorEvent> watermarks = WatermarkStrategy.<BehaviorEvent>forBoundedOutOfOrderness(bound)
                .withTimestampAssigner((e, previous) -> e.timeMillis());
        if (!config.sourceIdleness().isZero()) {
            // lateness is judged per user (ScoreUserEvents), so a watermark that moves on past an idle task is safe
            watermarks = watermarks.withIdleness(config.sourceIdleness());
        }
        SingleOutputStreamOperator<BehaviorEvent> timed = events
                .assignTimestampsAndWatermarks(watermarks)
                .name("event-time").uid("event-time");
        KeyedStream<BehaviorEvent, String> byUser = timed.keyBy(BehaviorEvent::userId, Types.STRING);
        SingleOutputStreamOperator<String> scored = modelUpdates == null
                ? byUser.process(new ScoreUserEvents(config), Types.STRING)
                        .name("score-user-events").uid("score-user-events")
                : byUser.connect(modelUpdates
                                // a two-input operator's event time is the lesser of its inputs': a control stream
                                // without watermarks would hold every event back, so it declares itself done with time
                                .assignTimestampsAndWatermarks(WatermarkStrategy.forGenerator(c -> new EndOfTime()))
                                .name("model-updates-time").uid("model-updates-time")
                                .broadcast(ScoreUserEventsWithModelUpdates.MODEL))
                        .process(new ScoreUserEventsWithModelUpdates(config), Types.STRING)
                        .name("score-user-events").uid("score-user-events-reloadable");
        DataStream<String> quarantine = events.getSideOutput(QUARANTINE).union(scored.getSideOutput(QUARANTINE));
        return new Outputs(scored, scored.getSideOutput(FLAGS), quarantine);
    }

    /**
     * An exactly-once file sink of lines: part files directly under {@code dir} (no date buckets, which cost a date
     * format per line), buffered, committed on checkpoints.
     */
    public static FileSink<String> fileSink(Path dir) {
        return FileSink.forBulkFormat(new org.apache.flink.core.fs.Path(dir.toAbsolutePath().toUri()),
                        new LineWriter.Factory())
                .withBucketAssigner(new BasePathBucketAssigner<>())
                .withRollingPolicy(OnCheckpointRollingPolicy.build())
                .build();
    }

    /** Watermarks of a stream that carries no event time: at the end of time from the start. */
    private static final class EndOfTime implements WatermarkGenerator<String> {
        @Override
        public void onEvent(String line, long timestamp, WatermarkOutput output) {
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            output.emitWatermark(new Watermark(Long.MAX_VALUE));
        }
    }

    /**
     * Watches {@code dir} for model updates: every line of every file that appears in it (checked each {@code poll})
     * names a model directory, for {@link #build(DataStream, StreamJobConfig, DataStream)}. One reader, so every
     * scoring task sees the updates in one order. The stream never ends, nor then does the job.
     */
    public static DataStream<String> modelUpdateSource(StreamExecutionEnvironment env, Path dir, Duration poll) {
        FileSource<String> source = FileSource.forRecordStreamFormat(new TextLineInputFormat("UTF-8"),
                        new org.apache.flink.core.fs.Path(dir.toAbsolutePath().toUri()))
                .monitorContinuously(poll).build();
        return env.fromSource(source, WatermarkStrategy.noWatermarks(), "model-updates").uid("model-updates")
                .setParallelism(1);
    }

    /** Reads {@code events} (a file or a directory; {@code .gz} decompressed) as lines. */
    public static DataStream<String> fileSource(StreamExecutionEnvironment env, Path events) {
        FileSource<String> source = FileSource.forRecordStreamFormat(new TextLineInputFormat("UTF-8"),
                new org.apache.flink.core.fs.Path(events.toAbsolutePath().toUri())).build();
        return env.fromSource(source, WatermarkStrategy.noWatermarks(), "event-file").uid("event-file");
    }

    /** Writes the outputs to {@code out/flags}, {@code out/clean} and {@code out/quarantine}. */
    public static void sinkToFiles(Outputs outputs, Path out) {
        outputs.flags().sinkTo(fileSink(out.resolve("flags"))).name("flags-files").uid("flags-files");
        outputs.clean().sinkTo(fileSink(out.resolve("clean"))).name("clean-files").uid("clean-files");
        outputs.quarantine().sinkTo(fileSink(out.resolve("quarantine"))).name("quarantine-files").uid("quarantine-files");
    }

    /** What a finished job counted. */
    public record Counts(long flags, long quarantined, long late, Duration runtime) {
    }

    /**
     * The file-to-file job in an embedded local mini-cluster: {@code events} in, {@code out/flags/},
     * {@code out/clean/} and {@code out/quarantine/} part files out.
     *
     * @param parallelism tasks per operator (the mini-cluster's slots)
     */
    public static Counts runOnFiles(Path events, Path out, StreamJobConfig config, int parallelism) throws Exception {
        config = config.withHeaderOf(events);
        requireKeyedModel(config.loadModel());
        // a local run's checkpoints serve only its own restarts: without a directory they go to a temporary one
        Path tmp = config.checkpointDir() == null ? Files.createTempDirectory("seqguard-checkpoints") : null;
        StreamJobConfig run = tmp == null ? config : config.toBuilder().checkpointDir(tmp.toString()).build();
        try {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism,
                    flinkConfiguration(run));
            configure(env, run);
            sinkToFiles(build(fileSource(env, events), run), out);
            return counts(env.execute("seqguard stream " + events.getFileName()));
        } finally {
            if (tmp != null) {
                deleteRecursively(tmp);
            }
        }
    }

    /**
     * Deletes {@code dir} and everything under it. Flink may still be discarding old checkpoints in the background
     * when a job returns, so files that vanish meanwhile are fine and a directory that gains files is tried again.
     */
    static void deleteRecursively(Path dir) throws IOException {
        for (int attempt = 1; Files.exists(dir); attempt++) {
            try {
                List<Path> all;
                try (Stream<Path> s = Files.walk(dir)) {
                    all = new ArrayList<>(s.toList());
                }
                all.sort(Comparator.reverseOrder());
                for (Path p : all) {
                    Files.deleteIfExists(p);
                }
            } catch (UncheckedIOException | NoSuchFileException | DirectoryNotEmptyException e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }

    static Counts counts(JobExecutionResult r) {
        return new Counts(count(r, FLAGS_COUNTER), count(r, QUARANTINED_COUNTER), count(r, LATE_COUNTER),
                Duration.ofMillis(r.getNetRuntime()));
    }

    private static long count(JobExecutionResult r, String name) {
        Object v = r.getAccumulatorResult(name);
        return v == null ? 0 : ((Number) v).longValue();
    }

    /**
     * Entry point for {@code flink run -c dev.seqguard.flink.SeqGuardStreamJob seqguard-flink-job.jar --events F
     * --model DIR --out OUT ...} with the options of {@code seqguard stream} (same names and units: {@code --format},
     * {@code --columns}, {@code --context-events}, {@code --context-format}, {@code --out-of-orderness SECONDS},
     * {@code --checkpoint-interval SECONDS}, {@code --idle-state-timeout SECONDS}, {@code --source-idleness SECONDS},
     * {@code --state-backend}, {@code --checkpoint-dir}, {@code --cached-users}), or with Kafka instead of files
     * ({@code --kafka BROKERS --in-topic T --flags-topic F --clean-topic C [--quarantine-topic Q | --out OUT]
     * [--kafka-bounded] [--kafka-start ...] [--kafka-group G] [--kafka-transactional-id P]
     * [--kafka-transaction-timeout SECONDS]}); see {@link JobArguments}. The job alone also takes
     * {@code --model-updates DIR [--model-updates-poll SECONDS]} ({@link #modelUpdateSource}; the job then runs until
     * cancelled). Paths must be reachable from every TaskManager (a shared or distributed file system).
     */
    public static void main(String[] args) throws Exception {
        JobArguments a = JobArguments.parse(args);
        StreamJobConfig config = a.config();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flinkConfiguration(config));
        configure(env, config);
        Path updatesDir = a.path("model-updates");
        DataStream<String> updates = updatesDir == null ? null : modelUpdateSource(env, updatesDir, a.modelUpdatesPoll());
        if (a.fromKafka()) {
            KafkaStreamOptions k = a.kafka();
            KafkaEndpoints.sinkTo(build(KafkaEndpoints.source(env, k), config, updates), k, a.path("out"));
            env.execute("seqguard stream " + k.inTopic());
            return;
        }
        Path events = Path.of(a.require("events"));
        Path out = Path.of(a.require("out"));
        config = config.withHeaderOf(events);
        sinkToFiles(build(fileSource(env, events), config, updates), out);
        env.execute("seqguard stream " + events.getFileName());
    }
}
