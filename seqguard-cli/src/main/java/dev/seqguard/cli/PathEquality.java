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
 * embedded mini-cluster (files to files, parallelism 2). Flags compare as {@code replay}'s {@code flags.jsonl}
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
            URI uri = URI.create("http://127.0.0.1:" + service.port() + "/v1/events");
            for (int from = 0; from < ordered.size(); from += BATCH) {
                List<BehaviorEvent> batch = ordered.subList(from, Math.min(ordered.size(), from + BATCH));
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri)
                        .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json(batch))).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    throw new IOException("serve answered " + r.statusCode() + ": " + r.body());
                }
                for (JsonNode n : EventJson.MAPPER.readTree(r.body())) {
                    if (n.path("flag").asBoolean(false)) {
                        flags.add(Replay.line(new Replay.ReplayFlag(n.get("user_id").asText(), n.get("item_id").asText(),
                                n.get("timestamp").asLong() * 1000, n.get("score").asDouble(), model.detectorName(),
                                n.get("explanation").asText())));
                    }
                }
            }
        }
        flags.sort(null);
        return flags;
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
