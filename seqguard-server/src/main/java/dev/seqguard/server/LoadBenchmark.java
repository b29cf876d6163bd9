package dev.seqguard.server;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.seqguard.core.model.Action;
import dev.seqguard.core.model.BehaviorEvent;
import dev.seqguard.serving.ScoringEngine;
import dev.seqguard.serving.ServingModel;
import dev.seqguard.serving.Timestamps;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Load benchmark of the scoring service over loopback with its own lean client (one kept-alive socket per client,
 * request bodies copied from events serialised once): for 1, 8 and 64 concurrent clients and
 * batches of 1 and 100 events, events/s and the p50/p99 latency of a request. Bounded: each cell runs for at most
 * {@code seconds} after a warm-up and never sends more than {@code maxEventsPerCell} events. Every client owns its
 * users and sends their events in time order (a real real-time feed), cycling through the given events with fresh
 * user ids so state keeps growing as in production; the user cap bounds it.
 */
public final class LoadBenchmark {
    /** One measured cell. */
    public record Cell(int clients, int batch, long events, double seconds, double eventsPerSecond, double p50Millis,
                       double p99Millis, long failures) {
    }

    /** The service with 1 client × 100-event batches and the engine alone, measured back to back. */
    public record Round(Cell service, double engineEventsPerSecond) {
        public double ratio() {
            return service.eventsPerSecond() / engineEventsPerSecond;
        }
    }

    /**
     * A whole run: the cells, then {@link #ROUNDS} rounds that alternate the 1 × 100 cell with the engine alone
     * ({@link ScoringEngine#score} in one thread on the same event stream, idle users judged after every 100 events as
     * the service judges them after every batch: no HTTP, no JSON, no flag commits), so
     * that a change in the machine's load moves both sides of a round's ratio alike.
     */
    public record Report(List<Cell> cells, List<Round> rounds) {
        public Report {
            cells = List.copyOf(cells);
            rounds = List.copyOf(rounds);
        }

        /** The median of the rounds' engine events/s. */
        public double engineEventsPerSecond() {
            return median(rounds.stream().mapToDouble(Round::engineEventsPerSecond).toArray());
        }

        /** The median of the rounds' ratios: service events/s with 1 client and batches of 100 over the engine's. */
        public double ratio() {
            return median(rounds.stream().mapToDouble(Round::ratio).toArray());
        }
    }

    /** Rounds of service-then-engine behind the ratio. */
    public static final int ROUNDS = 3;

    private LoadBenchmark() {
    }

