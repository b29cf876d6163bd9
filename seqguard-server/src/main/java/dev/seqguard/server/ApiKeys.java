package dev.seqguard.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * API keys, stored as a random salt and SHA-256(salt + secret) only; the key itself is shown once, at creation.
 * A key reads {@code sgk_<id>_<secret>}: the id finds the row, the 256-bit random secret is what is checked (a
 * random secret of that size needs no slow password hash). The service re-reads the table at most every
 * {@value #REFRESH_MILLIS} ms, so a revocation takes effect within that time without a restart.
 */
public final class ApiKeys {
    static final long REFRESH_MILLIS = 500;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Database db;
    private volatile Snapshot snapshot = new Snapshot(Map.of(), Long.MIN_VALUE);

    private record Entry(String name, byte[] salt, byte[] hash, boolean revoked) {
    }

    private record Snapshot(Map<String, Entry> byId, long loadedAt) {
    }

    public ApiKeys(Database db) {
        this.db = db;
    }

    /**
     * Creates a key and returns it (the only time it is seen).
     *
     * @throws IllegalArgumentException for a bad name or a name with a live key
     */
    public String create(String name) throws SQLException {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("key name must be 1-64 letters, digits, '.', '_' or '-', got '" + name + "'");
        }
        String id = HexFormat.of().formatHex(random(6));
        byte[] secret = random(32);
        String secretText = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        byte[] salt = random(16);
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement q = c.prepareStatement("SELECT revoked_at FROM api_keys WHERE name = ?")) {
                q.setString(1, name);
                try (ResultSet r = q.executeQuery()) {
                    if (r.next() && r.getString(1) == null) {
                        throw new IllegalArgumentException("a key named '" + name + "' exists; revoke it first");
                    }
                }
            }
            try (PreparedStatement q = c.prepareStatement("INSERT OR REPLACE INTO api_keys(name, key_id, salt, hash, created_at,"
                    + " revoked_at) VALUES (?, ?, ?, ?, ?, NULL)")) {
                q.setString(1, name);
                q.setString(2, id);
                q.setBytes(3, salt);
                q.setBytes(4, hash(salt, secretText));
                q.setString(5, Instant.now().toString());
                q.executeUpdate();
            }
            c.commit();
        }
        snapshot = new Snapshot(Map.of(), Long.MIN_VALUE);
        return "sgk_" + id + "_" + secretText;
    }

    /** Revokes the named key; false when there is no live key of that name. */
    public boolean revoke(String name) throws SQLException {
        try (Connection c = db.connect();
             PreparedStatement q = c.prepareStatement("UPDATE api_keys SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL")) {
            q.setString(1, Instant.now().toString());
            q.setString(2, name);
            boolean done = q.executeUpdate() == 1;
            snapshot = new Snapshot(Map.of(), Long.MIN_VALUE);
            return done;
        }
    }

    /** The result of checking a presented key. */
    public enum Status { VALID, UNKNOWN, REVOKED }

    /**
     * @param status whether the key may be used
     * @param name   the key's name (what rate limits are counted by), {@code null} unless the key is known
     */
    public record Check(Status status, String name) {
    }

    /** @param key the presented key (the part after {@code Bearer }), possibly {@code null} */
    public Check check(String key) throws SQLException {
        String id = idOf(key);
        if (id == null) {
            return new Check(Status.UNKNOWN, null);
        }
        Entry e = snapshot().byId().get(id);
        String secret = key.substring(4 + id.length() + 1);
        if (e == null || !MessageDigest.isEqual(e.hash(), hash(e.salt(), secret))) {
            return new Check(Status.UNKNOWN, null);
        }
        return new Check(e.revoked() ? Status.REVOKED : Status.VALID, e.name());
    }

    private static String idOf(String key) {
        if (key == null || !key.startsWith("sgk_")) {
            return null;
        }
        int end = key.indexOf('_', 4);
        return end < 0 ? null : key.substring(4, end);
    }

    private Snapshot snapshot() throws SQLException {
        Snapshot s = snapshot;
        long now = System.nanoTime() / 1_000_000;
        if (s.loadedAt() != Long.MIN_VALUE && now - s.loadedAt() < REFRESH_MILLIS) {
            return s;
        }
        Map<String, Entry> byId = new HashMap<>();
        try (Connection c = db.connect();
             PreparedStatement q = c.prepareStatement("SELECT name, key_id, salt, hash, revoked_at FROM api_keys");
             ResultSet r = q.executeQuery()) {
            while (r.next()) {
                byId.put(r.getString(2), new Entry(r.getString(1), r.getBytes(3), r.getBytes(4), r.getString(5) != null));
            }
        }
        s = new Snapshot(Map.copyOf(byId), now);
        snapshot = s;
        return s;
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    private static byte[] hash(byte[] salt, String secret) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(salt);
            return d.digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
