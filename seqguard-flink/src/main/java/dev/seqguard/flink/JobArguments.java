package dev.seqguard.flink;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The arguments of {@code flink run ... seqguard-flink-job.jar} ({@link SeqGuardStreamJob#main}): the options of
 * {@code seqguard stream}, with the same names, units (durations in seconds) and defaults, as {@code --name value}
 * pairs; a {@code --name} followed by another option or by nothing is a flag ("true"). The millisecond spellings of
 * earlier versions ({@code --out-of-orderness-ms}, {@code --checkpoint-ms}, {@code --idle-state-timeout-ms},
 * {@code --source-idleness-ms}, {@code --kafka-transaction-timeout-ms}, {@code --model-updates-poll-ms}) are still
 * read.
 */
public final class JobArguments {
    /** Options of the job alone: {@code seqguard stream} watches no directory for model updates. */
    static final List<String> JOB_ONLY = List.of("model-updates", "model-updates-poll");
    static final Duration DEFAULT_MODEL_UPDATES_POLL = Duration.ofSeconds(10);

    private final Map<String, String> args;
    private final Set<String> read = new TreeSet<>();

    private JobArguments(Map<String, String> args) {
        this.args = args;
    }

    /** The option names asked for so far (those of the old millisecond spellings too), without {@code --}. */
    public Set<String> namesRead() {
        return Collections.unmodifiableSet(read);
    }

    private String arg(String name) {
        read.add(name);
        return args.get(name);
    }

    private String arg(String name, String otherwise) {
        String v = arg(name);
        return v == null ? otherwise : v;
    }

    private boolean has(String name) {
        return arg(name) != null;
    }

    /** @throws IllegalArgumentException for anything but {@code --name value} pairs and flags */
    public static JobArguments parse(String[] argv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < argv.length; i++) {
            if (!argv[i].startsWith("--") || argv[i].length() == 2) {
                throw new IllegalArgumentException("expected --name value pairs, got '" + argv[i] + "' at argument " + i);
            }
            boolean flag = i + 1 >= argv.length || argv[i + 1].startsWith("--");
            m.put(argv[i].substring(2), flag ? "true" : argv[++i]);
        }
        return new JobArguments(m);
    }

    boolean fromKafka() {
        return has("kafka");
    }

    String get(String name) {
        return arg(name);
    }

    String require(String name) {
        String v = arg(name);
        if (v == null) {
            throw new IllegalArgumentException("missing --" + name + (!name.equals("kafka") && fromKafka()
                    && name.endsWith("-topic") ? " (needed with --kafka)" : ""));
        }
        return v;
    }

    public Path path(String name) {
        String v = arg(name);
        return v == null ? null : Path.of(v);
    }

    /** The job's config, as {@code seqguard stream} builds it from the same options. */
    public StreamJobConfig config() {
        boolean kafka = fromKafka();
        return StreamJobConfig.builder(arg("format", StreamJobConfig.defaultFormat(kafka)),
                        Path.of(require("model")), path("context-events"))
                .columns(arg("columns"))
                .contextFormat(arg("context-format", StreamJobConfig.DEFAULT_CONTEXT_FORMAT))
                .outOfOrderness(seconds("out-of-orderness", "out-of-orderness-ms", StreamJobConfig.DEFAULT_OUT_OF_ORDERNESS))
                .checkpointInterval(seconds("checkpoint-interval", "checkpoint-ms",
                        StreamJobConfig.DEFAULT_CHECKPOINT_INTERVAL))
                .idleStateTimeout(seconds("idle-state-timeout", "idle-state-timeout-ms",
                        Duration.ofSeconds(StreamJobConfig.DEFAULT_IDLE_STATE_TIMEOUT_SECONDS)))
                .sourceIdleness(seconds("source-idleness", "source-idleness-ms",
                        StreamJobConfig.defaultSourceIdleness(kafka)))
                .cachedUsers((int) whole("cached-users", StreamJobConfig.DEFAULT_CACHED_USERS))
                .stateBackend(arg("state-backend", StreamJobConfig.DEFAULT_STATE_BACKEND))
                .checkpointDir(arg("checkpoint-dir"))
                .build();
    }

    /** The Kafka endpoints, as {@code seqguard stream --kafka} builds them from the same options. */
    public KafkaStreamOptions kafka() {
        return KafkaStreamOptions.builder(require("kafka"), require("in-topic"), require("flags-topic"),
                        require("clean-topic"))
                .quarantineTopic(arg("quarantine-topic"))
                .bounded(bool("kafka-bounded"))
                .startFrom(KafkaStreamOptions.StartFrom.parse(arg("kafka-start",
                        KafkaStreamOptions.DEFAULT_START_FROM)))
                .groupId(arg("kafka-group", KafkaStreamOptions.DEFAULT_GROUP_ID))
                .transactionalIdPrefix(arg("kafka-transactional-id"))
                .transactionTimeout(seconds("kafka-transaction-timeout", "kafka-transaction-timeout-ms",
                        KafkaStreamOptions.DEFAULT_TRANSACTION_TIMEOUT))
                .build();
    }

    /** How often the model-updates directory is looked at. */
    public Duration modelUpdatesPoll() {
        return seconds("model-updates-poll", "model-updates-poll-ms", DEFAULT_MODEL_UPDATES_POLL);
    }

    /** {@code --name SECONDS} (fractions allowed), or the old {@code --msName MILLISECONDS}. */
    Duration seconds(String name, String msName, Duration otherwise) {
        if (has(name)) {
            try {
                return Duration.ofMillis(Math.round(Double.parseDouble(arg(name).trim()) * 1000));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + name + " must be a number of seconds, got '" + arg(name) + "'");
            }
        }
        return has(msName) ? Duration.ofMillis(whole(msName, 0)) : otherwise;
    }

    long whole(String name, long otherwise) {
        String v = arg(name);
        if (v == null) {
            return otherwise;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, got '" + v + "'");
        }
    }

    private boolean bool(String name) {
        String v = arg(name, "false");
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("--" + name + " must be true or false, got '" + v + "'");
        };
    }
}
