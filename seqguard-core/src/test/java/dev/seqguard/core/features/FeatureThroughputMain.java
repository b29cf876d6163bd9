package dev.seqguard.core.features;

import dev.seqguard.core.model.BehaviorEvent;
import dev.seqguard.core.model.Sequence;
import dev.seqguard.core.seq.SequenceBuilder;
import dev.seqguard.core.seq.SequenceOptions;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Throughput of sequencing + context + features on the Taobao sample, one thread. Prints wall time and the thread's
 * CPU time (the latter is steadier on a shared machine; it leaves out GC threads). A plain main so the normal test run
 * never times anything: {@code java -cp target/classes:target/test-classes dev.seqguard.core.features.FeatureThroughputMain}.
 */
public final class FeatureThroughputMain {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private FeatureThroughputMain() {
    }

    public static void main(String[] args) {
        List<BehaviorEvent> events = TaobaoSample.load();
        for (SequenceOptions options : List.of(SequenceOptions.defaults(), SequenceOptions.sessions(SequenceOptions.DEFAULT_SESSION_GAP_MILLIS))) {
            SequenceBuilder builder = new SequenceBuilder(options);
            SequenceFeatureExtractor extractor = new SequenceFeatureExtractor();
            long checksum = 0;
            int warmups = 10;
            int runs = 21;
            double[] seconds = new double[runs];
            double[] cpuSeconds = new double[runs];
            for (int r = -warmups; r < runs; r++) {
                long cpuStart = THREADS.getCurrentThreadCpuTime();
                long start = System.nanoTime();
                List<Sequence> sequences = builder.build(events);
                FeatureContext ctx = FeatureContext.ofSequences(sequences);
                FeatureMatrix m = extractor.extract(sequences, ctx);
                long elapsed = System.nanoTime() - start;
                long cpu = THREADS.getCurrentThreadCpuTime() - cpuStart;
                checksum += m.rows();
                if (r >= 0) {
                    seconds[r] = elapsed / 1e9;
                    cpuSeconds[r] = cpu / 1e9;
                }
            }
            Arrays.sort(seconds);
            Arrays.sort(cpuSeconds);
            double median = seconds[runs / 2];
            double cpuMedian = cpuSeconds[runs / 2];
            System.out.printf(Locale.ROOT, "%s: %d events -> %d rows, %d runs after %d warm-ups: wall median %.1f ms = %.0f events/s"
                            + " (min %.1f, max %.1f ms); thread CPU median %.1f ms = %.0f events/s%n",
                    options.unit(), events.size(), checksum / (warmups + runs), runs, warmups, median * 1e3,
                    events.size() / median, seconds[0] * 1e3, seconds[runs - 1] * 1e3, cpuMedian * 1e3,
                    events.size() / cpuMedian);
        }
    }
}
