package dev.seqguard.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seqguard.core.io.EventFormat;
import dev.seqguard.core.model.Action;
import dev.seqguard.core.model.BehaviorEvent;
import dev.seqguard.serving.Replay;
import dev.seqguard.serving.ServingModel;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job between Kafka topics of an in-process KRaft broker: the fixture's events as JSON records in, flags, clean
 * events and quarantine out through transactional sinks, read back as a {@code read_committed} consumer reads them.
 */
class KafkaStreamJobTest {
    private static final EventFormat JSONL = EventFormat.byName("jsonl");
    /** Bad records and the reason each is quarantined with; {@code null} is a record without a value. */
    private static final Map<String, String> BAD = new HashMap<>();

    static {
        BAD.put("not json", "malformed_record");
        BAD.put("{\"user_id\":\"9\",\"item_id\":\"1\",\"behavior\":\"pv\"}", "missing_value");
        BAD.put("{\"user_id\":\"9\",\"item_id\":\"1\",\"behavior\":\"jump\",\"timestamp\":1511800000}", "unknown_behavior");
        BAD.put(null, "malformed_record");
    }

    private static KafkaClusterTestKit cluster;
    private static List<String> replayFlags;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startBroker() throws Exception {
        cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("transaction.state.log.num.partitions", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .build();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8));
        try {
            cluster.format(); // prints the bootstrap metadata
        } finally {
            System.setOut(stdout);
        }
        cluster.startup();
        cluster.waitForReadyBrokers();

        ServingModel model = ServingModel.load(StreamFixtures.model(), null);
        replayFlags = new ArrayList<>();
        for (Replay.ReplayFlag f : Replay.run(model, StreamFixtures.events(), 1_000_000, 1).flags()) {
            replayFlags.add(Replay.line(f));
        }
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aBoundedJobFlagsWhatReplayFlagsAndAccountsForEveryRecordExactlyOnce() throws Exception {
        createTopics(3, "events", "flags", "clean", "quarantine");
        List<BehaviorEvent> events = StreamFixtures.events();
        produce("events", events, true);
        KafkaStreamOptions kafka = KafkaStreamOptions.builder(cluster.bootstrapServers(), "events", "flags", "clean")
                .quarantineTopic("quarantine").bounded(true).build();
        StreamJobConfig config = StreamJobConfig.builder("jsonl", StreamFixtures.model(), null)
                .checkpointInterval(Duration.ofMillis(300)).build();

        SeqGuardStreamJob.Counts counts = KafkaEndpoints.await(KafkaEndpoints.start(kafka, config, 2, null));

        List<String> flags = readCommitted("flags");
        List<String> clean = readCommitted("clean");
        List<String> quarantine = readCommitted("quarantine");
        assertThat(replayFlags).hasSizeGreaterThan(100);
        assertThat(flags).containsExactlyInAnyOrderElementsOf(replayFlags);
        assertThat(counts.flags()).isEqualTo(replayFlags.size());

        assertThat(clean).hasSize(events.size() - flags.size());
        List<String> produced = events.stream().map(JSONL::format).toList();
        assertThat(produced).containsAll(clean);
        assertThat(clean.size() + flags.size() + quarantine.size()).isEqualTo(events.size() + BAD.size());

        List<String> expectedQuarantine = new ArrayList<>();
        BAD.forEach((value, reason) -> expectedQuarantine.add(reason + "\t" + (value == null ? "" : value)));
        assertThat(quarantine).containsExactlyInAnyOrderElementsOf(expectedQuarantine);
        assertThat(counts.quarantined()).isEqualTo(BAD.size());
        assertThat(counts.late()).isZero();
    }

