package dev.seqguard.bench;

import dev.seqguard.detect.api.DetectionData;
import dev.seqguard.detect.ml.LofDetector;
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
 * Our LOF against ELKI's (k = 20, Euclidean) on the same robust-scaled rows. ELKI computes every training row's
 * LOF in one run, so ours is timed as fit plus scoring the same rows; ELKI's time includes building its database,
 * which is part of calling it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 4, time = 2)
@Fork(1)
public class LofBenchmark {

    @Param({"thyroid", "satimage-2", "gaussian-10000"})
    public String data;

    private DetectionData table;
    private double[][] scaled;
    private LofDetector detector;
    private LofDetector.Config config;

    @Setup
    public void setUp() {
        table = BenchTables.named(data);
        scaled = Peers.robustScaled(table);
        detector = new LofDetector();
        config = detector.config(Map.of(), 42);
        System.out.printf(Locale.ROOT, "%n[quality] %s: ROC-AUC ours %.4f, ELKI %.4f%n", data,
                BenchTables.rocAuc(oursFitScore(), table.labels()),
                BenchTables.rocAuc(elkiFitScore(), table.labels()));
    }

    @Benchmark
    public double[] oursFitScore() {
        return detector.fit(table, config).score(table);
    }

    @Benchmark
    public double[] elkiFitScore() {
        return Peers.elkiLof(scaled, 20);
    }
}
