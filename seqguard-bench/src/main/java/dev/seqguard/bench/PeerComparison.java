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
 *   <li>lof vs ELKI 0.8.0 {@code LOF} (k = 20, Euclidean) on the same robust-scaled rows, three times: ELKI with a
 *       linear scan, with its in-memory kd-tree and with its cover tree (ELKI's default settings for both); ELKI
 *       computes fit and score in one pass, so ours is timed as fit + score of the same rows. A warning is printed
 *       if the scores differ from ELKI's.</li>
 *   <li>isolation-forest ROC-AUC, ours and Smile's, over five seeds.</li>
 * </ul>
 *
 * <p>Usage: {@code java -cp seqguard-bench/target/benchmarks.jar dev.seqguard.bench.PeerComparison [repeats]
 * [all|iforest|lof|auc]}.
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
        String only = args.length > 1 ? args[1] : "all";
        List<Row> rows = new ArrayList<>();
        if (only.equals("all") || only.equals("iforest")) {
            for (String table : List.of("mammography", "shuttle", "satimage-2")) {
                rows.addAll(isolationForest(table, BenchTables.odds(table), repeats));
            }
            rows.addAll(isolationForest("gaussian", BenchTables.gaussian(50_000, 8, SEED), repeats));
        }
        if (only.equals("all") || only.equals("lof")) {
            for (String table : List.of("pima", "thyroid", "satimage-2")) {
                rows.addAll(lof(table, BenchTables.odds(table), repeats));
            }
            rows.addAll(lof("gaussian", BenchTables.gaussian(10_000, 8, SEED), repeats));
        }
        print(rows);
        if (only.equals("all") || only.equals("auc")) {
            forestQualityOverSeeds();
        }
    }

    /**
     * Forests differ by their random draws, so one seed's ROC-AUC says little: mean and range over five seeds of
     * ours and Smile's, each seed fitting both.
     */
    private static void forestQualityOverSeeds() {
        System.out.printf(Locale.ROOT, "%nisolation forest ROC-AUC over seeds 1..5 (mean [min, max])%n");
        System.out.printf(Locale.ROOT, "%-12s %-24s %-24s %8s%n", "data", "ours", "Smile", "diff");
        List<String> tables = List.of("mammography", "shuttle", "satimage-2", "gaussian");
        for (String name : tables) {
            DetectionData data = name.equals("gaussian") ? BenchTables.gaussian(50_000, 8, SEED) : BenchTables.odds(name);
            double[][] x = data.features().values();
            int depth = IsolationForestGrower.heightLimit(Math.min(256, x.length));
            IsolationForestDetector ours = new IsolationForestDetector();
            double[] o = new double[5];
            double[] p = new double[5];
            for (int seed = 1; seed <= 5; seed++) {
                o[seed - 1] = BenchTables.rocAuc(ours.fit(data, ours.config(Map.of(), seed)).score(data), data.labels());
                smile.math.MathEx.setSeed(seed);
                p[seed - 1] = BenchTables.rocAuc(Peers.smileScoreSequential(Peers.smileForest(x, 100, 256, depth), x),
                        data.labels());
            }
            System.out.printf(Locale.ROOT, "%-12s %-24s %-24s %+8.3f%n", name, summary(o), summary(p),
                    mean(o) - mean(p));
        }
    }

    private static String summary(double[] v) {
        return String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", mean(v), Arrays.stream(v).min().orElse(0),
                Arrays.stream(v).max().orElse(0));
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElse(Double.NaN);
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

    /** Our LOF against ELKI's with a linear scan, with its kd-tree and with its cover tree. */
    private static List<Row> lof(String name, DetectionData data, int repeats) {
        LofDetector ours = new LofDetector();
        LofDetector.Config config = ours.config(Map.of(), SEED);
        double[][] scaled = Peers.robustScaled(data);
        double[] oursScores = ours.fit(data, config).score(data);
        double oursAuc = BenchTables.rocAuc(oursScores, data.labels());
        List<Row> rows = new ArrayList<>();
        for (Peers.ElkiIndex index : Peers.ElkiIndex.values()) {
            double[] peerScores = Peers.elkiLof(scaled, 20, index);
            double peerAuc = BenchTables.rocAuc(peerScores, data.labels());
            double[] ms = medians(Math.max(3, repeats / 2), () -> ours.fit(data, config).score(data),
                    () -> Peers.elkiLof(scaled, 20, index));
            String task = switch (index) {
                case NONE -> "lof fit+score vs ELKI scan";
                case KD_TREE -> "lof fit+score vs ELKI kd-tree";
                case COVER_TREE -> "lof fit+score vs ELKI cover tr.";
            };
            rows.add(new Row(task, name, data.size(), data.features().columns(), ms[0], ms[1], oursAuc, peerAuc));
            double gap = maxRelativeGap(oursScores, peerScores);
            if (gap > 1e-9) {
                System.out.printf(Locale.ROOT, "warning: LOF scores on %s differ from ELKI (%s) by up to %.2e%n", name,
                        index, gap);
            }
        }
        return rows;
    }

    private static double maxRelativeGap(double[] a, double[] b) {
        double gap = 0;
        for (int i = 0; i < a.length; i++) {
            gap = Math.max(gap, Math.abs(a[i] - b[i]) / Math.max(1, Math.abs(b[i])));
        }
        return gap;
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
