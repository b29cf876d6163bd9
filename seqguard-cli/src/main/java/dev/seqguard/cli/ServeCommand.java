package dev.seqguard.cli;

import dev.seqguard.core.features.FeatureContext;
import dev.seqguard.server.ScoringService;
import dev.seqguard.server.ServiceConfig;
import dev.seqguard.serving.ServingModel;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Runs the real-time scoring service over HTTP.",
                "Routes: POST /v1/events, GET /v1/users/{id}, GET /v1/flags, POST /v1/model, GET /health, GET /metrics"
                        + " and GET /openapi.json (see docs/service.md).",
                "Flags are committed to D/seqguard.db before they are reported; user state is checkpointed periodically"
                        + " and on SIGTERM. The /v1 routes need a key from `seqguard keys create NAME --data-dir D`."})
final class ServeCommand implements Callable<Integer> {
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KB|KiB|MB|MiB|GB|GiB)?", Pattern.CASE_INSENSITIVE);

    @Mixin
    ContextOptions context;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "A model directory written by select.")
    Path model;

    @Option(names = "--data-dir", required = true, paramLabel = "D", description = "Database of flags, keys and user state.")
    Path dataDir;

    @Option(names = "--port", defaultValue = "" + ServiceConfig.DEFAULT_PORT, description = "Port (0 = any free one). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--host", defaultValue = ServiceConfig.DEFAULT_HOST, description = "Address to bind. Default: ${DEFAULT-VALUE}.")
    String host;

    @Option(names = "--max-body", defaultValue = "" + ServiceConfig.DEFAULT_MAX_BODY, paramLabel = "SIZE",
            description = "Larger request bodies get 413 (B, KiB, MiB, GiB). Default: ${DEFAULT-VALUE}.")
    String maxBody;

    @Option(names = "--rate-limit", defaultValue = "" + (long) ServiceConfig.DEFAULT_RATE_LIMIT + "/s", paramLabel = "N/s",
            description = "Requests per second per API key; more get 429. Default: ${DEFAULT-VALUE}.")
    String rateLimit;

    @Option(names = "--max-users", defaultValue = "" + ServiceConfig.DEFAULT_MAX_USERS, paramLabel = "N",
            description = "Users with state in memory at most (least recently seen evicted). Default: ${DEFAULT-VALUE}.")
    int maxUsers;

    @Option(names = "--mask-user-ids", description = "Store and return user ids as salted hashes.")
    boolean maskUserIds;

    @Option(names = "--checkpoint-every", defaultValue = "" + ServiceConfig.DEFAULT_CHECKPOINT_SECONDS, paramLabel = "SECONDS",
            description = "Seconds between user-state checkpoints. Default: ${DEFAULT-VALUE}.")
    int checkpointSeconds;

    @Option(names = "--threads", defaultValue = "" + ServiceConfig.DEFAULT_THREADS, description = "Request worker threads. Default: ${DEFAULT-VALUE}.")
    int threads;

    @Override
    public Integer call() throws IOException, InterruptedException {
        ServiceConfig config;
        try {
            config = ServiceConfig.builder(dataDir).host(host).port(port).maxBodyBytes(bytes(maxBody))
                    .rateLimitPerSecond(perSecond(rateLimit)).maxUsers(maxUsers).maskUserIds(maskUserIds)
                    .checkpointInterval(Duration.ofSeconds(checkpointSeconds)).threads(threads).build();
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
        FeatureContext ctx = context.context();
        ServingModel first = context.load(model, ctx);
        ScoringService service = ScoringService.start(config, first, dir -> ServingModel.load(dir, ctx));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                service.close();
            } catch (IOException e) {
                System.err.println("seqguard serve: " + e.getMessage());
            } finally {
                stopped.countDown();
            }
        }, "seqguard-shutdown"));
        System.out.printf(Locale.ROOT, "serving %s (threshold %.4g) on http://%s:%d with %,d users restored; data in %s%n",
                first.detectorName(), first.threshold(), host, service.port(), service.users(), dataDir.toAbsolutePath());
        System.out.flush();
        stopped.await();
        return SeqGuard.EXIT_OK;
    }

    static long bytes(String text) {
        Matcher m = SIZE.matcher(text.trim());
        if (!m.matches()) {
            throw new UserInputException("--max-body must be a size like 1MiB, 512KiB or 100000, got '" + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "B" : m.group(2).toLowerCase(Locale.ROOT);
        return switch (unit) {
            case "kb" -> n * 1000;
            case "kib" -> n << 10;
            case "mb" -> n * 1_000_000;
            case "mib" -> n << 20;
            case "gb" -> n * 1_000_000_000;
            case "gib" -> n << 30;
            default -> n;
        };
    }

    static double perSecond(String text) {
        String t = text.trim();
        if (t.endsWith("/s")) {
            t = t.substring(0, t.length() - 2);
        }
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new UserInputException("--rate-limit must be requests per second like 500/s, got '" + text + "'");
        }
    }
}
