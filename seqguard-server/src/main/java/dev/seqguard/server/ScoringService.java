package dev.seqguard.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.seqguard.serving.EventJson;
import dev.seqguard.serving.ScoringEngine;
import dev.seqguard.serving.ServingModel;
import dev.seqguard.serving.Timestamps;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real-time scoring service behind {@code seqguard serve}: an HTTP/1.1 server (the JDK's) over a
 * {@link ScoringEngine}, with durable flags ({@link FlagLog}), API keys and per-key rate limits ({@link ApiKeyAuth}),
 * bounded request bodies ({@link BodyLimit}), checkpointed user state ({@link Checkpoints}), atomic model swaps
 * ({@link LiveModel}) and Prometheus metrics. Routes: {@link #ROUTES} (documented in {@code /openapi.json}).
 *
 * <p>Guarantees: a flag is committed (SQLite WAL, full sync) before any response reporting it is sent; per-user
 * state is saved every checkpoint interval and on {@link #close()}, so a crash loses at most the state changes since
 * the last checkpoint (users then miss those events in their features), never an acknowledged flag. A model swap
 * waits for the requests scoring on the old model, rebuilds every user's state on the new one, then switches.
 */
public final class ScoringService implements AutoCloseable {
    /** Every route, as {@code METHOD path}; {@code /openapi.json} documents exactly these. */
    public static final List<String> ROUTES = Routes.ALL;
    private static final int RECENT_FLAGS = 10;
    private static final int MAX_FLAGS_PAGE = 1000;

    static {
        // the JDK server writes headers and body separately: without TCP_NODELAY, Nagle's algorithm and the
        // client's delayed ACK add ~40 ms to every small response. Read once, when the server classes load.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /** Loads the model a {@code POST /v1/model} names. */
    @FunctionalInterface
    public interface ModelLoader {
        ServingModel load(Path dir) throws IOException;
    }

    private final ModelLoader loader;
    private final FlagLog flags;
    private final StateStore states;
    private final UserIdMask mask;
    private final ApiKeyAuth auth;
    private final BodyLimit bodies;
    private final LiveModel live;
    private final ModelChoice choice;
    private final EventsEndpoint events;
    private final Checkpoints checkpoints;
    private final Metrics metrics = new Metrics();
    private final HttpServer http;
    private final ExecutorService workers;
    private final byte[] openApi;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean closed;

    private ScoringService(ServiceConfig config, ServingModel model, ModelLoader loader) throws IOException {
        this.loader = loader;
        Database db = Database.open(config.dataDir());
        try {
            this.flags = new FlagLog(db);
            this.states = new StateStore(db);
            this.auth = new ApiKeyAuth(new ApiKeys(db), config.rateLimitPerSecond());
            this.mask = config.maskUserIds()
                    ? new UserIdMask(HexFormat.of().parseHex(db.meta("mask_salt", ScoringService::randomSalt)))
                    : null;
            ScoringEngine engine = new ScoringEngine(model, config.maxUsers(), config.shards());
            states.load(h -> engine.restore(h.userId(), h.events(), h.lastScore(), h.open()));
            this.live = new LiveModel(engine, config.maxUsers(), config.shards());
        } catch (SQLException e) {
            throw new IOException("cannot open the service database in " + config.dataDir() + ": " + e.getMessage(), e);
        }
        this.choice = new ModelChoice(db);
        choice.save(model.dir());
        this.bodies = new BodyLimit(config.maxBodyBytes());
        this.events = new EventsEndpoint(live, flags, mask, bodies, metrics);
        try (InputStream in = ScoringService.class.getResourceAsStream("openapi.json")) {
            this.openApi = in.readAllBytes();
        }
        this.http = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 256);
        this.workers = Executors.newFixedThreadPool(config.threads(), r -> {
            Thread t = new Thread(r, "seqguard-http");
            t.setDaemon(true);
            return t;
        });
        http.setExecutor(workers);
        http.createContext("/", this::dispatch);
        this.checkpoints = new Checkpoints(live, states, metrics, config.checkpointInterval());
        http.start();
    }

    private static String randomSalt() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /**
     * Opens the data directory, restores the saved user state onto {@code model}, and starts listening.
     *
     * @param loader how {@code POST /v1/model} loads another model (the same context rules as the first)
     */
    public static ScoringService start(ServiceConfig config, ServingModel model, ModelLoader loader) throws IOException {
        return new ScoringService(config, model, loader);
    }

    /** The port listened on (useful with port 0). */
    public int port() {
        return http.getAddress().getPort();
    }

    public ServingModel model() {
        return live.engine().model();
    }

    /** Users with state now. */
    public int users() {
        return live.engine().users();
    }

    /** Saves the changed user state now (also runs periodically and on close). */
    public void checkpoint() throws SQLException {
        checkpoints.save();
    }

    /**
     * Loads another model and makes it current atomically: requests scoring on the old model finish on it, then
     * every user's state is rebuilt on the new one before any request sees it. The choice is saved in the data
     * directory ({@link ModelChoice}), so it survives a restart.
     */
    public ServingModel swapModel(Path dir) throws IOException {
        ServingModel next = loader.load(dir);
        live.swap(next);
        // recorded once it serves: a restart without --model comes back on it
        choice.save(next.dir());
        metrics.modelSwaps.increment();
        return next;
    }

    // ---------------------------------------------------------------- HTTP

    private void dispatch(HttpExchange ex) throws IOException {
        inFlight.incrementAndGet();
        try {
            dispatchCounted(ex);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private void dispatchCounted(HttpExchange ex) throws IOException {
        long t0 = System.nanoTime();
        String method = ex.getRequestMethod();
        String path = ex.getRequestURI().getRawPath();
        String route = Routes.of(path);
        Response r;
        try {
            if (closed && !"/health".equals(route)) {
                BodyLimit.drain(ex.getRequestBody());
                r = Response.error(503, "the service is stopping");
            } else if (route == null) {
                r = Response.error(404, "no route " + path + "; see /openapi.json");
            } else if (!Routes.allows(method, route)) {
                r = Response.error(405, method + " is not allowed on " + route);
            } else if (Routes.secured(route) && (r = auth.check(ex)) != null) {
                BodyLimit.drain(ex.getRequestBody());
            } else {
                r = handle(method + " " + route, ex, path);
            }
        } catch (RuntimeException | SQLException e) {
            // the trace goes to the operator's log, never to the client
            System.err.println("seqguard serve: " + method + " " + path + " failed:");
            e.printStackTrace();
            r = Response.error(500, "internal error (" + e.getClass().getSimpleName() + "); the server log has the details");
        }
        metrics.response(route == null ? "other" : route, r.status());
        r.send(ex);
        if ("/v1/events".equals(route)) {
            metrics.latency(System.nanoTime() - t0);
        }
    }

    private Response handle(String route, HttpExchange ex, String path) throws IOException, SQLException {
        return switch (route) {
            case "POST /v1/events" -> events.handle(ex);
            case "GET /v1/users/{id}" -> user(Routes.userId(path));
            case "GET /v1/flags" -> flagsSince(Routes.query(ex.getRequestURI().getRawQuery()));
            case "POST /v1/model" -> model(ex);
            case "POST /v1/watermark" -> events.watermark(ex);
            case "GET /health" -> health();
            case "GET /metrics" -> new Response(200, "text/plain; version=0.0.4; charset=utf-8", metrics.render(
                    live.engine(), live.evictionsBefore(), live.now().drift(), flags.commits()).getBytes(StandardCharsets.UTF_8));
            case "GET /openapi.json" -> new Response(200, Response.JSON, openApi);
            default -> throw new IllegalStateException("route " + route + " has no handler");
        };
    }

    private Response user(String rawId) throws IOException, SQLException {
        String id = mask == null ? rawId : mask.mask(rawId);
        ScoringEngine engine = live.engine();
        Optional<ScoringEngine.UserView> view = engine.user(id);
        List<StoredFlag> recent = flags.ofUser(id, RECENT_FLAGS);
        if (view.isEmpty() && recent.isEmpty()) {
            return Response.error(404, "no state and no flags for user " + rawId);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("user_id", id);
        double risk = view.map(ScoringEngine.UserView::lastScore).orElse(Double.NaN);
        m.put("risk", Double.isNaN(risk) ? null : risk);
        m.put("flagged", view.map(v -> engine.model().flags(v.lastScore(), v.events())).orElse(false));
        m.put("events", view.map(ScoringEngine.UserView::events).orElse(0));
        m.put("warming_up", view.map(v -> v.events() < engine.model().warmUpEvents() || Double.isNaN(v.lastScore())).orElse(true));
        m.put("last_event", view.map(v -> Timestamps.seconds(v.lastTimeMillis())).orElse(null));
        m.put("recent_flags", recent.stream().map(ScoringService::flagJson).toList());
        return Response.json(200, m);
    }

    static Map<String, Object> flagJson(StoredFlag f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("flag_id", f.flagId());
        m.put("user_id", f.userId());
        m.put("item_id", f.itemId());
        m.put("timestamp", Timestamps.seconds(f.timeMillis()));
        m.put("score", f.score());
        m.put("detector", f.detector());
        m.put("explanation", f.explanation());
        m.put("flagged_at", f.flaggedAt());
        m.put("decision", f.decision());
        return m;
    }

    private Response flagsSince(Map<String, String> q) throws IOException, SQLException {
        long since;
        int limit;
        try {
            since = Long.parseLong(q.getOrDefault("since", "0"));
            limit = Integer.parseInt(q.getOrDefault("limit", "100"));
        } catch (NumberFormatException e) {
            return Response.error(400, "since and limit must be integers: " + e.getMessage());
        }
        if (since < 0 || limit < 1 || limit > MAX_FLAGS_PAGE) {
            return Response.error(400, "since must be >= 0 and limit 1.." + MAX_FLAGS_PAGE + ", got since=" + since
                    + " limit=" + limit);
        }
        return Response.json(200, flags.since(since, limit).stream().map(ScoringService::flagJson).toList());
    }

    private Response model(HttpExchange ex) throws IOException {
        byte[] body = bodies.read(ex);
        if (body == null) {
            return bodies.tooLarge("");
        }
        JsonNode req;
        try {
            req = EventJson.MAPPER.readTree(body);
        } catch (IOException e) {
            return Response.error(400, "body is not JSON; send {\"path\": \"DIR\"}");
        }
        if (req == null || !req.hasNonNull("path")) {
            return Response.error(400, "missing path: send {\"path\": \"DIR\"} (a model directory on the server)");
        }
        ServingModel next;
        try {
            next = swapModel(Path.of(req.get("path").asText()));
        } catch (IOException | IllegalArgumentException e) {
            return Response.error(400, "cannot load model " + req.get("path").asText() + ": " + e.getMessage());
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("detector", next.detectorName());
        m.put("threshold", next.threshold());
        m.put("path", next.dir().toString());
        m.put("users", live.engine().users());
        return Response.json(200, m);
    }

    private Response health() throws IOException {
        ServingModel model = live.engine().model();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", closed ? "stopping" : "ok");
        m.put("detector", model.detectorName());
        m.put("threshold", model.threshold());
        m.put("users", live.engine().users());
        return Response.json(closed ? 503 : 200, m);
    }

    /**
     * Stops accepting requests (those in flight finish, up to 5 s), saves the user state, commits the queued
     * flags and closes the database. The shutdown hook of {@code seqguard serve} calls this on SIGTERM.
     */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        // requests already scoring finish (their flags are committed and answered); new ones get 503
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            Thread.yield();
        }
        http.stop(0);
        workers.shutdown();
        try {
            checkpoints.stop();
            workers.awaitTermination(5, TimeUnit.SECONDS);
            checkpoints.save();
            flags.close();
            states.close();
        } catch (SQLException e) {
            throw new IOException("closing the service database: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
