package dev.seqguard.server;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The durable flag log. {@link #append} returns once the flags are committed (WAL, full sync), so a response that
 * reports a flag is only ever sent for a flag that survives a crash. Group commit without a writer thread: a
 * request's flags join a queue, and whichever waiting request holds the commit lock commits everything queued in one
 * transaction, so concurrent requests share a sync, and a lone request commits on its own thread instead of handing
 * its flags to another thread and waiting to be woken (two thread switches per flagged request).
 */
public final class FlagLog implements AutoCloseable {
    private final Connection writer;
    private final Connection reader;
    private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final ReentrantLock commitLock = new ReentrantLock();
    private long nextId;
    private volatile long commits;
    private volatile boolean closed;

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
    }

    /**
     * Commits the flags and returns once they are durable: the future is complete (with their ids, or failed) when
     * this returns. No flags: returns at once, waiting for nobody's commit.
     */
    public CompletableFuture<List<StoredFlag>> append(List<NewFlag> flags) {
        CompletableFuture<List<StoredFlag>> done = new CompletableFuture<>();
        if (flags.isEmpty()) {
            done.complete(List.of());
            return done;
        }
        if (closed) {
            done.completeExceptionally(new IllegalStateException("the flag log is closed"));
            return done;
        }
        queue.add(new Pending(List.copyOf(flags), done));
        while (!done.isDone()) {
            commitLock.lock();
            try {
                // a committer before us may have taken our flags with its own
                if (!done.isDone()) {
                    commitQueued();
                }
            } finally {
                commitLock.unlock();
            }
        }
        return done;
    }

    /** Appends waiting for the commit lock now (for tests of group commit). */
    int waiting() {
        return commitLock.getQueueLength();
    }

    /** The lock a commit holds (a test holds it to stand for a slow commit). */
    ReentrantLock commitLock() {
        return commitLock;
    }

    // holding the commit lock
    private void commitQueued() {
        List<Pending> batch = new ArrayList<>();
        for (Pending p = queue.poll(); p != null; p = queue.poll()) {
            batch.add(p);
        }
        if (closed) {
            batch.forEach(p -> p.done().completeExceptionally(new IllegalStateException("the flag log is closed")));
        } else if (!batch.isEmpty()) {
            commit(batch);
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
            commits++; // written under the commit lock only
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

    /** Commits what is queued, refuses further appends and closes the connections. */
    @Override
    public void close() throws SQLException {
        commitLock.lock();
        try {
            commitQueued();
            closed = true;
        } finally {
            commitLock.unlock();
        }
        synchronized (this) {
            reader.close();
        }
        writer.close();
    }
}
