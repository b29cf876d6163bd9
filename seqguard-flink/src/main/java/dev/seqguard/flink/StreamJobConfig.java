package dev.seqguard.flink;

import dev.seqguard.core.features.FeatureContext;
import dev.seqguard.core.io.ColumnMapping;
import dev.seqguard.core.io.EventFormat;
import dev.seqguard.core.io.EventReader;
import dev.seqguard.core.io.IngestOptions;
import dev.seqguard.core.io.QuarantineCounter;
import dev.seqguard.core.io.TimeRange;
import dev.seqguard.serving.ServingModel;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What the Flink job needs to know, shipped to every task (so: paths and names, not loaded objects; each task loads
 * the model itself in {@code open}).
 *
 * @param format             layout of the input lines and of the clean output ({@link EventFormat#byName})
 * @param modelDir           a model directory written by {@code select}
 * @param contextEvents      events the group features are computed against, as {@code replay --context-events}
 *                           ({@code null}: none, those features read 0)
 * @param contextFormat      layout of {@code contextEvents}
 * @param outOfOrderness     how far behind the newest event an event may arrive and still be scored in order
 * @param checkpointInterval how often state and the sinks' pending files are checkpointed
 * @param idleStateTimeout   a user's state is dropped after this much event time without events
 *                           ({@link Duration#ZERO}: kept, as {@code replay} and {@code serve} keep it)
 * @param cachedUsers        users whose feature state a task keeps built in memory (a cache over the keyed state,
 *                           which holds every user's history)
 * @param acceptFromMillis   events before this time are quarantined as {@code time_out_of_range}
 * @param acceptUntilMillis  events at or after this time are quarantined as {@code time_out_of_range} (the CLI sets
 *                           the window {@code replay}'s time rule would choose, see {@link Builder#acceptedTimes})
 * @param columns            column mapping spec of the {@code generic} and {@code jsonl} layouts
 *                           ({@link ColumnMapping#parse}; {@code null}: {@link ColumnMapping#DEFAULT})
 * @param header             the input's header line ({@code null}: the layout's own); {@code generic} reads its
 *                           columns by it, see {@link InputHeader}; lines equal to it are skipped
 * @param sourceIdleness     a parse task that sees no events for this long stops holding back event time
 *                           ({@link Duration#ZERO}: never); for sources with more tasks than they have partitions or
 *                           with quiet partitions (Kafka), whose idle tasks would otherwise stop the watermark
 * @param stateBackend       where keyed state lives between checkpoints: {@code hashmap} (objects on the JVM heap,
 *                           fastest, bounded by the TaskManagers' memory) or {@code rocksdb} (serialised on local disk,
 *                           incremental checkpoints; for state larger than memory)
 * @param checkpointDir      where checkpoints are written, a path or URI every TaskManager and the JobManager reach
 *                           ({@code null}: the cluster's {@code execution.checkpointing.dir}; a local run then uses a
 *                           temporary directory, see {@link SeqGuardStreamJob#runOnFiles})
 */
public record StreamJobConfig(String format, String modelDir, String contextEvents, String contextFormat,
                              Duration outOfOrderness, Duration checkpointInterval, Duration idleStateTimeout,
                              int cachedUsers, long acceptFromMillis, long acceptUntilMillis, String columns,
                              String header, Duration sourceIdleness, String stateBackend,
                              String checkpointDir) implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final long DEFAULT_OUT_OF_ORDERNESS_SECONDS = 300;
    public static final Duration DEFAULT_OUT_OF_ORDERNESS = Duration.ofSeconds(DEFAULT_OUT_OF_ORDERNESS_SECONDS);
    public static final long DEFAULT_CHECKPOINT_INTERVAL_SECONDS = 10;
    public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(DEFAULT_CHECKPOINT_INTERVAL_SECONDS);
    /** 0: a user's state is kept however long they are idle. */
    public static final long DEFAULT_IDLE_STATE_TIMEOUT_SECONDS = 0;
    public static final int DEFAULT_CACHED_USERS = 100_000;
    public static final String DEFAULT_CONTEXT_FORMAT = "taobao";
    public static final String DEFAULT_STATE_BACKEND = "hashmap";
    /** The state backends the job can run on. */
    public static final List<String> STATE_BACKENDS = List.of(DEFAULT_STATE_BACKEND, "rocksdb");

    public StreamJobConfig {
        // parsing the layout, the mapping and the header here makes a bad one fail on the client, not in a task
        EventFormat.byName(Objects.requireNonNull(format, "format"), ColumnMapping.parse(columns)).lineParser(header);
        Objects.requireNonNull(modelDir, "modelDir");
        Objects.requireNonNull(contextFormat, "contextFormat");
        requireNotNegative("outOfOrderness", outOfOrderness);
        requireNotNegative("idleStateTimeout", idleStateTimeout);
        requireNotNegative("sourceIdleness", sourceIdleness);
        if (checkpointInterval == null || checkpointInterval.toMillis() < 10) {
            throw new IllegalArgumentException("checkpointInterval must be at least 10 ms, got " + checkpointInterval);
        }
        if (acceptUntilMillis <= acceptFromMillis) {
            throw new IllegalArgumentException("accepted times are empty: from " + acceptFromMillis + " until "
                    + acceptUntilMillis + " (ms)");
        }
        if (!STATE_BACKENDS.contains(stateBackend)) {
            throw new IllegalArgumentException("stateBackend must be one of " + STATE_BACKENDS + ", got " + stateBackend);
        }
        if (checkpointDir != null && checkpointDir.isBlank()) {
            throw new IllegalArgumentException("checkpointDir must not be blank");
        }
        if (cachedUsers < 1) {
            throw new IllegalArgumentException("cachedUsers must be at least 1, got " + cachedUsers);
        }
    }

    /** The input layout without {@code --format}: {@code jsonl} for a Kafka topic, {@code taobao} for files. */
    public static String defaultFormat(boolean fromKafka) {
        return fromKafka ? "jsonl" : "taobao";
    }

    /** Without {@code --source-idleness}: {@link KafkaEndpoints#DEFAULT_SOURCE_IDLENESS} for Kafka, never for files. */
    public static Duration defaultSourceIdleness(boolean fromKafka) {
        return fromKafka ? KafkaEndpoints.DEFAULT_SOURCE_IDLENESS : Duration.ZERO;
    }

    /** Defaults for everything but the input layout, the model and the context. */
    public static StreamJobConfig defaults(String format, Path modelDir, Path contextEvents) {
        return builder(format, modelDir, contextEvents).build();
    }

    /** A builder holding the defaults ({@code DEFAULT_*}) for everything but the layout, the model and the context. */
    public static Builder builder(String format, Path modelDir, Path contextEvents) {
        return new Builder(format, modelDir.toString(), contextEvents == null ? null : contextEvents.toString());
    }

    /** A builder holding this config, to change some of it. */
    public Builder toBuilder() {
        Builder b = new Builder(format, modelDir, contextEvents);
        b.contextFormat = contextFormat;
        b.outOfOrderness = outOfOrderness;
        b.checkpointInterval = checkpointInterval;
        b.idleStateTimeout = idleStateTimeout;
        b.cachedUsers = cachedUsers;
        b.acceptFromMillis = acceptFromMillis;
        b.acceptUntilMillis = acceptUntilMillis;
        b.columns = columns;
        b.header = header;
        b.sourceIdleness = sourceIdleness;
        b.stateBackend = stateBackend;
        b.checkpointDir = checkpointDir;
        return b;
    }

    /** {@link #toBuilder} with the header {@link InputHeader#of} finds in {@code events}, if the layout reads one. */
    public StreamJobConfig withHeaderOf(Path events) throws IOException {
        return toBuilder().header(InputHeader.of(events, eventFormat()).orElse(header)).build();
    }

    /** Collects the components (see the record's); {@link #build} checks them. */
    public static final class Builder {
        private final String format;
        private final String modelDir;
        private final String contextEvents;
        private String contextFormat = DEFAULT_CONTEXT_FORMAT;
        private Duration outOfOrderness = DEFAULT_OUT_OF_ORDERNESS;
        private Duration checkpointInterval = DEFAULT_CHECKPOINT_INTERVAL;
        private Duration idleStateTimeout = Duration.ofSeconds(DEFAULT_IDLE_STATE_TIMEOUT_SECONDS);
        private int cachedUsers = DEFAULT_CACHED_USERS;
        private long acceptFromMillis = Long.MIN_VALUE;
        private long acceptUntilMillis = Long.MAX_VALUE;
        private String columns;
        private String header;
        private Duration sourceIdleness = Duration.ZERO;
        private String stateBackend = DEFAULT_STATE_BACKEND;
        private String checkpointDir;

        private Builder(String format, String modelDir, String contextEvents) {
            this.format = format;
            this.modelDir = modelDir;
            this.contextEvents = contextEvents;
        }

        public Builder contextFormat(String f) {
            contextFormat = f;
            return this;
        }

        public Builder outOfOrderness(Duration d) {
            outOfOrderness = d;
            return this;
        }

        public Builder checkpointInterval(Duration d) {
            checkpointInterval = d;
            return this;
        }

        public Builder idleStateTimeout(Duration d) {
            idleStateTimeout = d;
            return this;
        }

        public Builder cachedUsers(int n) {
            cachedUsers = n;
            return this;
        }

        /** Only events in {@code range} are scored; the others are quarantined as {@code time_out_of_range}. */
        public Builder acceptedTimes(TimeRange range) {
            acceptFromMillis = range.fromMillis();
            acceptUntilMillis = range.untilMillis();
            return this;
        }

        /** Reads the {@code generic} and {@code jsonl} layouts through {@code spec} ({@link ColumnMapping#parse}). */
        public Builder columns(String spec) {
            columns = spec;
            return this;
        }

        /** The input's header line ({@code null}: the layout's own), as {@link InputHeader#of} finds it. */
        public Builder header(String line) {
            header = line;
            return this;
        }

        public Builder sourceIdleness(Duration d) {
            sourceIdleness = d;
            return this;
        }

        public Builder stateBackend(String backend) {
            stateBackend = backend;
            return this;
        }

        /** @param dir a path or URI ({@code hdfs://}, {@code s3://}, ...), or {@code null} for the cluster's default */
        public Builder checkpointDir(String dir) {
            checkpointDir = dir;
            return this;
        }

        /** @throws IllegalArgumentException naming the first component out of range */
        public StreamJobConfig build() {
            return new StreamJobConfig(format, modelDir, contextEvents, contextFormat, outOfOrderness,
                    checkpointInterval, idleStateTimeout, cachedUsers, acceptFromMillis, acceptUntilMillis, columns,
                    header, sourceIdleness, stateBackend, checkpointDir);
        }
    }

    public boolean accepts(long timeMillis) {
        return timeMillis >= acceptFromMillis && timeMillis < acceptUntilMillis;
    }

    public EventFormat eventFormat() {
        return EventFormat.byName(format, ColumnMapping.parse(columns));
    }

    /** Loads the model with its group-feature context, the way {@code replay} does. */
    public ServingModel loadModel() throws IOException {
        return ServingModel.load(Path.of(modelDir), featureContext());
    }

    /**
     * The group-feature context built from {@code contextEvents}, or {@code null} without them: the model directory's
     * own group statistics.
     */
    public FeatureContext featureContext() throws IOException {
        return contextEvents == null ? null
                : FeatureContext.build(EventReader.readAll(Path.of(contextEvents),
                IngestOptions.defaults(contextFormat, null), new QuarantineCounter()).events());
    }

    private static void requireNotNegative(String name, Duration d) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be zero or positive, got " + d);
        }
    }
}
