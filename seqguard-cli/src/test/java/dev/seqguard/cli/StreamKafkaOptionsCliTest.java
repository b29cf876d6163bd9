package dev.seqguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seqguard.cli.CliEndToEndTest.Run;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code seqguard stream}'s Kafka options, as a user mistypes them: each mistake is one clear line naming the option,
 * exit code 2, no stack trace, and nothing is started (no broker is needed to find these).
 */
class StreamKafkaOptionsCliTest {
    private static final List<String> TOPICS = List.of("--kafka", "localhost:9092", "--in-topic", "events",
            "--flags-topic", "flags", "--clean-topic", "clean");

    private static List<String> with(List<String> base, String... more) {
        List<String> args = new ArrayList<>(base);
        args.addAll(List.of(more));
        return args;
    }

    static List<Arguments> mistakes() {
        return List.of(
                Arguments.of(List.of("--kafka", "localhost:9092", "--flags-topic", "f", "--clean-topic", "c",
                        "--quarantine-topic", "q"), "--kafka needs --in-topic T"),
                Arguments.of(List.of("--kafka", "localhost:9092", "--in-topic", "e", "--clean-topic", "c",
                        "--quarantine-topic", "q"), "--kafka needs --flags-topic F"),
                Arguments.of(List.of("--kafka", "localhost:9092", "--in-topic", "e", "--flags-topic", "f",
                        "--quarantine-topic", "q"), "--kafka needs --clean-topic C"),
                Arguments.of(TOPICS, "--kafka needs --quarantine-topic Q or --out DIR"),
                Arguments.of(with(TOPICS, "--events", "events.csv", "--quarantine-topic", "q"),
                        "--events and --kafka exclude each other"),
                Arguments.of(List.of("--events", "events.csv", "--out", "o", "--in-topic", "events"),
                        "--in-topic needs --kafka BROKERS"),
                Arguments.of(List.of("--events", "events.csv", "--out", "o", "--kafka-bounded"),
                        "--kafka-bounded needs --kafka BROKERS"),
                Arguments.of(List.of("--out", "o"), "missing input: give --events FILE, or --kafka BROKERS"),
                Arguments.of(with(TOPICS, "--quarantine-topic", "flags"), "Kafka topics must differ, but 'flags'"),
                Arguments.of(List.of("--kafka", "localhost:9092", "--in-topic", "my events", "--flags-topic", "f",
                        "--clean-topic", "c", "--quarantine-topic", "q"), "Kafka in topic must be 1 to 249 of"),
                Arguments.of(List.of("--kafka", " ", "--in-topic", "e", "--flags-topic", "f", "--clean-topic", "c",
                        "--quarantine-topic", "q"), "Kafka brokers must be host:port"),
                Arguments.of(with(TOPICS, "--quarantine-topic", "q", "--kafka-start", "yesterday"),
                        "unknown Kafka start 'yesterday'"),
                Arguments.of(with(TOPICS, "--quarantine-topic", "q", "--kafka-transaction-timeout", "0"),
                        "transaction timeout must be at least 1 s"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("mistakes")
    void aKafkaOptionMistakeIsOneClearLineAndExitCode2(List<String> args, String message) {
        Run r = CliEndToEndTest.run(with(List.of("stream", "--model", "no-such-model"), args.toArray(String[]::new))
                .toArray(String[]::new));

        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).contains("seqguard stream: " + message).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(r.out()).isEmpty();
    }
}
