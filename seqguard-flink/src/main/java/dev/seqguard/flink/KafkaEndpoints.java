package dev.seqguard.flink;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;

/**
 * The job's Kafka source and sinks; {@link SeqGuardStreamJob#build} stays unaware of where its lines come from and go.
 *
 * <p>Input: one event per record, the record's value a line of the job's layout (UTF-8; {@code jsonl} by default,
 * one JSON object per record); a record without a value becomes an empty line, which the parser quarantines. Output:
 * exactly-once transactional sinks for flags, clean events and (with a quarantine topic) quarantined records, values
 * as the file sinks' lines, no keys. A transaction spans one checkpoint interval and commits when the checkpoint
 * completes: consumers see the records only then, and only with {@code isolation.level=read_committed} do they see
 * each exactly once (a {@code read_uncommitted} consumer also sees records of aborted transactions).
 */
public final class KafkaEndpoints {
    /** With Kafka, a parse task without events for this long stops holding back event time. */
    public static final long DEFAULT_SOURCE_IDLENESS_SECONDS = 30;
    public static final Duration DEFAULT_SOURCE_IDLENESS = Duration.ofSeconds(DEFAULT_SOURCE_IDLENESS_SECONDS);
    /** How long {@link #start} waits for a broker to list the topics. */
    static final Duration BROKER_PATIENCE = Duration.ofSeconds(10);

    private KafkaEndpoints() {
    }

    /**
     * Records of {@code options.inTopic()} as lines, read with {@code isolation.level=read_committed} (so events
     * written by a transactional producer count once), from {@link KafkaStreamOptions#startFrom()}; bounded by the
     * end offsets at the job's start when {@link KafkaStreamOptions#bounded()}.
     */
    @SuppressWarnings("deprecation") // the connector's committedOffsets still takes Kafka's deprecated OffsetResetStrategy
    public static KafkaSource<String> kafkaSource(KafkaStreamOptions options) {
        OffsetsInitializer start = switch (options.startFrom()) {
            case EARLIEST -> OffsetsInitializer.earliest();
            case LATEST -> OffsetsInitializer.latest();
            case COMMITTED -> OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
        };
        KafkaSourceBuilder<String> b = KafkaSource.<String>builder()
                .setBootstrapServers(options.brokers())
                .setTopics(options.inTopic())
                .setGroupId(options.groupId())
                .setStartingOffsets(start)
                .setDeserializer(new RecordLines())
                .setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        if (options.bounded()) {
            b.setBounded(OffsetsInitializer.latest());
        }
        return b.build();
    }

    /** {@link #kafkaSource} added to {@code env}, as operator {@code kafka-events}. */
    public static DataStream<String> source(StreamExecutionEnvironment env, KafkaStreamOptions options) {
        return env.fromSource(kafkaSource(options), WatermarkStrategy.noWatermarks(), "kafka-events")
                .uid("kafka-events");
    }

    /**
     * An exactly-once sink of lines to {@code topic}, its transactional ids {@code <prefix>-<role>}, its transactions
     * timing out after {@link KafkaStreamOptions#transactionTimeout()}.
     */
    public static KafkaSink<String> kafkaSink(KafkaStreamOptions options, String topic, String role) {
        return KafkaSink.<String>builder()
                .setBootstrapServers(options.brokers())
                .setRecordSerializer(KafkaRecordSerializationSchema.<String>builder()
                        .setTopic(topic)
                        .setValueSerializationSchema(new SimpleStringSchema(StandardCharsets.UTF_8))
                        .build())
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(options.transactionalIdPrefix() + "-" + role)
                .setProperty(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
                        Long.toString(options.transactionTimeout().toMillis()))
                .build();
    }

    /**
     * Writes flags and clean events to their topics; quarantined records to the quarantine topic, or, without one,
     * to part files under {@code quarantineDir}{@code /quarantine} (never dropped).
     *
     * @param quarantineDir output directory for quarantine files, used only without a quarantine topic
     * @throws IllegalArgumentException with neither a quarantine topic nor a directory
     */
    public static void sinkTo(SeqGuardStreamJob.Outputs outputs, KafkaStreamOptions options, Path quarantineDir) {
        if (options.quarantineTopic() == null && quarantineDir == null) {
            throw new IllegalArgumentException("quarantined records need a place: give a quarantine topic or an"
                    + " output directory");
        }
        outputs.flags().sinkTo(kafkaSink(options, options.flagsTopic(), "flags")).name("flags-kafka").uid("flags-kafka");
        outputs.clean().sinkTo(kafkaSink(options, options.cleanTopic(), "clean")).name("clean-kafka").uid("clean-kafka");
        if (options.quarantineTopic() != null) {
            outputs.quarantine().sinkTo(kafkaSink(options, options.quarantineTopic(), "quarantine"))
                    .name("quarantine-kafka").uid("quarantine-kafka");
        } else {
            outputs.quarantine().sinkTo(SeqGuardStreamJob.fileSink(quarantineDir.resolve("quarantine")))
                    .name("quarantine-files").uid("quarantine-files");
        }
    }

