package dev.seqguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seqguard.core.model.BehaviorEvent;
import dev.seqguard.flink.SeqGuardStreamJob;
import dev.seqguard.flink.StreamJobConfig;
import dev.seqguard.server.ApiKeys;
import dev.seqguard.server.Database;
import dev.seqguard.server.ScoringService;
import dev.seqguard.server.ServiceConfig;
import dev.seqguard.serving.EventJson;
import dev.seqguard.serving.Replay;
import dev.seqguard.serving.ServingModel;
import dev.seqguard.serving.Timestamps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Whether {@code serve} and {@code stream} raise exactly the flags {@code replay} raises on the same events and
 * model: the service over loopback HTTP (events posted in event-time order, in batches), the Flink job in an
 * embedded mini-cluster (files to files, parallelism 2). The service's flags are read back from {@code GET /v1/flags}
 * after a final {@code POST /v1/watermark} (the end of the feed, as replay's end of input). Flags compare as {@code replay}'s {@code flags.jsonl}
 * lines, in any order.
 */
final class PathEquality {
    static final int BATCH = 500;

    /** The flag lines of each path, sorted. */
    record Lines(List<String> replay, List<String> serve, List<String> stream) {
        boolean serveEqual() {
            return serve.equals(replay);
        }

        boolean streamEqual() {
            return stream.equals(replay);
        }
    }

    private PathEquality() {
    }

    static Lines check(Path modelDir, Path eventsFile, List<BehaviorEvent> events, Replay.Result replay,
                       Path work) throws Exception {
        ServingModel model = ServingModel.load(modelDir, null);
        List<String> want = new ArrayList<>();
        for (Replay.ReplayFlag f : replay.flags()) {
            want.add(Replay.line(f));
        }
        want.sort(null);
        return new Lines(want, serve(model, events, work.resolve("serve")),
                stream(modelDir, eventsFile, work.resolve("stream")));
    }

    private static List<String> serve(ServingModel model, List<BehaviorEvent> events, Path data)
            throws IOException, InterruptedException {
        Files.createDirectories(data);
        List<BehaviorEvent> ordered = new ArrayList<>(events);
        ordered.sort(Comparator.comparingLong(BehaviorEvent::timeMillis));
        ServiceConfig config = ServiceConfig.builder(data).port(0).maxBodyBytes(8L << 20).rateLimitPerSecond(1e9)
                .maxUsers(1_000_000).build();
        List<String> flags = new ArrayList<>();
        try (ScoringService service = ScoringService.start(config, model, dir -> ServingModel.load(dir, null))) {
            String key;
            try {
                key = new ApiKeys(Database.open(data)).create("bench-realtime");
            } catch (SQLException e) {
                throw new IOException(e);
            }
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + service.port();
            for (int from = 0; from < ordered.size(); from += BATCH) {
                List<BehaviorEvent> batch = ordered.subList(from, Math.min(ordered.size(), from + BATCH));
                post(http, base + "/v1/events", key, json(batch));
            }
            // the end of the feed, as replay's end of input: every user is idle from here on
            post(http, base + "/v1/watermark", key, "{\"timestamp\": 1e14}");
            long since = 0;
            while (true) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/flags?since=" + since
                        + "&limit=1000")).header("Authorization", "Bearer " + key).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    throw new IOException("serve answered " + r.statusCode() + " to GET /v1/flags: " + r.body());
                }
                JsonNode page = EventJson.MAPPER.readTree(r.body());
                if (page.isEmpty()) {
                    break;
                }
                for (JsonNode n : page) {
                    since = n.get("flag_id").asLong();
                    flags.add(Replay.line(new Replay.ReplayFlag(n.get("user_id").asText(), n.get("item_id").asText(),
                            n.get("timestamp").asLong() * 1000, n.get("score").asDouble(), n.get("detector").asText(),
                            n.get("explanation").asText(), n.get("decision").asText())));
                }
            }
        }
        flags.sort(null);
        return flags;
    }

    private static void post(HttpClient http, String uri, String key, String body)
            throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(uri)).header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("serve answered " + r.statusCode() + " to " + uri + ": " + r.body());
        }
    }

    private static String json(List<BehaviorEvent> batch) throws IOException {
        List<java.util.Map<String, Object>> out = new ArrayList<>(batch.size());
        for (BehaviorEvent e : batch) {
            out.add(java.util.Map.of("user_id", e.userId(), "item_id", e.itemId(), "category_id", e.categoryId(),
                    "behavior", e.action().code(), "timestamp", Timestamps.seconds(e.timeMillis())));
        }
        return EventJson.MAPPER.writeValueAsString(out);
    }

    private static List<String> stream(Path modelDir, Path eventsFile, Path out) throws Exception {
        SeqGuardStreamJob.runOnFiles(eventsFile, out, StreamJobConfig.defaults("taobao", modelDir, null), 2);
        List<String> lines = new ArrayList<>();
        Path flags = out.resolve("flags");
        if (Files.isDirectory(flags)) {
            try (Stream<Path> files = Files.walk(flags)) {
                files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith("."))
                        .forEach(f -> {
                            try {
                                lines.addAll(Files.readAllLines(f));
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        });
            }
        }
        lines.sort(null);
        return lines;
    }
}
