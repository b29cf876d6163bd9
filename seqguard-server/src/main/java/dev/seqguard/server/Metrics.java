package dev.seqguard.server;

import dev.seqguard.serving.ScoringEngine;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/** The service's counters, rendered in the Prometheus text exposition format (version 0.0.4). */
public final class Metrics {
    /** Upper bounds of the latency histogram, seconds. */
    static final double[] LATENCY_BUCKETS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5};
    final LongAdder events = new LongAdder();
    final LongAdder invalidEvents = new LongAdder();
    final LongAdder flags = new LongAdder();
    final LongAdder checkpoints = new LongAdder();
    final LongAdder checkpointFailures = new LongAdder();
    final LongAdder modelSwaps = new LongAdder();
    private final ConcurrentHashMap<String, LongAdder> responses = new ConcurrentHashMap<>();
    private final AtomicLongArray latencyCounts = new AtomicLongArray(LATENCY_BUCKETS.length + 1);
    private final LongAdder latencyNanos = new LongAdder();

    void response(String route, int status) {
        responses.computeIfAbsent(route + "\u0000" + status, k -> new LongAdder()).increment();
    }

    /** One {@code POST /v1/events} request's wall time, from the first byte read to the response sent. */
    void latency(long nanos) {
        double s = nanos / 1e9;
        int i = 0;
        while (i < LATENCY_BUCKETS.length && s > LATENCY_BUCKETS[i]) {
            i++;
        }
        latencyCounts.incrementAndGet(i);
        latencyNanos.add(nanos);
    }

    /** The exposition text; the gauges are read from the live engine. */
    String render(ScoringEngine engine, long evictionsBefore, ScoreDrift drift, long flagCommits) {
        StringBuilder b = new StringBuilder(4096);
        counter(b, "seqguard_events_total", "Events scored.", events.sum());
        counter(b, "seqguard_events_invalid_total", "Events answered with an error.", invalidEvents.sum());
        counter(b, "seqguard_flags_total", "Flags committed and reported.", flags.sum());
        counter(b, "seqguard_flag_commits_total", "Durable commits of flags (requests waiting together share one).",
                flagCommits);
        b.append("# HELP seqguard_http_responses_total HTTP responses by route and status.\n")
                .append("# TYPE seqguard_http_responses_total counter\n");
        Map<String, Long> sorted = new TreeMap<>();
        responses.forEach((k, v) -> sorted.put(k, v.sum()));
        sorted.forEach((k, v) -> {
            String[] p = k.split("\u0000");
            b.append("seqguard_http_responses_total{route=\"").append(p[0]).append("\",status=\"").append(p[1])
                    .append("\"} ").append(v).append('\n');
        });
        b.append("# HELP seqguard_events_request_seconds Wall time of POST /v1/events requests.\n")
                .append("# TYPE seqguard_events_request_seconds histogram\n");
        long cumulative = 0;
        for (int i = 0; i <= LATENCY_BUCKETS.length; i++) {
            cumulative += latencyCounts.get(i);
            String le = i < LATENCY_BUCKETS.length ? num(LATENCY_BUCKETS[i]) : "+Inf";
            b.append("seqguard_events_request_seconds_bucket{le=\"").append(le).append("\"} ").append(cumulative).append('\n');
        }
        b.append("seqguard_events_request_seconds_sum ").append(num(latencyNanos.sum() / 1e9)).append('\n');
        b.append("seqguard_events_request_seconds_count ").append(cumulative).append('\n');
        gauge(b, "seqguard_user_states", "Users with scoring state in memory.", engine.users());
        counter(b, "seqguard_user_evictions_total", "Users whose state was dropped to stay within --max-users.",
                evictionsBefore + engine.evictions());
        counter(b, "seqguard_checkpoints_total", "State checkpoints written.", checkpoints.sum());
        counter(b, "seqguard_checkpoint_failures_total", "State checkpoints that failed (retried at the next one).",
                checkpointFailures.sum());
        counter(b, "seqguard_model_swaps_total", "Models loaded by POST /v1/model.", modelSwaps.sum());
        gauge(b, "seqguard_score_drift_psi", "Population stability index of live scores vs the training scores"
                + " (training deciles; NaN without DIR/../scores.csv).", drift.psi());
        gauge(b, "seqguard_score_drift_observed", "Warmed-up scores counted for the drift index.", drift.observed());
        b.append("# HELP seqguard_model_info The model being served.\n# TYPE seqguard_model_info gauge\n")
                .append("seqguard_model_info{detector=\"").append(escape(engine.model().detectorName()))
                .append("\",threshold=\"").append(num(engine.model().threshold())).append("\"} 1\n");
        return b.toString();
    }

    private static void counter(StringBuilder b, String name, String help, double v) {
        b.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(" counter\n").append(name).append(' ').append(num(v)).append('\n');
    }

    private static void gauge(StringBuilder b, String name, String help, double v) {
        b.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(" gauge\n").append(name).append(' ').append(num(v)).append('\n');
    }

    private static String num(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.6g", v);
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
