package dev.seqguard.flink;

import dev.seqguard.core.features.FeatureContext;
import dev.seqguard.core.io.EventFormat;
import dev.seqguard.core.io.EventReader;
import dev.seqguard.core.io.IngestOptions;
import dev.seqguard.core.io.QuarantineCounter;
import dev.seqguard.core.io.TimeRange;
import dev.seqguard.server.ServingModel;
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
 *                           the window {@code replay}'s time rule would choose, see {@link #withAcceptedTimes})
 * @param stateBackend       where keyed state lives between checkpoints: {@code hashmap} (objects on the JVM heap,
 *                           fastest, bounded by the TaskManagers' memory) or {@code rocksdb} (serialised on local disk,
 *                           incremental checkpoints; for state larger than memory)
 * @param checkpointDir      where checkpoints are written, a path or URI every TaskManager and the JobManager reach
 *                           ({@code null}: the cluster's {@code execution.checkpointing.dir}; a local run then uses a
 *                           temporary directory, see {@link SeqGuardStreamJob#runOnFiles})
 */
public record StreamJobConfig(String format, String modelDir, String contextEvents, String contextFormat,
                              Duration outOfOrderness, Duration checkpointInterval, Duration idleStateTimeout,
                              int cachedUsers, long acceptFromMillis, long acceptUntilMillis, String stateBackend,
                              String checkpointDir) implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final Duration DEFAULT_OUT_OF_ORDERNESS = Duration.ofMinutes(5);
    public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(10);
    public static final int DEFAULT_CACHED_USERS = 100_000;
    /** The state backends the job can run on. */
    public static final List<String> STATE_BACKENDS = List.of("hashmap", "rocksdb");

    public StreamJobConfig {
        EventFormat.byName(Objects.requireNonNull(format, "format"));
        Objects.requireNonNull(modelDir, "modelDir");
        Objects.requireNonNull(contextFormat, "contextFormat");
        requireNotNegative("outOfOrderness", outOfOrderness);
        requireNotNegative("idleStateTimeout", idleStateTimeout);
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

    /** Defaults for everything but the input layout, the model and the context. */
    public static StreamJobConfig defaults(String format, Path modelDir, Path contextEvents) {
        return new StreamJobConfig(format, modelDir.toString(), contextEvents == null ? null : contextEvents.toString(),
                "taobao", DEFAULT_OUT_OF_ORDERNESS, DEFAULT_CHECKPOINT_INTERVAL, Duration.ZERO, DEFAULT_CACHED_USERS,
                Long.MIN_VALUE, Long.MAX_VALUE, "hashmap", null);
    }

    public StreamJobConfig withOutOfOrderness(Duration d) {
        return new StreamJobConfig(format, modelDir, contextEvents, contextFormat, d, checkpointInterval,
                idleStateTimeout, cachedUsers, acceptFromMillis, acceptUntilMillis,
                stateBackend, checkpointDir);
    }

    public StreamJobConfig withCheckpointInterval(Duration d) {
        return new StreamJobConfig(format, modelDir, contextEvents, contextFormat, outOfOrderness, d,
                idleStateTimeout, cachedUsers, acceptFromMillis, acceptUntilMillis,
                stateBackend, checkpointDir);
    }

    public StreamJobConfig withIdleStateTimeout(Duration d) {
        return new StreamJobConfig(format, modelDir, contextEvents, contextFormat, outOfOrderness, checkpointInterval,
                d, cachedUsers, acceptFromMillis, acceptUntilMillis,
                stateBackend, checkpointDir);
    }

    public StreamJobConfig withContextFormat(String f) {
        return new StreamJobConfig(format, modelDir, contextEvents, f, outOfOrderness, checkpointInterval,
                idleStateTimeout, cachedUsers, acceptFromMillis, acceptUntilMillis,
                stateBackend, checkpointDir);
    }

    /** Only events in {@code range} are scored; the others are quarantined as {@code time_out_of_range}. */
    public StreamJobConfig withAcceptedTimes(TimeRange range) {
        return new StreamJobConfig(format, modelDir, contextEvents, contextFormat, outOfOrderness, checkpointInterval,
                idleStateTimeout, cachedUsers, range.fromMillis(), range.untilMillis(), stateBackend, checkpointDir);
    }

    public StreamJobConfig withCachedUsers(int n) {
        return new StreamJobConfig(format, modelDir, contextEvents, contextFormat, outOfOrderness, checkpointInterval,
                idleStateTimeout, n, acceptFromMillis, acceptUntilMillis, stateBackend, checkpointDir);
    }

    public StreamJobConfig withStateBackend(String backend) {
        return new StreamJobConfig(format, modelDir, contextEvents, contextFormat, outOfOrderness, checkpointInterval,
                idleStateTimeout, cachedUsers, acceptFromMillis, acceptUntilMillis, backend, checkpointDir);
    }

    /** @param dir a path or URI ({@code hdfs://}, {@code s3://}, ...), or {@code null} for the cluster's default */
    public StreamJobConfig withCheckpointDir(String dir) {
        return new StreamJobConfig(format, modelDir, contextEvents, contextFormat, outOfOrderness, checkpointInterval,
                idleStateTimeout, cachedUsers, acceptFromMillis, acceptUntilMillis, stateBackend, dir);
    }

    public boolean accepts(long timeMillis) {
        return timeMillis >= acceptFromMillis && timeMillis < acceptUntilMillis;
    }

    public EventFormat eventFormat() {
        return EventFormat.byName(format);
    }

    /** Loads the model with its group-feature context, the way {@code replay} does. */
    public ServingModel loadModel() throws IOException {
        FeatureContext context = contextEvents == null ? FeatureContext.empty()
                : FeatureContext.build(EventReader.readAll(Path.of(contextEvents),
                IngestOptions.defaults(contextFormat, null), new QuarantineCounter()).events());
        return ServingModel.load(Path.of(modelDir), context);
    }

    private static void requireNotNegative(String name, Duration d) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be zero or positive, got " + d);
        }
    }
}
