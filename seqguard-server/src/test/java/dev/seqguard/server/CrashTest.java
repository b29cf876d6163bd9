package dev.seqguard.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seqguard.core.model.BehaviorEvent;
import dev.seqguard.serving.ServingFixtures;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 in the middle of a load: every flag a client was told about must survive the restart. */
class CrashTest {
    @TempDir
    Path data;

    @Test
    void everyFlagAClientReceivedSurvivesAKillDashNine() throws Exception {
        Path model = ServingFixtures.model("robust-z", 0.6);
        String key = new ApiKeys(Database.open(data)).create("crash");
        List<BehaviorEvent> events = ServingFixtures.events();
        Set<String> received = ConcurrentHashMap.newKeySet();
        AtomicInteger answered = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();

        Child child = Child.start(model, data);
        List<Thread> clients = new ArrayList<>();
        int n = 4;
        for (int c = 0; c < n; c++) {
            int me = c;
            Thread t = new Thread(() -> {
                Http http = Http.loopback(child.port);
                List<BehaviorEvent> mine = events.stream().filter(e -> Math.floorMod(e.userId().hashCode(), n) == me).toList();
                // laps over the same events as new users, so the load lasts until the kill (bounded by 50 laps)
                for (int k = 0; k < 50 * mine.size(); k += 20) {
                    int i = k % mine.size();
                    String lap = "-" + k / mine.size();
                    List<BehaviorEvent> batch = mine.subList(i, Math.min(mine.size(), i + 20)).stream()
                            .map(e -> e.withUser(e.userId() + lap)).toList();
                    try {
                        Http.Reply r = http.post("/v1/events", key, ServingFixtures.json(batch));
                        if (r.status() == 200) {
                            for (JsonNode e : r.json()) {
                                if (e.get("flag").asBoolean()) {
                                    received.add(e.get("flag_id").asText() + "|" + e.get("user_id").asText() + "|"
                                            + e.get("item_id").asText() + "|" + e.get("timestamp").asText());
                                }
                            }
                            answered.incrementAndGet();
                        }
                    } catch (UncheckedIOException killed) {
                        failed.incrementAndGet();
                        return;
                    }
                }
            });
            t.start();
            clients.add(t);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Http probe = Http.loopback(child.port);
        while ((received.size() < 100 || !probe.get("/metrics", null).body().matches("(?s).*seqguard_checkpoints_total [1-9].*"))
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        child.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        for (Thread t : clients) {
            t.join(30_000);
        }
        assertThat(received).hasSizeGreaterThanOrEqualTo(100);
        assertThat(failed.get()).as("clients cut off mid-load").isPositive();

        Child again = Child.start(model, data);
        try {
            Http http = Http.loopback(again.port);
            Set<String> stored = new HashSet<>();
            for (JsonNode f : ScoringServiceTest.allFlags(http, key)) {
                stored.add(f.get("flag_id").asText() + "|" + f.get("user_id").asText() + "|" + f.get("item_id").asText()
                        + "|" + f.get("timestamp").asText());
            }
            assertThat(stored).containsAll(received);
            assertThat(http.get("/health", null).json().get("users").asInt()).isPositive();
        } finally {
            again.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private record Child(Process process, int port) {
        static Child start(Path model, Path data) throws Exception {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                    ChildServer.class.getName(), model.toString(), data.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            if (line == null || !line.startsWith("port ")) {
                p.destroyForcibly();
                throw new IllegalStateException("child server did not start: " + line);
            }
            return new Child(p, Integer.parseInt(line.substring(5).trim()));
        }
    }
}
