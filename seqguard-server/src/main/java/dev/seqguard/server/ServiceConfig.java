package dev.seqguard.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@code seqguard serve} runs.
 *
 * @param dataDir            database (flags, keys, user state) lives here
 * @param host               address to bind; loopback by default
 * @param port               0 = any free port
 * @param maxBodyBytes       larger request bodies get 413
 * @param rateLimitPerSecond requests per second per API key (bursts of one second's worth); more get 429
 * @param maxUsers           users with state in memory, at most (least recently seen evicted)
 * @param maskUserIds        store and return user ids as salted hashes
 * @param checkpointInterval how often changed user state is saved
 * @param threads            request worker threads
 * @param shards             scoring lock stripes
 */
public record ServiceConfig(Path dataDir, String host, int port, long maxBodyBytes, double rateLimitPerSecond, int maxUsers,
                            boolean maskUserIds, Duration checkpointInterval, int threads, int shards) {
    public static final long DEFAULT_MAX_BODY = 1L << 20;
    public static final double DEFAULT_RATE_LIMIT = 100_000;
    public static final int DEFAULT_MAX_USERS = 1_000_000;

    public ServiceConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(checkpointInterval, "checkpointInterval");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be positive, got " + maxBodyBytes);
        }
        if (!(rateLimitPerSecond > 0)) {
            throw new IllegalArgumentException("rateLimitPerSecond must be positive, got " + rateLimitPerSecond);
        }
        if (maxUsers < 1) {
            throw new IllegalArgumentException("maxUsers must be at least 1, got " + maxUsers);
        }
        if (checkpointInterval.isNegative() || checkpointInterval.isZero()) {
            throw new IllegalArgumentException("checkpointInterval must be positive, got " + checkpointInterval);
        }
        if (threads < 1 || shards < 1) {
            throw new IllegalArgumentException("threads and shards must be at least 1, got " + threads + " and " + shards);
        }
    }

    /** Defaults: 127.0.0.1:8080, 1 MiB bodies, 100,000 requests/s per key, 1,000,000 users, checkpoint every 30 s. */
    public static ServiceConfig defaults(Path dataDir) {
        return new ServiceConfig(dataDir, "127.0.0.1", 8080, DEFAULT_MAX_BODY, DEFAULT_RATE_LIMIT, DEFAULT_MAX_USERS, false,
                Duration.ofSeconds(30), 16, 64);
    }

    public ServiceConfig withPort(int newPort) {
        return new ServiceConfig(dataDir, host, newPort, maxBodyBytes, rateLimitPerSecond, maxUsers, maskUserIds,
                checkpointInterval, threads, shards);
    }

    public ServiceConfig withLimits(long newMaxBody, double newRate, int newMaxUsers) {
        return new ServiceConfig(dataDir, host, port, newMaxBody, newRate, newMaxUsers, maskUserIds, checkpointInterval,
                threads, shards);
    }

    public ServiceConfig withMasking(boolean mask) {
        return new ServiceConfig(dataDir, host, port, maxBodyBytes, rateLimitPerSecond, maxUsers, mask, checkpointInterval,
                threads, shards);
    }

    public ServiceConfig withCheckpointInterval(Duration interval) {
        return new ServiceConfig(dataDir, host, port, maxBodyBytes, rateLimitPerSecond, maxUsers, maskUserIds, interval,
                threads, shards);
    }

    public ServiceConfig withHost(String newHost) {
        return new ServiceConfig(dataDir, newHost, port, maxBodyBytes, rateLimitPerSecond, maxUsers, maskUserIds,
                checkpointInterval, threads, shards);
    }
}