    /**
     * One partition read by two tasks: the task without a partition goes idle instead of holding event time back, so
     * events are scored while the job runs. A last event far ahead in time moves the watermark past the others.
     */
    @Test
    void anUnboundedJobScoresEventsAsTheyArriveThoughATaskHasNoPartition() throws Exception {
        createTopics(1, "live-events", "live-flags", "live-clean");
        List<BehaviorEvent> events = new ArrayList<>(StreamFixtures.events());
        long last = events.stream().mapToLong(BehaviorEvent::timeMillis).max().orElseThrow();
        produce("live-events", events, false);
        produce("live-events", List.of(new BehaviorEvent("999999999", "1", "1",
                Action.VIEW, last + Duration.ofDays(1).toMillis())), false);
        KafkaStreamOptions kafka = KafkaStreamOptions.defaults(cluster.bootstrapServers(), "live-events", "live-flags",
                "live-clean");
        StreamJobConfig config = StreamJobConfig.builder("jsonl", StreamFixtures.model(), null)
                .checkpointInterval(Duration.ofMillis(300))
                .sourceIdleness(Duration.ofSeconds(1)).build();

        JobClient job = KafkaEndpoints.start(kafka, config, 2, tmp);
        List<String> flags;
        try {
            flags = readCommittedUntil("live-flags", got -> got.size() >= replayFlags.size(), Duration.ofSeconds(40));
        } finally {
            job.cancel().get();
        }

        assertThat(flags).containsExactlyInAnyOrderElementsOf(replayFlags);
    }

    @Test
    void beforeAJobStartsMissingTopicsAndSilentBrokersAreNamed() throws Exception {
        createTopics(1, "present");
        KafkaStreamOptions missing = KafkaStreamOptions.defaults(cluster.bootstrapServers(), "present", "absent-flags",
                "absent-clean");
        assertThatThrownBy(() -> KafkaEndpoints.requireTopics(missing, Duration.ofSeconds(5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Kafka topics absent-flags, absent-clean do not exist at " + cluster.bootstrapServers()
                        + "; create them first");

        KafkaStreamOptions silent = KafkaStreamOptions.defaults("127.0.0.1:1", "present", "f", "c");
        assertThatThrownBy(() -> KafkaEndpoints.requireTopics(silent, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("no Kafka broker answered at 127.0.0.1:1 within 1 s");
    }

    private static void createTopics(int inputPartitions, String input, String... outputs) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
            List<NewTopic> topics = new ArrayList<>();
            topics.add(new NewTopic(input, inputPartitions, (short) 1));
            for (String t : outputs) {
                topics.add(new NewTopic(t, 1, (short) 1));
            }
            admin.createTopics(topics).all().get();
        }
    }

    /**
     * The events as JSON records keyed by user (a user's events stay in order in one partition), and the bad ones;
     * every send is confirmed, so a record lost on the way in fails here rather than as a wrong flag later.
     */
    private static void produce(String topic, List<BehaviorEvent> events, boolean withBad) throws Exception {
        // one request in flight and patient timeouts: on a loaded machine a retried batch must neither reorder nor expire
        Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 120_000, ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 300_000);
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        try (KafkaProducer<String, String> p = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            for (BehaviorEvent e : events) {
                sent.add(p.send(new ProducerRecord<>(topic, e.userId(), JSONL.format(e))));
            }
            if (withBad) {
                for (String value : BAD.keySet()) {
                    sent.add(p.send(new ProducerRecord<>(topic, "bad", value)));
                }
            }
            p.flush();
            for (Future<RecordMetadata> f : sent) {
                f.get();
            }
        }
    }

    private static KafkaConsumer<String, String> consumer() {
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }

    /** Every committed record of a topic no one writes to any more (up to its last stable offset). */
    private static List<String> readCommitted(String topic) {
        try (KafkaConsumer<String, String> c = consumer()) {
            List<TopicPartition> parts = c.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            List<String> out = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (parts.stream().anyMatch(p -> c.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(topic + ": read " + out.size() + " records, not at " + end + " after 30 s");
                }
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                    out.add(r.value());
                }
            }
            return out;
        }
    }

    /** Committed records of a topic being written, read until {@code enough} holds or {@code patience} runs out. */
    private static List<String> readCommittedUntil(String topic, Predicate<List<String>> enough, Duration patience) {
        try (KafkaConsumer<String, String> c = consumer()) {
            List<TopicPartition> parts = c.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            List<String> out = new ArrayList<>();
            long deadline = System.nanoTime() + patience.toNanos();
            while (!enough.test(out) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                    out.add(r.value());
                }
            }
            return out;
        }
    }
}
