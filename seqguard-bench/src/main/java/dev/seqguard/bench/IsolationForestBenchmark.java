package dev.seqguard.bench;

import dev.seqguard.detect.api.DetectionData;
import dev.seqguard.detect.api.FittedDetector;
import dev.seqguard.detect.ml.IsolationForestDetector;
import dev.seqguard.detect.ml.forest.IsolationForestGrower;
import java.util.Locale;
import java.util.Map;
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

/**
 * Our isolation forest against Smile's on the same rows: 100 trees, psi 256, height limit ceil(log2 psi),
 * axis-parallel splits. Each benchmark fits or scores every row of the table once. Smile's {@code fit} and batch
 * {@code score(double[][])} run parallel streams; {@code smileScoreOneThread} is its per-row scoring.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class IsolationForestBenchmark {

    @Param({"mammography", "shuttle", "gaussian-50000"})
    public String data;

    private DetectionData table;
    private double[][] rows;
    private IsolationForestDetector detector;
    private IsolationForestDetector.Config config;
    private FittedDetector ours;
    private smile.anomaly.IsolationForest peer;
    private int depth;

    @Setup
    public void setUp() {
        table = BenchTables.named(data);
        rows = table.features().values();
        detector = new IsolationForestDetector();
        config = detector.config(Map.of(), 42);
        depth = IsolationForestGrower.heightLimit(Math.min(256, rows.length));
        smile.math.MathEx.setSeed(42);
        ours = detector.fit(table, config);
        peer = Peers.smileForest(rows, 100, 256, depth);
        System.out.printf(Locale.ROOT, "%n[quality] %s: ROC-AUC ours %.4f, Smile %.4f%n", data,
                BenchTables.rocAuc(ours.score(table), table.labels()),
                BenchTables.rocAuc(Peers.smileScoreSequential(peer, rows), table.labels()));
    }

    @Benchmark
    public double[] oursScore() {
        return ours.score(table);
    }

    @Benchmark
    public double[] smileScoreOneThread() {
        return Peers.smileScoreSequential(peer, rows);
    }

    @Benchmark
    public double[] smileScoreParallel() {
        return peer.score(rows);
    }

    @Benchmark
    public Object oursFit() {
        return detector.fit(table, config);
    }

    @Benchmark
    public Object smileFitParallel() {
        return Peers.smileForest(rows, 100, 256, depth);
    }
}
