package dev.seqguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seqguard.flink.JobArguments;
import dev.seqguard.flink.KafkaStreamOptions;
import dev.seqguard.flink.StreamJobConfig;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code flink run} of the job jar takes the options of {@code seqguard stream}: the same names, units and defaults. */
class StreamJobArgumentsTest {
    private static final Set<String> OLD_OR_JOB_ONLY = Set.of("out-of-orderness-ms", "checkpoint-ms",
            "idle-state-timeout-ms", "source-idleness-ms", "kafka-transaction-timeout-ms", "model-updates",
            "model-updates-poll", "model-updates-poll-ms");

    @Test
    void everyOptionTheJobReadsIsAnOptionOfStream() {
        JobArguments a = JobArguments.parse(new String[] {"--kafka", "b:9092", "--in-topic", "e", "--flags-topic", "f",
                "--clean-topic", "c", "--model", "m", "--events", "x", "--out", "o"});
        a.config();
        a.kafka();
        a.modelUpdatesPoll();
        a.path("events");
        a.path("out");
        a.path("model-updates");
        Set<String> stream = new CommandLine(new StreamCommand()).getCommandSpec().optionsMap().keySet().stream()
                .map(n -> n.substring(2)).collect(Collectors.toSet());

        assertThat(a.namesRead()).contains("out-of-orderness", "checkpoint-interval", "kafka-transaction-timeout");
        assertThat(a.namesRead().stream().filter(n -> !OLD_OR_JOB_ONLY.contains(n))).allSatisfy(n ->
                assertThat(stream).as("seqguard stream options").contains(n));
    }

    @Test
    void durationsAreSecondsAsInStreamAndTheOldMillisecondSpellingsStillWork() {
        StreamJobConfig now = JobArguments.parse(new String[] {"--model", "m", "--out-of-orderness", "60",
                "--checkpoint-interval", "0.5", "--idle-state-timeout", "3600"}).config();
        StreamJobConfig old = JobArguments.parse(new String[] {"--model", "m", "--out-of-orderness-ms", "60000",
                "--checkpoint-ms", "500", "--idle-state-timeout-ms", "3600000"}).config();

        assertThat(now.outOfOrderness()).isEqualTo(Duration.ofMinutes(1));
        assertThat(now.checkpointInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(now).isEqualTo(old);
        assertThat(JobArguments.parse(new String[] {"--model", "m"}).config())
                .isEqualTo(StreamJobConfig.defaults("taobao", java.nio.file.Path.of("m"), null));
        KafkaStreamOptions k = JobArguments.parse(new String[] {"--kafka", "b:9092", "--in-topic", "e", "--flags-topic",
                "f", "--clean-topic", "c", "--kafka-transaction-timeout", "60", "--kafka-bounded"}).kafka();
        assertThat(k.transactionTimeout()).isEqualTo(Duration.ofMinutes(1));
        assertThat(k.bounded()).isTrue();
    }
}
