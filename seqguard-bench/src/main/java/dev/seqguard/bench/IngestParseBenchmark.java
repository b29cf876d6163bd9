package dev.seqguard.bench;

import dev.seqguard.core.io.EventReader;
import dev.seqguard.core.io.IngestBenchmark;
import dev.seqguard.core.io.IngestInput;
import dev.seqguard.core.io.IngestOptions;
import dev.seqguard.core.io.QuarantineSink;
import dev.seqguard.core.io.TimeRule;
import dev.seqguard.core.model.Action;
import dev.seqguard.core.model.BehaviorEvent;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Parse + validate of the Taobao sample, replicated in memory as {@code bench ingest} does (copy k prefixes its
 * lines with k, so the copies are distinct), one thread. The peer is the plain JDK way with no validation beyond
 * what parsing throws: {@code BufferedReader.readLine}, {@code String.split}, {@code Long.parseLong} and the same
 * event; ours checks every line (quarantine reasons, duplicate window, time rule). Rows: ours with the default
 * {@code auto} time rule (two passes), ours with one pass ({@code none} rule), ours without the duplicate window,
 * and the peer. Time per whole buffer; events/s = lines / time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
public class IngestParseBenchmark {

    @Param({"15"})
    public int copies;

    private byte[] data;
    private EventReader auto;
    private EventReader onePass;
    private EventReader noWindow;

    @Setup
    public void setUp() throws IOException {
        Path sample = Path.of(System.getProperty("seqguard.taobao", "/work/shared/data/taobao/UserBehavior-sample.csv"));
        data = IngestBenchmark.replicate(Files.readAllBytes(sample), copies);
        IngestOptions options = IngestOptions.defaults("taobao", null);
        auto = new EventReader(options);
        onePass = new EventReader(options.withTimeRule(TimeRule.parse("none")));
        noWindow = new EventReader(options.withDuplicateWindow(0));
    }

    @Benchmark
    public long oursAutoRule(Blackhole hole) throws IOException {
        return auto.read(IngestInput.of(data, "bench"), hole::consume, QuarantineSink.DISCARD).accepted();
    }

    @Benchmark
    public long oursOnePass(Blackhole hole) throws IOException {
        return onePass.read(IngestInput.of(data, "bench"), hole::consume, QuarantineSink.DISCARD).accepted();
    }

    @Benchmark
    public long oursAutoRuleNoDuplicateWindow(Blackhole hole) throws IOException {
        return noWindow.read(IngestInput.of(data, "bench"), hole::consume, QuarantineSink.DISCARD).accepted();
    }

    @Benchmark
    public long jdkSplitPeer(Blackhole hole) throws IOException {
        long n = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(data),
                StandardCharsets.UTF_8), 1 << 16)) {
            String line;
            while ((line = in.readLine()) != null) {
                String[] f = line.split(",");
                Action action = switch (f[3]) {
                    case "pv" -> Action.VIEW;
                    case "cart" -> Action.CART;
                    case "fav" -> Action.FAV;
                    case "buy" -> Action.BUY;
                    default -> null;
                };
                if (action != null) {
                    hole.consume(new BehaviorEvent(f[0], f[1], f[2], action, Long.parseLong(f[4]) * 1000L));
                    n++;
                }
            }
        }
        return n;
    }
}
