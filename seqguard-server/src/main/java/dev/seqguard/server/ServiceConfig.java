package dev.seqguard.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@code seqguard serve} runs. Build one with {@link #builder}; every default is a constant here, which the
 * command line shows as its own.
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
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    /** 1 MiB. */
    public static final long DEFAULT_MAX_BODY = 1L << 20;
    public static final double DEFAULT_RATE_LIMIT = 100_000;
    public static final int DEFAULT_MAX_USERS = 1_000_000;
    public static final int DEFAULT_CHECKPOINT_SECONDS = 30;
    public static final int DEFAULT_THREADS = 16;
    public static final int DEFAULT_SHARDS = 64;

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

    /** The defaults: {@value #DEFAULT_HOST}:{@value #DEFAULT_PORT}, 1 MiB bodies, 100,000 requests/s per key, ... */
    public static Builder builder(Path dataDir) {
        return new Builder(dataDir);
    }

    /** A builder holding this config, to change some of it. */
    public Builder toBuilder() {
        return new Builder(dataDir).host(host).port(port).maxBodyBytes(maxBodyBytes)
                .rateLimitPerSecond(rateLimitPerSecond).maxUsers(maxUsers).maskUserIds(maskUserIds)
                .checkpointInterval(checkpointInterval).threads(threads).shards(shards);
    }

    /** Collects the components; {@link #build} checks them. */
    public static final class Builder {
        private final Path dataDir;
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private long maxBodyBytes = DEFAULT_MAX_BODY;
        private double rateLimitPerSecond = DEFAULT_RATE_LIMIT;
        private int maxUsers = DEFAULT_MAX_USERS;
        private boolean maskUserIds;
        private Duration checkpointInterval = Duration.ofSeconds(DEFAULT_CHECKPOINT_SECONDS);
        private int threads = DEFAULT_THREADS;
        private int shards = DEFAULT_SHARDS;

        private Builder(Path dataDir) {
            this.dataDir = dataDir;
        }

        public Builder host(String v) {
            host = v;
            return this;
        }

        public Builder port(int v) {
            port = v;
            return this;
        }

        public Builder maxBodyBytes(long v) {
            maxBodyBytes = v;
            return this;
        }

        public Builder rateLimitPerSecond(double v) {
            rateLimitPerSecond = v;
            return this;
        }

        public Builder maxUsers(int v) {
            maxUsers = v;
            return this;
        }

        public Builder maskUserIds(boolean v) {
            maskUserIds = v;
            return this;
        }

        public Builder checkpointInterval(Duration v) {
            checkpointInterval = v;
            return this;
        }

        public Builder threads(int v) {
            threads = v;
            return this;
        }

        public Builder shards(int v) {
            shards = v;
            return this;
        }

        /** @throws IllegalArgumentException naming the first component out of range */
        public ServiceConfig build() {
            return new ServiceConfig(dataDir, host, port, maxBodyBytes, rateLimitPerSecond, maxUsers, maskUserIds,
                    checkpointInterval, threads, shards);
        }
    }
}
