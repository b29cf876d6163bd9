package dev.seqguard.server;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.seqguard.core.model.BehaviorEvent;
import dev.seqguard.serving.EventJson;
import dev.seqguard.serving.ScoredEvent;
import dev.seqguard.serving.ScoringEngine;
import dev.seqguard.serving.ServingModel;
import dev.seqguard.serving.Timestamps;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The real-time scoring service behind {@code seqguard serve}: an HTTP/1.1 server (the JDK's) over a
 * {@link ScoringEngine}, with durable flags ({@link FlagLog}), API keys ({@link ApiKeys}), per-key rate limits,
 * checkpointed user state ({@link StateStore}), atomic model swaps and Prometheus metrics. Routes: {@link #ROUTES}
 * (documented in {@code /openapi.json}).
 *
 * <p>Guarantees: a flag is committed (SQLite WAL, full sync) before any response reporting it is sent; per-user
 * state is saved every checkpoint interval and on {@link #close()}, so a crash loses at most the state changes since
 * the last checkpoint (users then miss those events in their features), never an acknowledged flag. A model swap
 * waits for the requests scoring on the old model, rebuilds every user's state on the new one, then switches.
 */
public final class ScoringService implements AutoCloseable {
    /** Every route, as {@code METHOD path}; {@code /openapi.json} documents exactly these. */
    public static final List<String> ROUTES = List.of("POST /v1/events", "GET /v1/users/{id}", "GET /v1/flags",
            "POST /v1/model", "GET /health", "GET /metrics", "GET /openapi.json");
    private static final int RECENT_FLAGS = 10;
    private static final int MAX_FLAGS_PAGE = 1000;
    private static final long MAX_DRAIN = 64L << 20;

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

    private record Live(ScoringEngine engine, ScoreDrift drift) {
    }

    private final ServiceConfig config;
    private final ModelLoader loader;
    private final Database db;
    private final FlagLog flags;
    private final StateStore states;
    private final ApiKeys keys;
    private final RateLimiter limiter;
    private final UserIdMask mask;
    private final Metrics metrics = new Metrics();
    private final ReentrantReadWriteLock swapLock = new ReentrantReadWriteLock();
    private final Object checkpointLock = new Object();
    private final HttpServer http;
    private final ExecutorService workers;
    private final ScheduledExecutorService checkpointer;
    private final byte[] openApi;
    private volatile Live live;
    private volatile long evictionsBefore;
    private volatile boolean closed;
    private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();

    private ScoringService(ServiceConfig config, ServingModel model, ModelLoader loader) throws IOException {
        this.config = config;
        this.loader = loader;
        this.db = Database.open(config.dataDir());
        try {
            this.flags = new FlagLog(db);
            this.states = new StateStore(db);
            this.keys = new ApiKeys(db);
            this.mask = config.maskUserIds()
                    ? new UserIdMask(HexFormat.of().parseHex(db.meta("mask_salt", ScoringService::randomSalt)))
                    : null;
            ScoringEngine engine = new ScoringEngine(model, config.maxUsers(), config.shards());
            states.load(h -> engine.restore(h.userId(), h.events(), h.lastScore()));
            this.live = new Live(engine, new ScoreDrift(model.trainingScores()));
        } catch (SQLException e) {
            throw new IOException("cannot open the service database in " + config.dataDir() + ": " + e.getMessage(), e);
        }
        this.limiter = new RateLimiter(config.rateLimitPerSecond());
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
        this.checkpointer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "seqguard-checkpoint");
            t.setDaemon(true);
            return t;
        });
        long every = config.checkpointInterval().toMillis();
        checkpointer.scheduleWithFixedDelay(this::checkpointQuietly, every, every, TimeUnit.MILLISECONDS);
        http.start();
    }

    private static String randomSalt() {
        byte[] b = new byte[32];
        new java.security.SecureRandom().nextBytes(b);
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
        synchronized (checkpointLock) {
            ScoringEngine engine = live.engine();
            ScoringEngine.Checkpoint c = engine.drainCheckpoint();
            if (c.isEmpty()) {
                return;
            }
            try {
                states.save(c);
                metrics.checkpoints.increment();
            } catch (SQLException | RuntimeException e) {
                metrics.checkpointFailures.increment();
                live.engine().requeue(c);
                throw e;
            }
        }
    }

    private void checkpointQuietly() {
        try {
            checkpoint();
        } catch (SQLException | RuntimeException e) {
            // counted in seqguard_checkpoint_failures_total and retried at the next tick
        }
    }

    /**
     * Loads another model and makes it current atomically: requests scoring on the old model finish on it, then
     * every user's state is rebuilt on the new one before any request sees it.
     */
    public ServingModel swapModel(Path dir) throws IOException {
        ServingModel next = loader.load(dir);
        ScoringEngine fresh = new ScoringEngine(next, config.maxUsers(), config.shards());
        swapLock.writeLock().lock();
        try {
            ScoringEngine old = live.engine();
            ScoringEngine.Checkpoint pending = old.drainCheckpoint();
            old.copyStateTo(fresh);
            fresh.requeue(pending);
            evictionsBefore += old.evictions();
            live = new Live(fresh, new ScoreDrift(next.trainingScores()));
            metrics.modelSwaps.increment();
        } finally {
            swapLock.writeLock().unlock();
        }
        return next;
    }

    // ---------------------------------------------------------------- HTTP

    private record Response(int status, String contentType, byte[] body) {
        static Response json(int status, Object value) throws IOException {
            return new Response(status, "application/json", EventJson.MAPPER.writeValueAsBytes(value));
        }

        static Response error(int status, String message) throws IOException {
            return json(status, Map.of("error", message));
        }
    }

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
        String route = routeOf(path);
        Response r;
        try {
            if (closed && !"/health".equals(route)) {
                drain(ex.getRequestBody());
                r = Response.error(503, "the service is stopping");
            } else if (route == null) {
                r = Response.error(404, "no route " + path + "; see /openapi.json");
            } else if (!ROUTES.contains(method + " " + route)) {
                r = Response.error(405, method + " is not allowed on " + route);
            } else if (route.startsWith("/v1/") && (r = authorize(ex)) != null) {
                drain(ex.getRequestBody());
            } else {
                r = handle(method + " " + route, ex, path);
            }
        } catch (RuntimeException | SQLException e) {
            r = Response.error(500, "internal error: " + e);
        }
        metrics.response(route == null ? "other" : route, r.status());
        send(ex, r);
        if ("/v1/events".equals(route)) {
            metrics.latency(System.nanoTime() - t0);
        }
    }

    private static String routeOf(String path) {
        if (path.startsWith("/v1/users/") && path.length() > "/v1/users/".length() && path.indexOf('/', 10) < 0) {
            return "/v1/users/{id}";
        }
        return switch (path) {
            case "/v1/events", "/v1/flags", "/v1/model", "/health", "/metrics", "/openapi.json" -> path;
            default -> null;
        };
    }

    /** @return an error response, or {@code null} when the request may proceed */
    private Response authorize(HttpExchange ex) throws IOException, SQLException {
        String header = ex.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Response.error(401, "missing API key: send Authorization: Bearer KEY (create one with `seqguard keys create NAME`)");
        }
        ApiKeys.Check check = keys.check(header.substring(7).trim());
        return switch (check.status()) {
            case UNKNOWN -> Response.error(401, "invalid API key");
            case REVOKED -> Response.error(401, "API key '" + check.name() + "' was revoked");
            case VALID -> limiter.tryAcquire(check.name()) ? null
                    : Response.error(429, "rate limit of " + config.rateLimitPerSecond() + " requests/s for key '"
                    + check.name() + "' exceeded");
        };
    }

    private Response handle(String route, HttpExchange ex, String path) throws IOException, SQLException {
        return switch (route) {
            case "POST /v1/events" -> events(ex);
            case "GET /v1/users/{id}" -> user(URLDecoder.decode(path.substring("/v1/users/".length()), StandardCharsets.UTF_8));
            case "GET /v1/flags" -> flagsSince(query(ex.getRequestURI().getRawQuery()));
            case "POST /v1/model" -> model(ex);
            case "GET /health" -> health();
            case "GET /metrics" -> new Response(200, "text/plain; version=0.0.4; charset=utf-8", metrics.render(
                    live.engine(), evictionsBefore, live.drift()).getBytes(StandardCharsets.UTF_8));
            case "GET /openapi.json" -> new Response(200, "application/json", openApi);
            default -> throw new IllegalStateException("route " + route + " has no handler");
        };
    }

    /** The body, or {@code null} when it is larger than the limit (the rest is drained so the client reads 413). */
    private byte[] body(HttpExchange ex) throws IOException {
        InputStream in = ex.getRequestBody();
        String declared = ex.getRequestHeaders().getFirst("Content-Length");
        if (declared != null) {
            try {
                long length = Long.parseLong(declared.trim());
                if (length > config.maxBodyBytes()) {
                    drain(in);
                    return null;
                }
                if (length >= 0) {
                    // one array of the declared size, instead of readNBytes' chunks joined up to the limit
                    byte[] b = new byte[(int) length];
                    int n = in.readNBytes(b, 0, b.length);
                    return n == b.length ? b : java.util.Arrays.copyOf(b, n);
                }
            } catch (NumberFormatException e) {
                // chunked or odd: the bounded read below decides
            }
        }
        byte[] b = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, config.maxBodyBytes() + 1));
        if (b.length > config.maxBodyBytes()) {
            drain(in);
            return null;
        }
        return b;
    }

    private static void drain(InputStream in) throws IOException {
        long skipped = 0;
        byte[] buf = new byte[65536];
        int n;
        while (skipped < MAX_DRAIN && (n = in.read(buf)) > 0) {
            skipped += n;
        }
    }

    private Response events(HttpExchange ex) throws IOException {
        byte[] body = body(ex);
        if (body == null) {
            return Response.error(413, "body larger than " + config.maxBodyBytes() + " bytes; send smaller batches");
        }
        List<EventJson.Parsed> parsed;
        try {
            parsed = EventJson.parse(body);
        } catch (EventJson.NotJsonException e) {
            return Response.error(400, e.getMessage());
        }
        Object[] results = new Object[parsed.size()];
        List<FlagLog.NewFlag> newFlags = new ArrayList<>();
        List<Integer> flagged = new ArrayList<>();
        String detector;
        swapLock.readLock().lock();
        try {
            Live now = live;
            detector = now.engine().model().detectorName();
            for (int i = 0; i < parsed.size(); i++) {
                EventJson.Parsed p = parsed.get(i);
                if (p.error() != null) {
                    results[i] = p;
                    continue;
                }
                BehaviorEvent e = mask == null ? p.event() : p.event().withUser(mask.mask(p.event().userId()));
                try {
                    ScoredEvent s = now.engine().score(e);
                    now.drift().record(s.score());
                    results[i] = s;
                    if (s.flag()) {
                        flagged.add(i);
                        newFlags.add(new FlagLog.NewFlag(e.userId(), e.itemId(), e.timeMillis(), s.score(), detector,
                                s.explanation()));
                    }
                } catch (IllegalArgumentException bad) {
                    results[i] = new EventJson.Parsed(null, e.userId(), bad.getMessage());
                }
            }
        } finally {
            swapLock.readLock().unlock();
        }
        List<StoredFlag> stored;
        try {
            stored = flags.append(newFlags).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Response.error(503, "interrupted before the flags were committed; retry");
        } catch (ExecutionException e) {
            return Response.error(503, "flags could not be committed (" + e.getCause().getMessage() + "); retry");
        }
        long[] flagIds = new long[results.length];
        for (int k = 0; k < flagged.size(); k++) {
            flagIds[flagged.get(k)] = stored.get(k).flagId();
        }
        int invalid = 0;
        ByteArrayOutputStream out = new ByteArrayOutputStream(128 + 160 * results.length);
        try (JsonGenerator g = EventJson.MAPPER.getFactory().createGenerator(out)) {
            g.writeStartArray();
            for (int i = 0; i < results.length; i++) {
                g.writeStartObject();
                if (results[i] instanceof ScoredEvent s) {
                    BehaviorEvent e = s.event();
                    g.writeStringField("user_id", e.userId());
                    writeTimestamp(g, e.timeMillis());
                    g.writeStringField("item_id", e.itemId());
                    if (s.warmingUp()) {
                        g.writeNullField("score");
                    } else {
                        g.writeNumberField("score", s.score());
                    }
                    g.writeBooleanField("flag", s.flag());
                    if (s.flag()) {
                        g.writeNumberField("flag_id", flagIds[i]);
                        g.writeStringField("explanation", s.explanation());
                    }
                    g.writeBooleanField("warming_up", s.warmingUp());
                } else {
                    EventJson.Parsed p = (EventJson.Parsed) results[i];
                    invalid++;
                    g.writeNumberField("index", i);
                    if (p.userId() != null) {
                        g.writeStringField("user_id", mask == null ? p.userId() : mask.mask(p.userId()));
                    }
                    g.writeStringField("error", p.error());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        metrics.events.add(results.length - invalid);
        metrics.invalidEvents.add(invalid);
        metrics.flags.add(stored.size());
        return new Response(200, "application/json", out.toByteArray());
    }

    private static void writeTimestamp(JsonGenerator g, long millis) throws IOException {
        Number n = Timestamps.seconds(millis);
        if (n instanceof Long l) {
            g.writeNumberField("timestamp", l);
        } else {
            g.writeNumberField("timestamp", (java.math.BigDecimal) n);
        }
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
        m.put("flagged", !Double.isNaN(risk) && risk >= engine.model().threshold());
        m.put("events", view.map(ScoringEngine.UserView::events).orElse(0));
        m.put("warming_up", view.map(v -> v.events() < ServingModel.MIN_EVENTS || Double.isNaN(v.lastScore())).orElse(true));
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
        byte[] body = body(ex);
        if (body == null) {
            return Response.error(413, "body larger than " + config.maxBodyBytes() + " bytes");
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
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", closed ? "stopping" : "ok");
        m.put("detector", live.engine().model().detectorName());
        m.put("threshold", live.engine().model().threshold());
        m.put("users", live.engine().users());
        return Response.json(closed ? 503 : 200, m);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> m = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return m;
        }
        for (String part : raw.split("&")) {
            int eq = part.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
            m.put(k, v);
        }
        return m;
    }

    private static void send(HttpExchange ex, Response r) throws IOException {
        ex.getResponseHeaders().set("Content-Type", r.contentType());
        if (r.status() == 429) {
            ex.getResponseHeaders().set("Retry-After", "1");
        }
        ex.sendResponseHeaders(r.status(), r.body().length == 0 ? -1 : r.body().length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(r.body());
        }
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
        checkpointer.shutdown();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
            checkpointer.awaitTermination(5, TimeUnit.SECONDS);
            checkpoint();
            flags.close();
            states.close();
        } catch (SQLException e) {
            throw new IOException("closing the service database: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