    /**
     * Starts a service on loopback (a temporary data directory), runs every cell, stops it, and prints a table.
     *
     * @param events template events (their user ids are rewritten per client and round)
     */
    public static Report run(ServingModel model, List<BehaviorEvent> events, double seconds, long maxEventsPerCell,
                             PrintStream out) throws IOException, InterruptedException {
        Path data = Files.createTempDirectory("seqguard-load");
        ServiceConfig config = ServiceConfig.builder(data).port(0).maxBodyBytes(8L << 20).rateLimitPerSecond(1e9)
                .maxUsers(200_000).build();
        List<Cell> cells = new ArrayList<>();
        List<Round> rounds = new ArrayList<>();
        try (ScoringService service = ScoringService.start(config, model, dir -> ServingModel.load(dir, model.context()))) {
            String key;
            try {
                key = new ApiKeys(Database.open(data)).create("bench");
            } catch (java.sql.SQLException e) {
                throw new IOException(e);
            }
            out.printf("load benchmark: %s on http://127.0.0.1:%d, %d cores, Java %s; each cell up to %.0f s or %,d events%n",
                    model.detectorName(), service.port(), Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.version"), seconds, maxEventsPerCell);
            out.printf("%8s %6s %10s %12s %10s %10s %9s%n", "clients", "batch", "events", "events/s", "p50 ms", "p99 ms", "failures");
            int round = 0;
            EventTemplates templates = new EventTemplates(events);
            for (int batch : new int[] {1, 100}) {
                for (int clients : new int[] {1, 8, 64}) {
                    // warm-up: a short unmeasured run of the same shape
                    measure(service.port(), key, templates, clients, batch, Math.min(1.0, seconds / 3), maxEventsPerCell / 4, "w" + round++);
                    Cell c = measure(service.port(), key, templates, clients, batch, seconds, maxEventsPerCell, "r" + round++);
                    cells.add(c);
                    out.printf(Locale.ROOT, "%8d %6d %,10d %,12.0f %10.2f %10.2f %9d%n", c.clients(), c.batch(), c.events(),
                            c.eventsPerSecond(), c.p50Millis(), c.p99Millis(), c.failures());
                }
            }
            out.printf(Locale.ROOT, "1 client x 100 against the engine alone (same events, one thread, no HTTP, JSON or"
                    + " flag commits), alternating, %.0f s each:%n", seconds);
            out.printf("%6s %16s %10s %10s %16s %7s%n", "round", "service events/s", "p50 ms", "p99 ms", "engine events/s", "ratio");
            ScoringEngine engine = new ScoringEngine(model, config.maxUsers(), config.shards());
            inProcess(engine, events, Math.min(1.0, seconds / 3), maxEventsPerCell / 4, "w");
            for (int r = 1; r <= ROUNDS; r++) {
                Cell c = measure(service.port(), key, templates, 1, 100, seconds, maxEventsPerCell, "a" + round++);
                Round one = new Round(c, inProcess(engine, events, seconds, maxEventsPerCell, "a" + r));
                rounds.add(one);
                out.printf(Locale.ROOT, "%6d %,16.0f %10.2f %10.2f %,16.0f %7.2f%n", r, c.eventsPerSecond(), c.p50Millis(),
                        c.p99Millis(), one.engineEventsPerSecond(), one.ratio());
            }
        } finally {
            deleteQuietly(data);
        }
        Report report = new Report(cells, rounds);
        out.printf(Locale.ROOT, "in-process engine: %,.0f events/s (median of %d)%n", report.engineEventsPerSecond(), ROUNDS);
        out.printf(Locale.ROOT, "service 1 x 100 / in-process engine: %.2f (median of %d rounds)%n", report.ratio(), ROUNDS);
        return report;
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    /**
     * The engine alone on the event stream of a 1 × 100 cell (fresh users every lap, as the client sends them),
     * for up to {@code seconds} or {@code maxEvents}; events/s.
     */
    private static double inProcess(ScoringEngine engine, List<BehaviorEvent> events, double seconds, long maxEvents,
                                    String tag) {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        long t0 = System.nanoTime();
        long n = 0;
        int lap = 0;
        while (n < maxEvents && System.nanoTime() < deadline) {
            String prefix = "engine-" + tag + "-" + lap++ + "-";
            // batches of 100 between clock reads, as the client's requests
            for (int from = 0; from < events.size() && n < maxEvents && System.nanoTime() < deadline; from += 100) {
                int to = Math.min(events.size(), from + 100);
                for (int i = from; i < to; i++) {
                    BehaviorEvent e = events.get(i);
                    try {
                        engine.score(e.withUser(prefix + e.userId()));
                    } catch (IllegalArgumentException outOfOrder) {
                        // the service answers such an event with an error; it counts as handled there too
                    }
                }
                engine.advanceTo(Long.MIN_VALUE); // the users the batch shows idle, judged as the service judges them
                n += to - from;
            }
        }
        return n / ((System.nanoTime() - t0) / 1e9);
    }

    private static Cell measure(int port, String key, EventTemplates templates, int clients, int batch, double seconds,
                                long maxEvents, String tag) throws InterruptedException {
        long perClient = Math.max(batch, maxEvents / clients);
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<long[]>> results = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            int me = c;
            results.add(pool.submit(() -> {
                long[] lat = new long[(int) (perClient / batch) + 1];
                int n = 0;
                long failures = 0;
                int pos = 0;
                int lap = 0;
                byte[] userPrefix = templates.userPrefix(tag, me, lap);
                KeepAliveClient http = new KeepAliveClient(port, key);
                try {
                    while (System.nanoTime() < deadline && (long) n * batch < perClient) {
                        http.startBody();
                        for (int i = 0; i < batch; i++) {
                            if (pos == templates.size()) {
                                pos = 0;
                                userPrefix = templates.userPrefix(tag, me, ++lap);
                            }
                            http.bodyByte(i == 0 ? '[' : ',');
                            templates.write(pos++, userPrefix, http);
                        }
                        http.bodyByte(']');
                        long s = System.nanoTime();
                        if (http.post() != 200) {
                            failures++;
                        }
                        lat[n++] = System.nanoTime() - s;
                    }
                } finally {
                    http.close();
                }
                long[] out = Arrays.copyOf(lat, n + 1);
                out[n] = failures;
                return out;
            }));
        }
        List<Long> all = new ArrayList<>();
        long failures = 0;
        for (Future<long[]> f : results) {
            try {
                long[] r = f.get();
                for (int i = 0; i < r.length - 1; i++) {
                    all.add(r[i]);
                }
                failures += r[r.length - 1];
            } catch (java.util.concurrent.ExecutionException e) {
                failures++;
            }
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        pool.shutdownNow();
        long[] sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
        long eventsSent = (long) sorted.length * batch;
        return new Cell(clients, batch, eventsSent, wall, eventsSent / wall, quantile(sorted, 0.5) / 1e6,
                quantile(sorted, 0.99) / 1e6, failures);
    }

    /**
     * The template events serialised once: per event its user id and the fields after it, so that a request body
     * is byte copies (a client that formats JSON per request takes CPU from the server it measures on 2 cores).
     */
    private static final class EventTemplates {
        private final byte[][] userIds;
        private final byte[][] rests;

        EventTemplates(List<BehaviorEvent> events) {
            userIds = new byte[events.size()][];
            rests = new byte[events.size()][];
            for (int i = 0; i < events.size(); i++) {
                BehaviorEvent e = events.get(i);
                userIds[i] = quoted(e.userId());
                rests[i] = ascii("\",\"item_id\":\"" + new String(quoted(e.itemId()), StandardCharsets.UTF_8)
                        + "\",\"category_id\":\"" + new String(quoted(e.categoryId()), StandardCharsets.UTF_8)
                        + "\",\"behavior\":\"" + (e.action() == null ? Action.VIEW.code() : e.action().code())
                        + "\",\"timestamp\":" + Timestamps.seconds(e.timeMillis()) + "}");
            }
        }

        int size() {
            return userIds.length;
        }

        /** Every lap through the events gets fresh users: {@code tag-client-lap-} before the template's id. */
        byte[] userPrefix(String tag, int client, int lap) {
            return ascii("{\"user_id\":\"" + tag + "-" + client + "-" + lap + "-");
        }

        void write(int event, byte[] userPrefix, KeepAliveClient to) {
            to.body(userPrefix);
            to.body(userIds[event]);
            to.body(rests[event]);
        }

        private static byte[] quoted(String s) {
            return JsonStringEncoder.getInstance().quoteAsUTF8(s);
        }

        private static byte[] ascii(String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
    }

    private static double quantile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
    }

    private static void deleteQuietly(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
