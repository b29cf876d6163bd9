package dev.seqguard.eval.select;

import dev.seqguard.detect.DetectorRegistry;
import dev.seqguard.detect.api.DetectionData;
import dev.seqguard.detect.api.Detector;
import dev.seqguard.detect.api.FittedDetector;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;

/** A fit on some data and a score of (usually the same) data, with wall time and allocated heap measured. */
record Timed(FittedDetector model, double[] scores, long fitMillis, long scoreMillis, double allocatedMb) {

    static Timed fitAndScore(Detector<?> d, DetectionData train, DetectionData scored, long seed) {
        return fitAndScore(train, scored, () -> DetectorRegistry.fit(d, train, Map.of(), seed));
    }

    static <C extends Record> Timed fitAndScore(Detector<C> d, C config, DetectionData train, DetectionData scored) {
        return fitAndScore(train, scored, () -> d.fit(train, config));
    }

    private static Timed fitAndScore(DetectionData train, DetectionData scored,
                                     java.util.function.Supplier<FittedDetector> fit) {
        long alloc0 = allocatedBytes();
        long t0 = System.nanoTime();
        FittedDetector model = fit.get();
        long t1 = System.nanoTime();
        double[] scores = model.score(scored.withoutLabels());
        long t2 = System.nanoTime();
        long alloc = allocatedBytes() - alloc0;
        return new Timed(model, scores, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000,
                alloc0 < 0 ? Double.NaN : alloc / (1024.0 * 1024.0));
    }

    private static long allocatedBytes() {
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        if (bean instanceof com.sun.management.ThreadMXBean sun && sun.isThreadAllocatedMemorySupported()) {
            return sun.getThreadAllocatedBytes(Thread.currentThread().getId());
        }
        return -1;
    }
}
