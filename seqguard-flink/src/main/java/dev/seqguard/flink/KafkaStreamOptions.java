package dev.seqguard.flink;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
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
    /** {@link StartFrom#EARLIEST}, as {@link StartFrom#parse} reads it. */
    public static final String DEFAULT_START_FROM = "earliest";
    /** Below the brokers' default {@code transaction.max.timeout.ms} of 15 minutes. */
    public static final long DEFAULT_TRANSACTION_TIMEOUT_SECONDS = 600;
    public static final Duration DEFAULT_TRANSACTION_TIMEOUT = Duration.ofSeconds(DEFAULT_TRANSACTION_TIMEOUT_SECONDS);

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
        return builder(brokers, inTopic, flagsTopic, cleanTopic).build();
    }

    /** A builder holding the {@link #defaults} for these brokers and topics. */
    public static Builder builder(String brokers, String inTopic, String flagsTopic, String cleanTopic) {
        return new Builder(brokers, inTopic, flagsTopic, cleanTopic);
    }

    /** Collects the components (see the record's); {@link #build} checks them. */
    public static final class Builder {
        private final String brokers;
        private final String inTopic;
        private final String flagsTopic;
        private final String cleanTopic;
        private String quarantineTopic;
        private boolean bounded;
        private StartFrom startFrom = StartFrom.parse(DEFAULT_START_FROM);
        private String groupId = DEFAULT_GROUP_ID;
        private String transactionalIdPrefix;
        private Duration transactionTimeout = DEFAULT_TRANSACTION_TIMEOUT;

        private Builder(String brokers, String inTopic, String flagsTopic, String cleanTopic) {
            this.brokers = brokers;
            this.inTopic = inTopic;
            this.flagsTopic = flagsTopic;
            this.cleanTopic = cleanTopic;
            this.transactionalIdPrefix = "seqguard-" + inTopic + "-" + flagsTopic;
        }

        public Builder quarantineTopic(String topic) {
            quarantineTopic = topic;
            return this;
        }

        public Builder bounded(boolean b) {
            bounded = b;
            return this;
        }

        public Builder startFrom(StartFrom s) {
            startFrom = s;
            return this;
        }

        public Builder groupId(String id) {
            groupId = id;
            return this;
        }

        /** @param prefix {@code null}: keep the default, {@code seqguard-<inTopic>-<flagsTopic>} */
        public Builder transactionalIdPrefix(String prefix) {
            if (prefix != null) {
                transactionalIdPrefix = prefix;
            }
            return this;
        }

        public Builder transactionTimeout(Duration d) {
            transactionTimeout = d;
            return this;
        }

        /** @throws IllegalArgumentException naming the first component out of range */
        public KafkaStreamOptions build() {
            return new KafkaStreamOptions(brokers, inTopic, flagsTopic, cleanTopic, quarantineTopic, bounded, startFrom,
                    groupId, transactionalIdPrefix, transactionTimeout);
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
