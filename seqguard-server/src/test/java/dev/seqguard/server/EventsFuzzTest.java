package dev.seqguard.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seqguard.serving.EventJson;
import dev.seqguard.serving.ServingFixtures;
import dev.seqguard.serving.ServingModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A property of the real service (in-process, on a free port): for 100,000 random and mutated bodies
 * ({@link FuzzBodies}, fixed seeds), every answer is a 2xx or 4xx with a JSON body and no stack trace, within the
 * client's 10 s read timeout (a hung connection fails); and a valid batch sent after every 1,000 of them is scored.
 * Four clients on kept-alive connections share the load, each with its own seed.
 */
class EventsFuzzTest {
    private static final int CLIENTS = 4;
    private static final int BODIES_PER_CLIENT = 25_000;
    private static final int VALID_EVERY = 1_000;

    @TempDir
    Path data;

    @Test
    void noBodyGetsA5xxAStackTraceOrNoAnswerAndValidBatchesKeepBeingScored() throws Exception {
        ServingModel model = ServingFixtures.serving("robust-z", 0.6);
        // 2 MiB bodies take the 1 MiB strings; the user cap keeps the fuzzed ids from growing the heap
        ServiceConfig config = ServiceConfig.builder(data).port(0).maxBodyBytes(2L << 20).rateLimitPerSecond(1e9)
                .maxUsers(5_000).checkpointInterval(Duration.ofHours(1)).build();
        try (ScoringService service = ScoringService.start(config, model, dir -> ServingModel.load(dir, model.context()))) {
            String key = new ApiKeys(Database.open(data)).create("fuzz");
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            List<Future<Integer>> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int seed = 14_000 + c;
                clients.add(pool.submit(() -> fuzz(service.port(), key, seed)));
            }
            int sent = 0;
            for (Future<Integer> f : clients) {
                sent += f.get();
            }
            pool.shutdown();

            assertThat(sent).isEqualTo(CLIENTS * BODIES_PER_CLIENT);
        }
    }

    /** Sends one client's bodies; fails on the first bad answer, naming the body. */
    private static int fuzz(int port, String key, long seed) throws IOException {
        FuzzBodies bodies = new FuzzBodies(seed);
        int sent = 0;
        try (KeepAliveClient client = new KeepAliveClient(port, key, 10_000)) {
            for (int i = 1; i <= BODIES_PER_CLIENT; i++) {
                byte[] body = bodies.next();
                int status = client.post(body);
                String answer = client.responseBody();
                String what = "body " + i + " of seed " + seed + ": " + preview(body);

                assertThat(status).as("status for %s", what).isBetween(200, 499);
                assertThat(answer).as("answer to %s", what).doesNotContain("Exception", "\tat ", "at dev.seqguard", "at java.");
                JsonNode json = EventJson.MAPPER.readTree(answer);
                if (status == 200) {
                    assertThat(json.isArray()).as("200 answer to %s", what).isTrue();
                } else {
                    assertThat(json.path("error").asText()).as("%d answer to %s", status, what).isNotBlank();
                }
                sent++;
                if (i % VALID_EVERY == 0) {
                    aValidBatchIsScored(client, "valid-" + seed + "-" + i);
                }
            }
        }
        return sent;
    }

    private static void aValidBatchIsScored(KeepAliveClient client, String user) throws IOException {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < 10; i++) {
            b.append(i == 0 ? "" : ",").append("{\"user_id\":\"").append(user).append("\",\"item_id\":\"i").append(i % 3)
                    .append("\",\"category_id\":\"c\",\"behavior\":\"pv\",\"timestamp\":").append(1_511_600_000 + 30 * i).append('}');
        }
        int status = client.post(b.append(']').toString().getBytes(StandardCharsets.UTF_8));

        assertThat(status).as("a valid batch of %s", user).isEqualTo(200);
        JsonNode answer = EventJson.MAPPER.readTree(client.responseBody());
        assertThat(answer).hasSize(10).allSatisfy(e -> assertThat(e.has("error")).isFalse());
        assertThat(answer.get(9).get("score").isNumber()).as("the 10th event of %s is scored", user).isTrue();
    }

    private static String preview(byte[] body) {
        String s = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8);
        return body.length <= 200 ? s : s + "... (" + body.length + " bytes)";
    }
}