    /**
     * Starts the Kafka-to-Kafka job in an embedded local mini-cluster and returns at once; {@link #await} waits for
     * its end (a bounded job ends by itself, an unbounded one when cancelled through the returned client).
     *
     * @param quarantineDir see {@link #sinkTo}
     * @throws IllegalArgumentException for a model the keyed job cannot score, a transaction timeout not above the
     *                                  checkpoint interval (each transaction stays open for one interval), brokers
     *                                  that do not answer or a missing topic ({@link #requireTopics})
     */
    public static JobClient start(KafkaStreamOptions options, StreamJobConfig config, int parallelism,
                                  Path quarantineDir) throws Exception {
        if (options.transactionTimeout().compareTo(config.checkpointInterval()) <= 0) {
            throw new IllegalArgumentException("transaction timeout " + options.transactionTimeout() + " must exceed"
                    + " the checkpoint interval " + config.checkpointInterval() + ": a transaction stays open for one");
        }
        SeqGuardStreamJob.requireKeyedModel(config.loadModel());
        requireTopics(options, BROKER_PATIENCE);
        // checkpoints go to files: the JobManager's memory refuses task state over 5 MB, and the job then restarts
        // forever; a local run's checkpoints serve only its own restarts, so a temporary directory does
        if (config.checkpointDir() == null) {
            Path tmp = Files.createTempDirectory("seqguard-checkpoints");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    SeqGuardStreamJob.deleteRecursively(tmp);
                } catch (IOException e) {
                    // the JVM is exiting: a left-over temporary directory is all that is lost
                }
            }));
            config = config.toBuilder().checkpointDir(tmp.toString()).build();
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism,
                SeqGuardStreamJob.flinkConfiguration(config));
        SeqGuardStreamJob.configure(env, config);
        sinkTo(SeqGuardStreamJob.build(source(env, options), config), options, quarantineDir);
        return env.executeAsync("seqguard stream " + options.inTopic());
    }

    /**
     * Checks from the client, before a job starts, that a broker answers within {@code patience} and that every topic
     * of {@code options} exists (SeqGuard creates no topics: their partitions and retention are the operator's
     * choice). A job started without this would retry unreachable brokers silently.
     *
     * @throws IllegalArgumentException naming the brokers, or the missing topics
     */
    public static void requireTopics(KafkaStreamOptions options, Duration patience) {
        Map<String, Object> props = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, options.brokers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) patience.toMillis(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) patience.toMillis());
        Set<String> existing;
        try (Admin admin = Admin.create(props)) {
            existing = admin.listTopics().names().get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (KafkaException | ExecutionException | TimeoutException e) {
            throw new IllegalArgumentException("no Kafka broker answered at " + options.brokers() + " within "
                    + patience.toSeconds() + " s" + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking " + options.brokers() + " for its topics", e);
        }
        List<String> missing = Stream.of(options.inTopic(), options.flagsTopic(), options.cleanTopic(),
                options.quarantineTopic()).filter(t -> t != null && !existing.contains(t)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("Kafka topic" + (missing.size() == 1 ? " " : "s ")
                    + String.join(", ", missing) + (missing.size() == 1 ? " does" : " do") + " not exist at "
                    + options.brokers() + "; create " + (missing.size() == 1 ? "it" : "them") + " first");
        }
    }

    /** Waits for a job {@link #start}ed here to finish and returns what it counted. */
    public static SeqGuardStreamJob.Counts await(JobClient job) throws Exception {
        return SeqGuardStreamJob.counts(job.getJobExecutionResult().get());
    }

    /** Record values as UTF-8 lines; a record without a value as an empty line, to be quarantined, not dropped. */
    static final class RecordLines implements KafkaRecordDeserializationSchema<String> {
        private static final long serialVersionUID = 1L;

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<String> out) {
            out.collect(record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8));
        }

        @Override
        public TypeInformation<String> getProducedType() {
            return Types.STRING;
        }
    }
}
