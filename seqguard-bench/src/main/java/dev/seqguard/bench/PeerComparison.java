package dev.seqguard.bench;

import dev.seqguard.detect.api.DetectionData;
import dev.seqguard.detect.api.FittedDetector;
import dev.seqguard.detect.ml.IsolationForestDetector;
import dev.seqguard.detect.ml.LofDetector;
import dev.seqguard.detect.ml.forest.IsolationForestGrower;
import dev.seqguard.detect.ml.forest.IsolationForestModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Times our detectors against their peers in one JVM, on the same data with the same settings, and prints a
 * table of median wall-clock times, the ratio ours/peer (below 1 = we are faster), and each side's ROC-AUC.
 *
 * <ul>
 *   <li>iforest vs Smile 3.1.1 {@code IsolationForest} (100 trees, psi 256, height limit 8, extension level 0).
 *       Scoring is compared one thread to one thread (Smile's per-row {@code score(double[])}, ours in slices
 *       below the parallel threshold), and batch API to batch API (both spread large batches over the common
 *       fork-join pool). Smile's fit runs a parallel stream; ours one thread.</li>
 *   <li>lof vs ELKI 0.8.0 {@code LOF} (k = 20, Euclidean, linear scan) on the same robust-scaled rows; ELKI
 *       computes fit and score in one pass, so ours is timed as fit + score of the same rows.</li>
 * </ul>
 *
 * <p>Usage: {@code java -cp seqguard-bench/target/benchmarks.jar dev.seqguard.bench.PeerComparison [repeats]}.
 */
public final class PeerComparison {

    private static final long SEED = 42;
    private static volatile double sink;

    private record Row(String task, String data, int rows, int cols, double oursMs, double peerMs, double oursAuc,
                       double peerAuc) {
    }

    private PeerComparison() {
    }

    public static void main(String[] args) {
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        List<Row> rows = new ArrayList<>();
        for (String table : List.of("mammography", "shuttle", "satimage-2")) {
            rows.addAll(isolationForest(table, BenchTables.odds(table), repeats));
        }
        rows.addAll(isolationForest("gaussian", BenchTables.gaussian(50_000, 8, SEED), repeats));
        for (String table : List.of("pima", "thyroid", "satimage-2")) {
            rows.add(lof(table, BenchTables.odds(table), repeats));
        }
        rows.add(lof("gaussian", BenchTables.gaussian(10_000, 8, SEED), repeats));
        print(rows);
    }

    private static List<Row> isolationForest(String name, DetectionData data, int repeats) {
        IsolationForestDetector ours = new IsolationForestDetector();
        IsolationForestDetector.Config config = ours.config(Map.of(), SEED);
        double[][] x = data.features().values();
        int depth = IsolationForestGrower.heightLimit(Math.min(256, x.length));
        smile.math.MathEx.setSeed(SEED);
        FittedDetector fitted = ours.fit(data, config);
        smile.anomaly.IsolationForest peer = Peers.smileForest(x, 100, 256, depth);
        double oursAuc = BenchTables.rocAuc(fitted.score(data), data.labels());
        double peerAuc = BenchTables.rocAuc(Peers.smileScoreSequential(peer, x), data.labels());
        int n = x.length;
        int d = x[0].length;
        double[] fit = medians(repeats, () -> ours.fit(data, config), () -> Peers.smileForest(x, 100, 256, depth));
        IsolationForestModel forest = ((IsolationForestDetector.FittedIsolationForest) fitted).forest();
        double[] score = medians(repeats, () -> oneThread(forest, x), () -> Peers.smileScoreSequential(peer, x));
        double[] batch = medians(repeats, () -> fitted.score(data), () -> peer.score(x));
        return List.of(
                new Row("iforest fit (Smile: parallel)", name, n, d, fit[0], fit[1], oursAuc, peerAuc),
                new Row("iforest score, 1 thread each", name, n, d, score[0], score[1], oursAuc, peerAuc),
                new Row("iforest score, batch APIs", name, n, d, batch[0], batch[1], oursAuc, peerAuc));
    }

    /** Our batch scoring in slices small enough to stay on the calling thread. */
    private static double[] oneThread(IsolationForestModel forest, double[][] x) {
        double[] out = new double[x.length];
        for (int from = 0; from < x.length; from += 4096) {
            int to = Math.min(x.length, from + 4096);
            System.arraycopy(forest.scores(Arrays.copyOfRange(x, from, to)), 0, out, from, to - from);
        }
        return out;
    }

    private static Row lof(String name, DetectionData data, int repeats) {
        LofDetector ours = new LofDetector();
        LofDetector.Config config = ours.config(Map.of(), SEED);
        double[][] scaled = Peers.robustScaled(data);
        double oursAuc = BenchTables.rocAuc(ours.fit(data, config).score(data), data.labels());
        double peerAuc = BenchTables.rocAuc(Peers.elkiLof(scaled, 20), data.labels());
        double[] ms = medians(Math.max(3, repeats / 2), () -> ours.fit(data, config).score(data),
                () -> Peers.elkiLof(scaled, 20));
        return new Row("lof fit+score", name, data.size(), data.features().columns(), ms[0], ms[1], oursAuc, peerAuc);
    }

    /**
     * Median wall-clock milliseconds of {@code repeats} runs of each, after as many warm-up runs; ours and the
     * peer's runs alternate so that both see the same machine load.
     */
    private static double[] medians(int repeats, Supplier<Object> ours, Supplier<Object> peer) {
        for (int i = 0; i < repeats; i++) {
            sink += consume(ours.get()) + consume(peer.get());
        }
        double[] oursMs = new double[repeats];
        double[] peerMs = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            oursMs[i] = timed(ours);
            peerMs[i] = timed(peer);
        }
        Arrays.sort(oursMs);
        Arrays.sort(peerMs);
        return new double[] {oursMs[repeats / 2], peerMs[repeats / 2]};
    }

    private static double timed(Supplier<Object> work) {
        long t0 = System.nanoTime();
        Object result = work.get();
        double ms = (System.nanoTime() - t0) / 1e6;
        sink += consume(result);
        return ms;
    }

    private static double consume(Object result) {
        return result instanceof double[] a && a.length > 0 ? a[0] : result.hashCode();
    }

    private static void print(List<Row> rows) {
        String format = "%-32s %-12s %7s %4s %10s %10s %10s %9s %9s%n";
        System.out.printf(Locale.ROOT, format, "task", "data", "rows", "cols", "ours ms", "peer ms", "ours/peer",
                "AUC ours", "AUC peer");
        for (Row r : rows) {
            System.out.printf(Locale.ROOT, format, r.task(), r.data(), r.rows(), r.cols(), fmt(r.oursMs()),
                    fmt(r.peerMs()), String.format(Locale.ROOT, "%.3f", r.oursMs() / r.peerMs()),
                    String.format(Locale.ROOT, "%.3f", r.oursAuc()), String.format(Locale.ROOT, "%.3f", r.peerAuc()));
        }
        System.out.printf(Locale.ROOT, "(JVM %s, %d processors; ratio < 1: ours faster)%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
    }

    private static String fmt(double ms) {
        return String.format(Locale.ROOT, ms < 10 ? "%.3f" : "%.1f", ms);
    }
}
