package dev.seqguard.flink;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where a Kafka-fed job reads and writes: {@link KafkaEndpoints} builds the source and the sinks from it.
 *
 * @param brokers               bootstrap servers, {@code host:port[,host:port...]}
 * @param inTopic               events, one line of the job's layout per record (JSON Lines by default)
 * @param flagsTopic            flags, one {@code flags.jsonl} line per record
 * @param cleanTopic            accepted, unflagged events in the input layout
 * @param quarantineTopic       rejected records as {@code reason<TAB>record}; {@code null}: to files instead (see
 *                              {@link KafkaEndpoints#sinkTo})
 * @param bounded               read up to the end offsets the topic has when the job starts, then finish (batch
 *                              re-scoring, tests); otherwise run until cancelled
 * @param startFrom             where in the topic reading starts
 * @param groupId               consumer group the source commits its offsets to (on checkpoints; for monitoring and
 *                              for {@link StartFrom#COMMITTED})
 * @param transactionalIdPrefix prefix of the sinks' transactional ids (each sink adds {@code -flags}, {@code -clean},
 *                              {@code -quarantine}); must be unique to this job on the cluster, since a new job
 *                              fences and aborts the open transactions of the ids it takes over
 * @param transactionTimeout    the producers' {@code transaction.timeout.ms}: more than a checkpoint interval plus a
 *                              restart, at most the brokers' {@code transaction.max.timeout.ms} (15 min by default)
 */
public record KafkaStreamOptions(String brokers, String inTopic, String flagsTopic, String cleanTopic,
                                 String quarantineTopic, boolean bounded, StartFrom startFrom, String groupId,
                                 String transactionalIdPrefix, Duration transactionTimeout) {

    /** Where reading starts. */
    public enum StartFrom {
        /** The topic's first retained record: every run scores the whole topic (as {@code replay} scores a file). */
        EARLIEST,
        /** Records written after the job starts. */
        LATEST,
        /** The group's committed offsets, the earliest record where the group has none. */
        COMMITTED;

        /** {@code earliest}, {@code latest} or {@code committed}. */
        public static StartFrom parse(String name) {
            for (StartFrom s : values()) {
                if (s.name().equalsIgnoreCase(Objects.requireNonNull(name, "name").trim())) {
                    return s;
                }
            }
            throw new IllegalArgumentException("unknown Kafka start '" + name + "', expected earliest, latest or committed");
        }
    }

    public static final String DEFAULT_GROUP_ID = "seqguard-stream";
    /** Below the brokers' default {@code transaction.max.timeout.ms} of 15 minutes. */
    public static final Duration DEFAULT_TRANSACTION_TIMEOUT = Duration.ofMinutes(10);

    /** Kafka's own rule for topic names. */
    private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    public KafkaStreamOptions {
        if (brokers == null || brokers.isBlank()) {
            throw new IllegalArgumentException("Kafka brokers must be host:port[,host:port...], got " + quote(brokers));
        }
        requireTopic("in topic", inTopic);
        requireTopic("flags topic", flagsTopic);
        requireTopic("clean topic", cleanTopic);
        if (quarantineTopic != null) {
            requireTopic("quarantine topic", quarantineTopic);
        }
        Set<String> seen = new HashSet<>();
        for (String t : Arrays.asList(inTopic, flagsTopic, cleanTopic, quarantineTopic)) {
            if (t != null && !seen.add(t)) {
                throw new IllegalArgumentException("Kafka topics must differ, but '" + t + "' is given twice (in "
                        + inTopic + ", flags " + flagsTopic + ", clean " + cleanTopic + ", quarantine "
                        + quarantineTopic + ")");
            }
        }
        Objects.requireNonNull(startFrom, "startFrom");
        if (groupId == null || groupId.isBlank()) {
            throw new IllegalArgumentException("Kafka group id must not be blank, got " + quote(groupId));
        }
        if (transactionalIdPrefix == null || transactionalIdPrefix.isBlank()) {
            throw new IllegalArgumentException("transactional id prefix must not be blank, got "
                    + quote(transactionalIdPrefix));
        }
        if (transactionTimeout == null || transactionTimeout.toMillis() < 1000) {
            throw new IllegalArgumentException("transaction timeout must be at least 1 s, got " + transactionTimeout);
        }
    }

    /**
     * Unbounded, from the earliest record, no quarantine topic, group {@value #DEFAULT_GROUP_ID}, transactional ids
     * {@code seqguard-<inTopic>-<flagsTopic>}, transactions timing out after {@link #DEFAULT_TRANSACTION_TIMEOUT}.
     */
    public static KafkaStreamOptions defaults(String brokers, String inTopic, String flagsTopic, String cleanTopic) {
        return new KafkaStreamOptions(brokers, inTopic, flagsTopic, cleanTopic, null, false, StartFrom.EARLIEST,
                DEFAULT_GROUP_ID, "seqguard-" + inTopic + "-" + flagsTopic, DEFAULT_TRANSACTION_TIMEOUT);
    }

    public KafkaStreamOptions withQuarantineTopic(String topic) {
        return new KafkaStreamOptions(brokers, inTopic, flagsTopic, cleanTopic, topic, bounded, startFrom, groupId,
                transactionalIdPrefix, transactionTimeout);
    }

    public KafkaStreamOptions withBounded(boolean b) {
        return new KafkaStreamOptions(brokers, inTopic, flagsTopic, cleanTopic, quarantineTopic, b, startFrom, groupId,
                transactionalIdPrefix, transactionTimeout);
    }

    public KafkaStreamOptions withStartFrom(StartFrom s) {
        return new KafkaStreamOptions(brokers, inTopic, flagsTopic, cleanTopic, quarantineTopic, bounded, s, groupId,
                transactionalIdPrefix, transactionTimeout);
    }

    public KafkaStreamOptions withGroupId(String id) {
        return new KafkaStreamOptions(brokers, inTopic, flagsTopic, cleanTopic, quarantineTopic, bounded, startFrom, id,
                transactionalIdPrefix, transactionTimeout);
    }

    public KafkaStreamOptions withTransactionalIdPrefix(String prefix) {
        return new KafkaStreamOptions(brokers, inTopic, flagsTopic, cleanTopic, quarantineTopic, bounded, startFrom,
                groupId, prefix, transactionTimeout);
    }

    public KafkaStreamOptions withTransactionTimeout(Duration d) {
        return new KafkaStreamOptions(brokers, inTopic, flagsTopic, cleanTopic, quarantineTopic, bounded, startFrom,
                groupId, transactionalIdPrefix, d);
    }

    /** The option names {@link #fromArgs} reads, as {@code flink run} arguments take them (without {@code --}). */
    public static final List<String> ARGS = List.of("kafka", "in-topic", "flags-topic", "clean-topic",
            "quarantine-topic", "kafka-bounded", "kafka-start", "kafka-group", "kafka-transactional-id",
            "kafka-transaction-timeout-ms");

    /**
     * The options of {@code flink run ... --kafka BROKERS --in-topic T --flags-topic F --clean-topic C
     * [--quarantine-topic Q] [--kafka-bounded true] [--kafka-start earliest|latest|committed] [--kafka-group G]
     * [--kafka-transactional-id PREFIX] [--kafka-transaction-timeout-ms N]}, names without their {@code --}.
     *
     * @throws IllegalArgumentException naming a missing or bad option
     */
    public static KafkaStreamOptions fromArgs(Map<String, String> args) {
        KafkaStreamOptions o = defaults(require(args, "kafka"), require(args, "in-topic"), require(args, "flags-topic"),
                require(args, "clean-topic"))
                .withQuarantineTopic(args.get("quarantine-topic"))
                .withBounded(parseBoolean("kafka-bounded", args.getOrDefault("kafka-bounded", "false")))
                .withStartFrom(StartFrom.parse(args.getOrDefault("kafka-start", "earliest")))
                .withGroupId(args.getOrDefault("kafka-group", DEFAULT_GROUP_ID));
        if (args.containsKey("kafka-transactional-id")) {
            o = o.withTransactionalIdPrefix(args.get("kafka-transactional-id"));
        }
        if (args.containsKey("kafka-transaction-timeout-ms")) {
            o = o.withTransactionTimeout(Duration.ofMillis(parseLong("kafka-transaction-timeout-ms",
                    args.get("kafka-transaction-timeout-ms"))));
        }
        return o;
    }

    private static String require(Map<String, String> args, String name) {
        String v = args.get(name);
        if (v == null) {
            throw new IllegalArgumentException("missing --" + name + (name.equals("kafka") ? "" : " (needed with --kafka)"));
        }
        return v;
    }

    private static boolean parseBoolean(String name, String v) {
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("--" + name + " must be true or false, got " + quote(v));
        };
    }

    static long parseLong(String name, String v) {
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, got " + quote(v));
        }
    }

    private static void requireTopic(String what, String topic) {
        if (topic == null || !TOPIC.matcher(topic).matches() || topic.equals(".") || topic.equals("..")) {
            throw new IllegalArgumentException("Kafka " + what + " must be 1 to 249 of [a-zA-Z0-9._-], got "
                    + quote(topic));
        }
    }

    private static String quote(String s) {
        return s == null ? "nothing" : "'" + s + "'";
    }
}
