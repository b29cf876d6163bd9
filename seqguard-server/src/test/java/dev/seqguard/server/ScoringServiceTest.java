package dev.seqguard.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seqguard.core.model.BehaviorEvent;
import dev.seqguard.serving.Replay;
import dev.seqguard.serving.ScoredEvent;
import dev.seqguard.serving.ScoringEngine;
import dev.seqguard.serving.ServingFixtures;
import dev.seqguard.serving.ServingModel;
import dev.seqguard.serving.StreamingOperatingPoint;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service end to end over real HTTP on loopback. */
class ScoringServiceTest {
    @TempDir
    Path data;

    private final List<ScoringService> started = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (ScoringService s : started) {
            s.close();
        }
    }

    private ScoringService start(ServiceConfig.Builder config, ServingModel model) throws Exception {
        ScoringService s = ScoringService.start(config.build(), model,
                dir -> ServingModel.load(dir, ServingFixtures.prepared().context()));
        started.add(s);
        return s;
    }

    private ServiceConfig.Builder config() {
        return ServiceConfig.builder(data).port(0).checkpointInterval(Duration.ofHours(1));
    }

    private String key(String name) throws Exception {
        return new ApiKeys(Database.open(data)).create(name);
    }

    @Test
    void everyV1RouteNeedsALiveKeyAndHealthDoesNot() throws Exception {
        ScoringService s = start(config(), ServingFixtures.serving("robust-z", 0.5));
        Http http = Http.loopback(s.port());
        String good = key("good");
        String doomed = key("doomed");
        String body = ServingFixtures.json(ServingFixtures.events().subList(0, 3));

        Http.Reply none = http.post("/v1/events", null, body);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.json().get("error").asText()).contains("missing API key");
        assertThat(http.post("/v1/events", "sgk_000000000000_wrong", body).status()).isEqualTo(401);
        assertThat(http.post("/v1/events", good.substring(0, good.length() - 2) + "xx", body).status()).isEqualTo(401);
        assertThat(http.get("/v1/flags", "not-a-key").json().get("error").asText()).isEqualTo("invalid API key");
        assertThat(http.post("/v1/events", good, body).status()).isEqualTo(200);
        assertThat(http.get("/v1/flags", doomed).status()).isEqualTo(200);

        assertThat(new ApiKeys(Database.open(data)).revoke("doomed")).isTrue();
        Http.Reply revoked = null;
        for (int i = 0; i < 40; i++) {
            revoked = http.get("/v1/flags", doomed);
            if (revoked.status() == 401) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(revoked.status()).isEqualTo(401);
        assertThat(revoked.json().get("error").asText()).contains("revoked");
        assertThat(http.get("/v1/flags", good).status()).isEqualTo(200);
        assertThat(http.get("/health", null).status()).isEqualTo(200);
        assertThat(http.get("/nope", good).status()).isEqualTo(404);
    }

    @Test
    void badBodiesAreRefusedAndBadEventsAnsweredOneByOne() throws Exception {
        ScoringService s = start(config().maxBodyBytes(2048).rateLimitPerSecond(1000).maxUsers(1000), ServingFixtures.serving("robust-z", 0.5));
        Http http = Http.loopback(s.port());
        String key = key("k");
        assertThat(http.post("/v1/events", key, "this is not json").status()).isEqualTo(400);
        assertThat(http.post("/v1/events", key, "[{\"user_id\": 1,").status()).isEqualTo(400);
        Http.Reply garbled = http.post("/v1/events", key, "{{{ not json");
        assertThat(garbled.status()).isEqualTo(400);
        assertThat(garbled.json().get("error").asText()).contains("line 1, column 2: Unexpected character");
        Http.Reply big = http.post("/v1/events", key, "[" + "1,".repeat(2000) + "1]");
        assertThat(big.status()).isEqualTo(413);
        assertThat(big.json().get("error").asText()).contains("2048");

        String mixed = "[{\"user_id\":\"a\",\"item_id\":\"i1\",\"category_id\":\"c\",\"behavior\":\"pv\",\"timestamp\":1511600000},"
                + "{\"user_id\":\"a\",\"item_id\":\"i2\",\"behavior\":\"teleport\",\"timestamp\":1511600001},"
                + "{\"user_id\":\"a\",\"item_id\":\"i3\",\"behavior\":\"cart\",\"timestamp\":\"2017-11-25T09:00:00Z\"},"
                + "{\"user_id\":\"a\",\"item_id\":\"i4\",\"behavior\":\"buy\",\"timestamp\":1511500000},"
                + "{\"item_id\":\"i5\",\"behavior\":\"buy\",\"timestamp\":1511600002},"
                + "{\"user_id\":\"b\",\"item_id\":\"i6\",\"behavior\":\"fav\",\"timestamp\":99},"
                + "42]";
        Http.Reply r = http.post("/v1/events", key, mixed);
        assertThat(r.status()).isEqualTo(200);
        JsonNode a = r.json();
        assertThat(a).hasSize(7);
        assertThat(a.get(0).get("warming_up").asBoolean()).isTrue();
        assertThat(a.get(0).get("score").isNull()).isTrue();
        assertThat(a.get(0).get("timestamp").asLong()).isEqualTo(1511600000L);
        assertThat(a.get(1).get("error").asText()).contains("unknown behavior 'teleport'");
        assertThat(a.get(1).get("index").asInt()).isEqualTo(1);
        assertThat(a.get(2).has("error")).isFalse();
        assertThat(a.get(3).get("error").asText()).contains("earlier than this user's previous event");
        assertThat(a.get(4).get("error").asText()).isEqualTo("missing user_id");
        assertThat(a.get(5).get("error").asText()).contains("before 2000");
        assertThat(a.get(6).get("error").asText()).contains("JSON object");
        JsonNode user = http.get("/v1/users/a", key).json();
        assertThat(user.get("events").asInt()).isEqualTo(2);

        String ndjson = "{\"user_id\":\"n\",\"item_id\":\"1\",\"behavior\":\"pv\",\"timestamp\":1511600000}\n"
                + "{oops\n{\"user_id\":\"n\",\"item_id\":\"2\",\"behavior\":\"pv\",\"timestamp\":1511600005}\n";
        JsonNode nd = http.post("/v1/events", key, ndjson).json();
        assertThat(nd).hasSize(3);
        assertThat(nd.get(1).get("error").asText()).startsWith("line 2");
        assertThat(nd.get(2).get("item_id").asText()).isEqualTo("2");
    }

    @Test
    void aKeyOverItsRateLimitGets429() throws Exception {
        ScoringService s = start(config().maxBodyBytes(1 << 20).rateLimitPerSecond(5).maxUsers(1000), ServingFixtures.serving("robust-z", 0.5));
        Http http = Http.loopback(s.port());
        String key = key("slow");
        String other = key("other");
        Map<Integer, Integer> codes = new TreeMap<>();
        for (int i = 0; i < 30; i++) {
            codes.merge(http.get("/v1/flags", key).status(), 1, Integer::sum);
        }
        assertThat(codes.get(429)).isGreaterThan(10);
        assertThat(codes.get(200)).isBetween(5, 15);
        assertThat(http.get("/v1/flags", other).status()).isEqualTo(200);
    }

    @Test
    void flagsFromConcurrentClientsEqualReplayOnTheSameEvents() throws Exception {
        ServingModel model = ServingFixtures.serving("robust-z", 0.6);
        ScoringService s = start(config(), model);
        String key = key("load");
        List<BehaviorEvent> events = ServingFixtures.events();
        Set<String> received = Collections.synchronizedSet(new HashSet<>());
        postConcurrently(s.port(), key, events, 8, 100, received, null);

        Replay.Result replay = Replay.run(model, events, 1_000_000, 1);
        assertThat(replay.flags()).hasSizeGreaterThan(50);
        List<String> expected = replay.flags().stream()
                .map(f -> f.userId() + "|" + f.itemId() + "|" + f.timeMillis() + "|" + f.score() + "|" + f.explanation())
                .sorted().toList();
        List<JsonNode> stored = allFlags(Http.loopback(s.port()), key);
        List<String> served = stored.stream()
                .map(f -> f.get("user_id").asText() + "|" + f.get("item_id").asText() + "|"
                        + Math.round(f.get("timestamp").asDouble() * 1000) + "|" + f.get("score").asDouble() + "|"
                        + f.get("explanation").asText())
                .sorted().toList();
        assertThat(served).isEqualTo(expected);
        assertThat(received).hasSize(expected.size());
        assertThat(stored.stream().map(f -> f.get("flag_id").asLong()).toList()).isSorted().doesNotHaveDuplicates();
        assertThat(stored.get(0).get("detector").asText()).isEqualTo("robust-z");

        String metrics = Http.loopback(s.port()).get("/metrics", null).body();
        assertThat(metrics).contains("seqguard_events_total " + events.size(), "seqguard_flags_total " + expected.size(),
                "seqguard_events_request_seconds_bucket{le=\"+Inf\"}", "seqguard_user_states " + ServingFixtures.USERS,
                "seqguard_user_evictions_total 0", "seqguard_score_drift_psi ");
        assertThat(metrics).doesNotContain("seqguard_score_drift_psi NaN");
    }

    /**
     * Posts the events in batches from {@code clients} threads; each user's events go through one client, in time
     * order. Every flag id a 200 answer reports is added to {@code received}.
     */
    static void postConcurrently(int port, String key, List<BehaviorEvent> events, int clients, int batch,
                                 Set<String> received, AtomicBoolean stop) throws Exception {
        List<List<BehaviorEvent>> parts = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            parts.add(new ArrayList<>());
        }
        for (BehaviorEvent e : events) {
            parts.get(Math.floorMod(e.userId().hashCode(), clients)).add(e);
        }
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (List<BehaviorEvent> part : parts) {
                done.add(pool.submit(() -> {
                    Http http = Http.loopback(port);
                    for (int i = 0; i < part.size() && (stop == null || !stop.get()); i += batch) {
                        Http.Reply r = http.post("/v1/events", key, ServingFixtures.json(part.subList(i, Math.min(part.size(), i + batch))));
                        assertThat(r.status()).as(r.body()).isEqualTo(200);
                        for (JsonNode n : r.json()) {
                            assertThat(n.has("error")).as(n.toString()).isFalse();
                            if (n.get("flag").asBoolean()) {
                                received.add(n.get("flag_id").asText());
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    static List<JsonNode> allFlags(Http http, String key) {
        List<JsonNode> out = new ArrayList<>();
        long since = 0;
        while (true) {
            Http.Reply r = http.get("/v1/flags?since=" + since + "&limit=1000", key);
            assertThat(r.status()).isEqualTo(200);
            JsonNode page = r.json();
            if (page.isEmpty()) {
                return out;
            }
            for (JsonNode f : page) {
                out.add(f);
                since = f.get("flag_id").asLong();
            }
        }
    }

    @Test
    void usersGoneIdleAreJudgedWholeAsReplayJudgesThemAcrossARestartAndAtAWatermark() throws Exception {
        ServingModel plain = ServingFixtures.serving("robust-z", 0.5);
        double t = plain.threshold();
        ServingModel model = plain.withOperatingPoint(new StreamingOperatingPoint(StreamingOperatingPoint.LENGTH_THRESHOLDS,
                new int[] {1}, new double[] {t + 2}, 0, 0, 0, 0, 0, 30 * 60_000L, 0, new double[] {t}));
        List<BehaviorEvent> events = ServingFixtures.events();
        Set<String> want = new TreeSet<>();
        for (Replay.ReplayFlag f : Replay.run(model, events, 100_000, 1).flags()) {
            want.add(f.userId() + " " + f.timeMillis() / 1000 + " " + f.decision() + " " + f.score());
        }
        assertThat(want).anyMatch(l -> l.contains(" idle "));
        int half = events.size() / 2;
        String key = key("feed");
        ScoringService first = start(config(), model);
        Http http = Http.loopback(first.port());
        for (int from = 0; from < half; from += 100) {
            assertThat(http.post("/v1/events", key, ServingFixtures.json(events.subList(from, Math.min(half, from + 100))))
                    .status()).isEqualTo(200);
        }
        first.close(); // saves every user's state, and whether they were judged since their last event

        ScoringService second = start(config(), model);
        http = Http.loopback(second.port());
        for (int from = half; from < events.size(); from += 100) {
            assertThat(http.post("/v1/events", key, ServingFixtures.json(events.subList(from,
                    Math.min(events.size(), from + 100)))).status()).isEqualTo(200);
        }
        assertThat(http.post("/v1/watermark", key, "{{ no").status()).isEqualTo(400);
        assertThat(http.post("/v1/watermark", key, "{\"timestamp\": \"soon\"}").status()).isEqualTo(400);
        Http.Reply end = http.post("/v1/watermark", key, "{\"timestamp\": 1e14}");
        assertThat(end.status()).isEqualTo(200);
        assertThat(end.json().get("idle_flags").asInt()).isPositive();

        Set<String> got = new TreeSet<>();
        for (JsonNode f : allFlags(http, key)) {
            got.add(f.get("user_id").asText() + " " + f.get("timestamp").asLong() + " " + f.get("decision").asText() + " "
                    + f.get("score").asDouble());
        }
        assertThat(got).isEqualTo(want);
        assertThat(allFlags(http, key)).hasSize(Replay.run(model, events, 100_000, 1).flags().size()); // none twice
    }

    @Test
    void aModelSwapUnderLoadFailsNoRequestAndTakesEffect() throws Exception {
        ScoringService s = start(config(), ServingFixtures.serving("robust-z", 0.6));
        String key = key("swap");
        Path other = ServingFixtures.model("zscore", 0.6);
        Path back = ServingFixtures.model("robust-z", 0.6);
        AtomicBoolean stop = new AtomicBoolean();
        Set<String> received = Collections.synchronizedSet(new HashSet<>());
        Thread swapper = new Thread(() -> {
            Http http = Http.loopback(s.port());
            for (int i = 0; i < 6; i++) {
                Http.Reply r = http.post("/v1/model", key, "{\"path\":\"" + (i % 2 == 0 ? other : back) + "\"}");
                assertThat(r.status()).as(r.body()).isEqualTo(200);
            }
        });
        swapper.start();
        postConcurrently(s.port(), key, ServingFixtures.events(), 4, 50, received, stop);
        swapper.join();
        Http http = Http.loopback(s.port());
        assertThat(http.get("/health", null).json().get("detector").asText()).isEqualTo("robust-z");
        assertThat(http.post("/v1/model", key, "{\"path\":\"" + other + "\"}").json().get("users").asInt())
                .isEqualTo(ServingFixtures.USERS);
        assertThat(http.get("/health", null).json().get("detector").asText()).isEqualTo("zscore");
        assertThat(http.post("/v1/model", key, "{\"path\":\"/no/such/model\"}").status()).isEqualTo(400);
        assertThat(http.get("/health", null).json().get("detector").asText()).isEqualTo("zscore");
        assertThat(http.get("/metrics", null).body()).contains("seqguard_model_swaps_total 7");
        assertThat(ModelChoice.in(data).saved()).as("the model loaded last, not the failed one")
                .contains(other.toAbsolutePath().normalize());
    }

    @Test
    void theModelLoadedByPostSurvivesARestart() throws Exception {
        Path first = ServingFixtures.model("robust-z", 0.6);
        Path loaded = ServingFixtures.model("zscore", 0.6);
        ScoringService s = start(config(), ServingModel.load(first, ServingFixtures.prepared().context()));
        assertThat(ModelChoice.in(data).saved()).contains(first.toAbsolutePath().normalize());
        String key = key("swap");
        assertThat(Http.loopback(s.port()).post("/v1/model", key, "{\"path\":\"" + loaded + "\"}").status()).isEqualTo(200);
        s.close();

        assertThat(ModelChoice.in(data).saved()).contains(loaded.toAbsolutePath().normalize());
    }

    @Test
    void aRestartRestoresEveryUsersStateFromTheCheckpoint() throws Exception {
        ServingModel model = ServingFixtures.serving("robust-z", 0.6);
        List<BehaviorEvent> events = ServingFixtures.events();
        int half = events.size() / 2;
        ScoringService first = start(config(), model);
        String key = key("r");
        Http http = Http.loopback(first.port());
        for (int i = 0; i < half; i += 200) {
            assertThat(http.post("/v1/events", key, ServingFixtures.json(events.subList(i, Math.min(half, i + 200)))).status()).isEqualTo(200);
        }
        String someone = events.get(half - 1).userId();
        JsonNode before = http.get("/v1/users/" + someone, key).json();
        first.close();

        ScoringService second = start(config(), model);
        assertThat(second.users()).isEqualTo(first.users());
        Http http2 = Http.loopback(second.port());
        JsonNode after = http2.get("/v1/users/" + someone, key).json();
        assertThat(after.get("events")).isEqualTo(before.get("events"));
        assertThat(after.get("risk")).isEqualTo(before.get("risk"));

        ScoringEngine uninterrupted = new ScoringEngine(model, 1_000_000, 1);
        events.subList(0, half).forEach(uninterrupted::score);
        for (int i = half; i < events.size(); i += 200) {
            List<BehaviorEvent> batch = events.subList(i, Math.min(events.size(), i + 200));
            JsonNode r = http2.post("/v1/events", key, ServingFixtures.json(batch)).json();
            for (int j = 0; j < batch.size(); j++) {
                ScoredEvent want = uninterrupted.score(batch.get(j));
                assertThat(r.get(j).get("warming_up").asBoolean()).isEqualTo(want.warmingUp());
                if (!want.warmingUp()) {
                    assertThat(r.get(j).get("score").asDouble()).isEqualTo(want.score());
                }
            }
        }
    }

    @Test
    void maskedUserIdsAreSaltedHashesEverywhere() throws Exception {
        ScoringService s = start(config().maskUserIds(true), ServingFixtures.serving("robust-z", 0.0));
        Http http = Http.loopback(s.port());
        String key = key("m");
        List<BehaviorEvent> userEvents = ServingFixtures.events().stream()
                .filter(e -> e.userId().equals(ServingFixtures.events().get(0).userId())).limit(10).toList();
        String raw = userEvents.get(0).userId();
        JsonNode r = http.post("/v1/events", key, ServingFixtures.json(userEvents)).json();
        String masked = r.get(0).get("user_id").asText();
        assertThat(masked).startsWith("u").hasSize(25).doesNotContain(raw);
        assertThat(http.get("/v1/users/" + raw, key).json().get("user_id").asText()).isEqualTo(masked);
        List<JsonNode> flags = allFlags(http, key);
        assertThat(flags).isNotEmpty().allSatisfy(f -> assertThat(f.get("user_id").asText()).isEqualTo(masked));
    }

    @Test
    void theOpenApiDocumentDescribesExactlyTheRoutesServed() throws Exception {
        ScoringService s = start(config(), ServingFixtures.serving("robust-z", 0.5));
        Http http = Http.loopback(s.port());
        JsonNode doc = http.get("/openapi.json", null).json();
        Set<String> documented = new HashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.get("paths").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            p.getValue().fieldNames().forEachRemaining(m -> documented.add(m.toUpperCase() + " " + p.getKey()));
        }
        assertThat(documented).containsExactlyInAnyOrderElementsOf(ScoringService.ROUTES);
        String key = key("o");
        for (String route : ScoringService.ROUTES) {
            String[] mp = route.split(" ");
            String path = mp[1].replace("{id}", "nobody");
            Http.Reply r = mp[0].equals("GET") ? http.get(path, key) : http.post(path, key, "{}");
            assertThat(r.status()).as(route).isLessThan(500);
            if (path.equals("/v1/users/nobody")) {
                assertThat(r.json().get("error").asText()).contains("no state and no flags");
            } else {
                assertThat(r.status()).as(route).isNotIn(404, 405);
            }
        }
        assertThat(http.get("/v1/events", key).status()).isEqualTo(405);
        Set<String> secured = ScoringService.ROUTES.stream().filter(r -> r.contains(" /v1/")).collect(Collectors.toSet());
        for (String route : secured) {
            String[] mp = route.split(" ");
            assertThat(doc.get("paths").get(mp[1]).get(mp[0].toLowerCase()).has("security")).as(route).isTrue();
        }
    }
}
