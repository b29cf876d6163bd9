package dev.seqguard.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.seqguard.core.model.Action;
import dev.seqguard.core.model.BehaviorEvent;
import dev.seqguard.core.model.EventExtras;
import dev.seqguard.serving.EventJson;
import dev.seqguard.serving.ScoringEngine.Checkpoint;
import dev.seqguard.serving.ScoringEngine.UserHistory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Per-user state checkpoints in the {@code user_state} table: each user's event history (what rebuilds the
 * incremental features exactly), last score and recency. A checkpoint writes only the users that changed, and
 * deletes the users evicted since the last one, in transactions of at most {@value #CHUNK} users so flag commits
 * are never held up for long.
 */
public final class StateStore implements AutoCloseable {
    static final int CHUNK = 500;
    private final Connection c;

    public StateStore(Database db) throws SQLException {
        this.c = db.connect();
        c.setAutoCommit(false);
    }

    public synchronized void save(Checkpoint checkpoint) throws SQLException {
        try (PreparedStatement put = c.prepareStatement("INSERT OR REPLACE INTO user_state(user_id, last_seen, last_score, events,"
                + " open) VALUES (?, ?, ?, ?, ?)");
             PreparedStatement del = c.prepareStatement("DELETE FROM user_state WHERE user_id = ?")) {
            int n = 0;
            for (UserHistory h : checkpoint.changed()) {
                put.setString(1, h.userId());
                put.setLong(2, h.lastSeen());
                if (Double.isNaN(h.lastScore())) {
                    put.setNull(3, java.sql.Types.REAL);
                } else {
                    put.setDouble(3, h.lastScore());
                }
                put.setString(4, encode(h.events()));
                put.setInt(5, h.open() ? 1 : 0);
                put.addBatch();
                if (++n % CHUNK == 0) {
                    put.executeBatch();
                    c.commit();
                }
            }
            put.executeBatch();
            for (String u : checkpoint.dropped()) {
                del.setString(1, u);
                del.addBatch();
            }
            del.executeBatch();
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        }
    }

    /** Every saved user, least recently seen first. */
    public synchronized void load(Consumer<UserHistory> sink) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT user_id, last_seen, last_score, events, open FROM user_state ORDER BY last_seen")) {
            while (r.next()) {
                String user = r.getString(1);
                double score = r.getDouble(3);
                if (r.wasNull()) {
                    score = Double.NaN;
                }
                sink.accept(new UserHistory(user, decode(user, r.getString(4)), score, r.getLong(2), r.getInt(5) != 0));
            }
        }
        c.commit();
    }

    /** Events as a JSON array of {@code [item, category, action, millis, session, query, price]} (trailing nulls cut). */
    static String encode(List<BehaviorEvent> events) {
        ArrayNode all = EventJson.MAPPER.createArrayNode();
        for (BehaviorEvent e : events) {
            ArrayNode a = all.addArray();
            a.add(e.itemId()).add(e.categoryId()).add(e.action().code()).add(e.timeMillis());
            EventExtras x = e.extras();
            if (!x.isEmpty()) {
                a.add(x.sessionId()).add(x.query());
                if (Double.isNaN(x.price())) {
                    a.addNull();
                } else {
                    a.add(x.price());
                }
            }
        }
        try {
            return EventJson.MAPPER.writeValueAsString(all);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<BehaviorEvent> decode(String userId, String json) {
        try {
            JsonNode all = EventJson.MAPPER.readTree(json);
            List<BehaviorEvent> out = new ArrayList<>(all.size());
            for (JsonNode a : all) {
                EventExtras x = EventExtras.NONE;
                if (a.size() > 4) {
                    x = new EventExtras(a.get(4).isNull() ? null : a.get(4).asText(),
                            a.get(5).isNull() ? null : a.get(5).asText(),
                            a.get(6).isNull() ? Double.NaN : a.get(6).asDouble(), -1, null);
                }
                Action action = Action.parse(a.get(2).asText())
                        .orElseThrow(() -> new IllegalArgumentException("saved state of " + userId + ": unknown action " + a.get(2)));
                out.add(new BehaviorEvent(userId, a.get(0).asText(), a.get(1).asText(), action, a.get(3).asLong(), x));
            }
            return out;
        } catch (IOException e) {
            throw new IllegalArgumentException("saved state of " + userId + " is not readable: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() throws SQLException {
        c.close();
    }
}
