package dev.seqguard.flink;

import dev.seqguard.core.io.EventFormat;
import dev.seqguard.core.model.BehaviorEvent;
import dev.seqguard.serving.Replay;
import dev.seqguard.serving.ScoredEvent;
import dev.seqguard.serving.ScoringEngine;
import dev.seqguard.serving.ServingModel;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Throughput of {@code seqguard stream} from files to files, and of its peer: the same lines through the same
 * {@link ScoringEngine} in one thread without Flink (parse, score, write the same output lines), which is what
 * {@code replay} does per event. Both read the same replicated input, so their flag counts must be equal; a
 * measurement whose counts differ is reported as such by the caller rather than trusted.
 *
 * <p>The job's rate is events over the job's net runtime ({@link SeqGuardStreamJob.Counts#runtime}: from the job's
 * start in the mini-cluster to its end, source to committed sinks, checkpoints included; the mini-cluster's own
 * start-up is not counted). The input is a sample replicated with renamed users and laid out as a live feed, in
 * event time (see {@link #replicate}), so events wait for the watermark as they would in production.
 */
public final class StreamBenchmark {
    private StreamBenchmark() {
    }

    /**
     * A replicated input in a temporary directory, deleted by {@link #close}.
     *
     * @param dir    the directory holding one file per copy
     * @param events events in all files
     * @param users  distinct users in all files
     */
    public record Input(Path dir, long events, long users) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            SeqGuardStreamJob.deleteRecursively(dir);
        }
    }

    /**
     * One stage's measured rates.
     *
     * @param eventsPerSecond    per measured run, events over elapsed time
     * @param eventsPerCpuSecond per measured run, events over the CPU time this whole process used meanwhile (every
     *                           thread: Flink's, the garbage collector's, the compiler's); on a machine shared with other
     *                           work this is the steadier figure
     * @param flags              flags raised in the last run
     */
    public record Rates(double[] eventsPerSecond, double[] eventsPerCpuSecond, long flags) {
        public Rates {
            eventsPerSecond = eventsPerSecond.clone();
            eventsPerCpuSecond = eventsPerCpuSecond.clone();
        }

        @Override
        public double[] eventsPerSecond() {
            return eventsPerSecond.clone();
        }

        @Override
        public double[] eventsPerCpuSecond() {
            return eventsPerCpuSecond.clone();
        }

        public double median() {
            return medianOf(eventsPerSecond);
        }

        public double medianPerCpuSecond() {
            return medianOf(eventsPerCpuSecond);
        }

        private static double medianOf(double[] v) {
            double[] s = v.clone();
            Arrays.sort(s);
            return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
        }
    }

    /** CPU time of this process so far, all threads, in seconds. */
    static double processCpuSeconds() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean hotspot) {
            return hotspot.getProcessCpuTime() / 1e9;
        }
        throw new IllegalStateException("this JVM does not report its process CPU time");
    }

    /**
     * Writes {@code copies} copies of {@code events} to a new temporary directory in {@code format}, as {@code files}
     * files that each read like a live feed: in event-time order (a stable sort, so each user's events keep their
     * order in {@code events}), copies dealt round-robin to the files. Copy {@code k} prefixes every user id with the
     * two digits of {@code 10 + k}, so the copies are distinct users with the same behaviour (a fixed-width prefix
     * keeps the renamed ids distinct: {@code "10"+"12"} is never {@code "101"+"2"}).
     *
     * @param files one per source reader keeps the readers in step in event time, as partitions of a live topic are
     * @throws IllegalArgumentException when {@code copies} is outside 1..90, {@code files} outside 1..copies, or the
     *                                  layout cannot write the events
     */
    public static Input replicate(List<BehaviorEvent> events, EventFormat format, int copies, int files)
            throws IOException {
        if (copies < 1 || copies > 90) {
            throw new IllegalArgumentException("copies must be in 1..90, got " + copies);
        }
        if (files < 1 || files > copies) {
            throw new IllegalArgumentException("files must be in 1.." + copies + " (copies), got " + files);
        }
        List<BehaviorEvent> inTime = new ArrayList<>(events);
        inTime.sort(Comparator.comparingLong(BehaviorEvent::timeMillis));
        long users = events.stream().map(BehaviorEvent::userId).distinct().count();
        Path dir = Files.createTempDirectory("seqguard-stream-input");
        for (int f = 0; f < files; f++) {
            try (BufferedWriter w = Files.newBufferedWriter(dir.resolve(String.format("part-%02d.csv", f)),
                    StandardCharsets.UTF_8)) {
                for (BehaviorEvent e : inTime) {
                    for (int k = f; k < copies; k += files) {
                        w.write(format.format(e.withUser((10 + k) + e.userId())));
                        w.write('\n');
                    }
                }
            }
        }
        return new Input(dir, (long) events.size() * copies, users * copies);
    }

    /**
     * Runs the job on {@code input} {@code warmups + runs} times in a fresh mini-cluster each time (outputs to a
     * temporary directory, deleted after each run) and returns the measured runs' rates.
     */
    public static Rates measureJob(Input input, StreamJobConfig config, int parallelism, int warmups, int runs)
            throws Exception {
        double[] rates = new double[runs];
        double[] perCpu = new double[runs];
        long flags = 0;
        for (int r = -warmups; r < runs; r++) {
            Path out = Files.createTempDirectory("seqguard-stream-bench");
            try {
                double cpu0 = processCpuSeconds();
                SeqGuardStreamJob.Counts c = SeqGuardStreamJob.runOnFiles(input.dir(), out, config, parallelism);
                if (r >= 0) {
                    rates[r] = input.events() / (c.runtime().toNanos() / 1e9);
                    perCpu[r] = input.events() / (processCpuSeconds() - cpu0);
                }
                flags = c.flags();
            } finally {
                SeqGuardStreamJob.deleteRecursively(out);
            }
        }
        return new Rates(rates, perCpu, flags);
    }

    /**
     * The peer: each input file's lines in one thread through the layout's parser, the job's accepted-time check,
     * one {@link ScoringEngine} (every user cached) and the job's output lines, written to two files.
     */
    public static Rates measurePeer(Input input, StreamJobConfig config, int warmups, int runs) throws IOException {
        ServingModel model = config.loadModel();
        EventFormat format = config.eventFormat();
        List<Path> files = files(input.dir());
        double[] rates = new double[runs];
        double[] perCpu = new double[runs];
        long flags = 0;
        for (int r = -warmups; r < runs; r++) {
            Path out = Files.createTempDirectory("seqguard-replay-bench");
            try {
                double cpu0 = processCpuSeconds();
                long t0 = System.nanoTime();
                ScoringEngine engine = new ScoringEngine(model, (int) Math.min(Integer.MAX_VALUE, input.users() + 1), 1);
                long n = 0;
                flags = 0;
                try (BufferedWriter clean = Files.newBufferedWriter(out.resolve("clean"), StandardCharsets.UTF_8);
                     BufferedWriter flagged = Files.newBufferedWriter(out.resolve("flags"), StandardCharsets.UTF_8)) {
                    for (Path f : files) {
                        try (BufferedReader in = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                            for (String line = in.readLine(); line != null; line = in.readLine()) {
                                BehaviorEvent e = format.parseLine(line);
                                if (!config.accepts(e.timeMillis())) {
                                    continue;
                                }
                                n++;
                                ScoredEvent s = engine.score(e);
                                if (s.idleBefore() != null) {
                                    flags++;
                                    flagged.write(Replay.line(Replay.ReplayFlag.idle(s.idleBefore(), model.detectorName())));
                                    flagged.write('\n');
                                }
                                if (s.flag()) {
                                    flags++;
                                    flagged.write(Replay.line(new Replay.ReplayFlag(e.userId(), e.itemId(),
                                            e.timeMillis(), s.score(), model.detectorName(), s.explanation())));
                                    flagged.write('\n');
                                } else {
                                    clean.write(format.format(e));
                                    clean.write('\n');
                                }
                            }
                        }
                    }
                    // the end of the input, as the job's final watermark: users not judged yet are judged now
                    for (ScoringEngine.IdleFlag f : engine.advanceTo(Long.MAX_VALUE)) {
                        flags++;
                        flagged.write(Replay.line(Replay.ReplayFlag.idle(f, model.detectorName())));
                        flagged.write('\n');
                    }
                }
                if (r >= 0) {
                    rates[r] = n / ((System.nanoTime() - t0) / 1e9);
                    perCpu[r] = n / (processCpuSeconds() - cpu0);
                }
            } finally {
                SeqGuardStreamJob.deleteRecursively(out);
            }
        }
        return new Rates(rates, perCpu, flags);
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
