package dev.seqguard.server;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-key token buckets: each key may make {@code perSecond} requests a second on average, with bursts of up to one
 * second's worth.
 */
public final class RateLimiter {
    private final double perSecond;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(double perSecond) {
        if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException("rate limit must be a positive number of requests per second, got " + perSecond);
        }
        this.perSecond = perSecond;
    }

    /** Takes one token of the key's bucket; false when it is empty (answer 429). */
    public boolean tryAcquire(String key) {
        return buckets.computeIfAbsent(key, k -> new Bucket(perSecond)).take(perSecond, System.nanoTime());
    }

    private static final class Bucket {
        private double tokens;
        private long last;

        Bucket(double capacity) {
            tokens = capacity;
            last = System.nanoTime();
        }

        synchronized boolean take(double rate, long now) {
            tokens = Math.min(Math.max(rate, 1), tokens + (now - last) / 1e9 * rate);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return true;
            }
            return false;
        }
    }
}
