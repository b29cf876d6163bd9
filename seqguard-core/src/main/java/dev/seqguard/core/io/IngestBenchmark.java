package dev.seqguard.core.io;

import dev.seqguard.core.model.BehaviorEvent;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * A quick in-memory throughput measurement of parse + validate (no disk, no JMH), for {@code seqguard bench} and
 * for checking the ingest speed floor. The input file is loaded once and replicated {@code copies} times; copy
 * {@code k > 0} prefixes every line with the digits of {@code k}, so in layouts whose first field is a numeric id
 * (taobao, diginetica, yoochoose) the copies are distinct lines (no duplicate quarantine) of distinct users. Each run
 * reads the whole replicated buffer through {@link EventReader}, both passes included when the options' time rule
 * is auto; the median of the measured runs is reported.
 */
public final class IngestBenchmark {
    private IngestBenchmark() {
    }

    /**
     * @param linesPerRun          data lines read per run
     * @param acceptedPerRun       events accepted per run
     * @param passes               passes per run (2 with the auto time rule)
     * @param eventsPerSecond      lines read per second, per measured run
     * @param medianEventsPerSecond median of {@code eventsPerSecond}
     * @param medianEventsPerCpuSecond median of lines read per CPU-second of the reading thread: on a machine
     *                                 shared with other work, wall-clock rates measure the load, CPU time the code
     */
    public record Result(long linesPerRun, long acceptedPerRun, int passes, double[] eventsPerSecond,
                         double medianEventsPerSecond, double medianEventsPerCpuSecond) {
        public Result {
            eventsPerSecond = eventsPerSecond.clone();
        }

        @Override
        public double[] eventsPerSecond() {
            return eventsPerSecond.clone();
        }
    }

    /** Loads {@code file} and measures; see the class comment. */
    public static Result measure(Path file, IngestOptions options, int copies, int warmupRuns, int measuredRuns)
            throws IOException {
        byte[] data;
        try {
            data = Files.readAllBytes(file);
            if (data.length > 2 && (data[0] & 0xff) == 0x1f && (data[1] & 0xff) == 0x8b) {
                // measure parsing, not decompression: copies are made of the plain text
                try (java.io.InputStream in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(data))) {
                    data = in.readAllBytes();
                }
            }
        } catch (IOException e) {
            throw new IngestException("cannot read benchmark input " + file + ": " + e.getMessage(), e);
        }
        return measure(replicate(data, copies), options, warmupRuns, measuredRuns);
    }

    /** Measures reading {@code data} (already in memory) {@code warmupRuns + measuredRuns} times. */
    public static Result measure(byte[] data, IngestOptions options, int warmupRuns, int measuredRuns)
            throws IOException {
        if (warmupRuns < 0 || measuredRuns < 1) {
            throw new IllegalArgumentException("need warmupRuns >= 0 and measuredRuns >= 1, got " + warmupRuns
                    + " and " + measuredRuns);
        }
        EventReader reader = new EventReader(options);
        IngestInput input = IngestInput.of(data, "benchmark");
        double[] rates = new double[measuredRuns];
        double[] cpuRates = new double[measuredRuns];
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        boolean cpuTimed = cpu.isCurrentThreadCpuTimeSupported();
        IngestSummary summary = null;
        long sink = 0;
        for (int run = 0; run < warmupRuns + measuredRuns; run++) {
            Blackhole hole = new Blackhole();
            long c0 = cpuTimed ? cpu.getCurrentThreadCpuTime() : 0;
            long t0 = System.nanoTime();
            summary = reader.read(input, hole, QuarantineSink.DISCARD);
            long nanos = System.nanoTime() - t0;
            long cpuNanos = cpuTimed ? cpu.getCurrentThreadCpuTime() - c0 : nanos;
            sink += hole.sum;
            if (run >= warmupRuns) {
                rates[run - warmupRuns] = summary.read() / (nanos / 1e9);
                cpuRates[run - warmupRuns] = summary.read() / (Math.max(1, cpuNanos) / 1e9);
            }
        }
        if (sink == 42) {
            // keeps the consumer's work observable to the JIT; practically never true
            Thread.onSpinWait();
        }
        return new Result(summary.read(), summary.accepted(), summary.passes(), rates, median(rates),
                median(cpuRates));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /**
     * {@code copies} copies of {@code data}; copy {@code k > 0} has the digits of {@code k} before every non-empty
     * line. Every line of the result ends with {@code \n}.
     */
    public static byte[] replicate(byte[] data, int copies) {
        if (copies < 1) {
            throw new IllegalArgumentException("copies must be >= 1, got " + copies);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length * copies + copies * 16);
        for (int k = 0; k < copies; k++) {
            byte[] prefix = k == 0 ? new byte[0] : Integer.toString(k).getBytes(StandardCharsets.US_ASCII);
            int lineStart = 0;
            for (int i = 0; i <= data.length; i++) {
                if (i == data.length || data[i] == '\n') {
                    if (i > lineStart) {
                        out.write(prefix, 0, prefix.length);
                        out.write(data, lineStart, i - lineStart);
                        out.write('\n');
                    } else if (i < data.length) {
                        out.write('\n');
                    }
                    lineStart = i + 1;
                }
            }
        }
        return out.toByteArray();
    }

    private static final class Blackhole implements Consumer<BehaviorEvent> {
        long sum;

        @Override
        public void accept(BehaviorEvent e) {
            sum += e.timeMillis() ^ e.userId().length();
        }
    }
}
