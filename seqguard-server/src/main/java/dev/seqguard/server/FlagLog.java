package dev.seqguard.server;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The durable flag log. {@link #append} returns once the flags are committed (WAL, full sync), so a response that
 * reports a flag is only ever sent for a flag that survives a crash. One writer thread commits everything waiting
 * in one transaction (group commit): concurrent requests share a sync instead of queueing for one each.
 */
public final class FlagLog implements AutoCloseable {
    private static final Pending STOP = new Pending(List.of(), null);
    private final Connection writer;
    private final Connection reader;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private long nextId;
    private volatile long commits;

    /** A flag before it has an id. */
    public record NewFlag(String userId, String itemId, long timeMillis, double score, String detector, String explanation,
                          String decision) {
    }

    private record Pending(List<NewFlag> flags, CompletableFuture<List<StoredFlag>> done) {
    }

    public FlagLog(Database db) throws SQLException {
        this.writer = db.connect();
        this.reader = db.connect();
        try (Statement s = writer.createStatement(); ResultSet r = s.executeQuery("SELECT COALESCE(MAX(id), 0) FROM flags")) {
            r.next();
            nextId = r.getLong(1) + 1;
        }
        writer.setAutoCommit(false);
        thread = new Thread(this::run, "seqguard-flag-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /** Commits the flags; the future completes with their ids once they are durable (or fails). */
    public CompletableFuture<List<StoredFlag>> append(List<NewFlag> flags) {
        CompletableFuture<List<StoredFlag>> done = new CompletableFuture<>();
        if (flags.isEmpty()) {
            done.complete(List.of());
        } else if (!thread.isAlive()) {
            done.completeExceptionally(new IllegalStateException("the flag log is closed"));
        } else {
            queue.add(new Pending(List.copyOf(flags), done));
        }
        return done;
    }

    private void run() {
        List<Pending> batch = new ArrayList<>();
        while (true) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            queue.drainTo(batch);
            boolean stop = batch.remove(STOP);
            if (!batch.isEmpty()) {
                commit(batch);
            }
            batch.clear();
            if (stop) {
                return;
            }
        }
    }

    private void commit(List<Pending> batch) {
        long first = nextId;
        String now = Instant.now().toString();
        List<List<StoredFlag>> results = new ArrayList<>();
        try (PreparedStatement q = writer.prepareStatement("INSERT INTO flags(id, user_id, item_id, ts_millis, score,"
                + " detector, explanation, flagged_at, decision) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            long id = first;
            for (Pending p : batch) {
                List<StoredFlag> stored = new ArrayList<>(p.flags().size());
                for (NewFlag f : p.flags()) {
                    StoredFlag s = new StoredFlag(id++, f.userId(), f.itemId(), f.timeMillis(), f.score(), f.detector(),
                            f.explanation(), now, f.decision());
                    q.setLong(1, s.flagId());
                    q.setString(2, s.userId());
                    q.setString(3, s.itemId());
                    q.setLong(4, s.timeMillis());
                    q.setDouble(5, s.score());
                    q.setString(6, s.detector());
                    q.setString(7, s.explanation());
                    q.setString(8, s.flaggedAt());
                    q.setString(9, s.decision());
                    q.addBatch();
                    stored.add(s);
                }
                results.add(stored);
            }
            q.executeBatch();
            writer.commit();
            nextId = id;
            commits++; // only the writer thread writes it
        } catch (SQLException | RuntimeException e) {
            try {
                writer.rollback();
            } catch (SQLException ignored) {
                // the connection is broken; every waiting request fails below either way
            }
            for (Pending p : batch) {
                p.done().completeExceptionally(e);
            }
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).done().complete(List.copyOf(results.get(i)));
        }
    }

    /** Durable commits so far: fewer than the appends that carried flags when concurrent requests shared one. */
    public long commits() {
        return commits;
    }

    /** Flags with id &gt; {@code since}, in id order, at most {@code limit}. */
    public List<StoredFlag> since(long since, int limit) throws SQLException {
        return query("SELECT id, user_id, item_id, ts_millis, score, detector, explanation, flagged_at, decision FROM flags"
                + " WHERE id > ? ORDER BY id LIMIT ?", since, null, limit);
    }

    /** A user's most recent flags, newest first. */
    public List<StoredFlag> ofUser(String userId, int limit) throws SQLException {
        return query("SELECT id, user_id, item_id, ts_millis, score, detector, explanation, flagged_at, decision FROM flags"
                + " WHERE user_id = ? ORDER BY id DESC LIMIT ?", 0, userId, limit);
    }

    private synchronized List<StoredFlag> query(String sql, long since, String user, int limit) throws SQLException {
        try (PreparedStatement q = reader.prepareStatement(sql)) {
            if (user == null) {
                q.setLong(1, since);
            } else {
                q.setString(1, user);
            }
            q.setInt(2, limit);
            List<StoredFlag> out = new ArrayList<>();
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    out.add(new StoredFlag(r.getLong(1), r.getString(2), r.getString(3), r.getLong(4), r.getDouble(5),
                            r.getString(6), r.getString(7), r.getString(8), r.getString(9)));
                }
            }
            return out;
        }
    }

    /** Commits what is queued, stops the writer and closes the connections. */
    @Override
    public void close() throws SQLException {
        queue.add(STOP);
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            reader.close();
        }
        writer.close();
    }
}
