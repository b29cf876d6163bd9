package dev.seqguard.recsys.log;

import dev.seqguard.core.model.BehaviorEvent;
import dev.seqguard.recsys.clean.DetectionScores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The anomaly log: every flagged user (score, detector, explanation, first and last event time) and every event
 * involved — the events of flagged users and the individually flagged events — with item, category and time, in an
 * embedded SQLite database (WAL journal, so readers never block a writer). For each item and category the log also
 * keeps how many accounts touched it in the whole batch, so that "targeted" means "touched by flagged accounts out
 * of proportion", not merely popular. Answers the source-analysis questions: which items and categories are targeted
 * most, by how many flagged accounts, and at what hours.
 *
 * <p>Tables: {@code run}, {@code flagged_users}, {@code flag_events}, {@code items}, {@code categories}.
 */
public final class AnomalyLog implements AutoCloseable {
    private static final String MARKER = "seqguard-flags";
    private final Connection db;
    private final Path file;

    private AnomalyLog(Connection db, Path file) {
        this.db = db;
        this.file = file;
    }

    /**
     * Writes a new log to {@code file}, replacing an existing one.
     *
     * @param flaggedEvents per input event whether it was flagged on its own (e.g. the events {@code drop-events}
     *                      drops); may be {@code null}
     */
    public static void write(Path file, String source, List<BehaviorEvent> events, DetectionScores d,
                             boolean[] flaggedEvents) throws IOException {
        if (flaggedEvents != null && flaggedEvents.length != events.size()) {
            throw new IllegalArgumentException(flaggedEvents.length + " event flags for " + events.size() + " events");
        }
        Path abs = file.toAbsolutePath();
        Files.createDirectories(abs.getParent());
        for (String suffix : List.of("", "-wal", "-shm")) {
            Files.deleteIfExists(Path.of(abs + suffix));
        }
        try (Connection c = connect(abs)) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("CREATE TABLE run(format TEXT, source TEXT, detector TEXT, event_scorer TEXT, threshold REAL,"
                        + " utc_offset_minutes INTEGER, users INTEGER, events INTEGER, flagged_users INTEGER,"
                        + " flagged_events INTEGER, created_at TEXT)");
                s.execute("CREATE TABLE flagged_users(user_id TEXT PRIMARY KEY, score REAL, percentile REAL,"
                        + " detector TEXT, explanation TEXT, first_time_ms INTEGER, last_time_ms INTEGER, events INTEGER)");
                s.execute("CREATE TABLE flag_events(user_id TEXT, time_ms INTEGER, item_id TEXT, category_id TEXT,"
                        + " behavior TEXT, score REAL, user_flagged INTEGER, event_flagged INTEGER)");
                s.execute("CREATE TABLE items(item_id TEXT PRIMARY KEY, category_id TEXT, accounts INTEGER, events INTEGER)");
                s.execute("CREATE TABLE categories(category_id TEXT PRIMARY KEY, accounts INTEGER, events INTEGER)");
            }
            c.setAutoCommit(false);
            insert(c, source, events, d, flaggedEvents);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE INDEX flag_events_item ON flag_events(item_id)");
                s.execute("CREATE INDEX flag_events_category ON flag_events(category_id)");
            }
            c.commit();
        } catch (SQLException e) {
            throw new IOException("cannot write the anomaly log " + file + ": " + e.getMessage(), e);
        }
    }

    private static void insert(Connection c, String source, List<BehaviorEvent> events, DetectionScores d,
                               boolean[] flaggedEvents) throws SQLException {
        Set<String> flagged = new HashSet<>(d.flaggedUsers());
        double[] sorted = d.userScores().values().stream().mapToDouble(Double::doubleValue).sorted().toArray();
        Map<String, long[]> span = new HashMap<>();
        Set<String> involvedItems = new HashSet<>();
        Set<String> involvedCategories = new HashSet<>();
        int eventFlags = 0;
        try (PreparedStatement p = c.prepareStatement("INSERT INTO flag_events VALUES (?,?,?,?,?,?,?,?)")) {
            for (int e = 0; e < events.size(); e++) {
                BehaviorEvent ev = events.get(e);
                boolean byUser = flagged.contains(ev.userId());
                boolean own = flaggedEvents != null && flaggedEvents[e];
                eventFlags += own ? 1 : 0;
                if (!byUser && !own) {
                    continue;
                }
                if (byUser) {
                    long[] s = span.computeIfAbsent(ev.userId(), u -> new long[] {Long.MAX_VALUE, Long.MIN_VALUE, 0});
                    s[0] = Math.min(s[0], ev.timeMillis());
                    s[1] = Math.max(s[1], ev.timeMillis());
                    s[2]++;
                }
                involvedItems.add(ev.itemId());
                involvedCategories.add(ev.categoryId());
                p.setString(1, ev.userId());
                p.setLong(2, ev.timeMillis());
                p.setString(3, ev.itemId());
                p.setString(4, ev.categoryId());
                p.setString(5, ev.action().code());
                p.setDouble(6, d.eventScores()[e]);
                p.setInt(7, byUser ? 1 : 0);
                p.setInt(8, own ? 1 : 0);
                p.addBatch();
            }
            p.executeBatch();
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO flagged_users VALUES (?,?,?,?,?,?,?,?)")) {
            for (String u : d.flaggedUsers()) {
                long[] s = span.getOrDefault(u, new long[] {0, 0, 0});
                double score = d.userScores().get(u);
                p.setString(1, u);
                p.setDouble(2, score);
                p.setDouble(3, percentile(sorted, score));
                p.setString(4, d.detector());
                p.setString(5, d.explanations().getOrDefault(u, ""));
                p.setLong(6, s[0]);
                p.setLong(7, s[1]);
                p.setLong(8, s[2]);
                p.addBatch();
            }
            p.executeBatch();
        }
        Map<String, Set<String>> itemAccounts = new HashMap<>();
        Map<String, long[]> itemEvents = new HashMap<>();
        Map<String, String> itemCategory = new HashMap<>();
        Map<String, Set<String>> catAccounts = new HashMap<>();
        Map<String, long[]> catEvents = new HashMap<>();
        for (BehaviorEvent ev : events) {
            if (involvedItems.contains(ev.itemId())) {
                itemAccounts.computeIfAbsent(ev.itemId(), i -> new HashSet<>()).add(ev.userId());
                itemEvents.computeIfAbsent(ev.itemId(), i -> new long[1])[0]++;
                itemCategory.putIfAbsent(ev.itemId(), ev.categoryId());
            }
            if (involvedCategories.contains(ev.categoryId())) {
                catAccounts.computeIfAbsent(ev.categoryId(), i -> new HashSet<>()).add(ev.userId());
                catEvents.computeIfAbsent(ev.categoryId(), i -> new long[1])[0]++;
            }
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO items VALUES (?,?,?,?)")) {
            for (Map.Entry<String, Set<String>> i : itemAccounts.entrySet()) {
                p.setString(1, i.getKey());
                p.setString(2, itemCategory.get(i.getKey()));
                p.setInt(3, i.getValue().size());
                p.setLong(4, itemEvents.get(i.getKey())[0]);
                p.addBatch();
            }
            p.executeBatch();
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO categories VALUES (?,?,?)")) {
            for (Map.Entry<String, Set<String>> i : catAccounts.entrySet()) {
                p.setString(1, i.getKey());
                p.setInt(2, i.getValue().size());
                p.setLong(3, catEvents.get(i.getKey())[0]);
                p.addBatch();
            }
            p.executeBatch();
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO run VALUES (?,?,?,?,?,?,?,?,?,?,?)")) {
            p.setString(1, MARKER);
            p.setString(2, source);
            p.setString(3, d.detector());
            p.setString(4, d.eventScorer());
            p.setDouble(5, d.threshold());
            p.setInt(6, d.utcOffsetMinutes());
            p.setInt(7, d.userScores().size());
            p.setInt(8, events.size());
            p.setInt(9, flagged.size());
            p.setInt(10, eventFlags);
            p.setString(11, Instant.now().toString());
            p.execute();
        }
    }

    private static double percentile(double[] sorted, double s) {
        int atOrBelow = 0;
        while (atOrBelow < sorted.length && sorted[atOrBelow] <= s) {
            atOrBelow++;
        }
        return (double) atOrBelow / sorted.length;
    }

    /**
     * Opens an existing log for queries.
     *
     * @throws NoSuchFileException when there is no such file
     * @throws IOException         when the file is not an anomaly log written by SeqGuard
     */
    public static AnomalyLog open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no anomaly log here (`seqguard recommend --out DIR` writes DIR/flags.db)");
        }
        try {
            Connection c = connect(file.toAbsolutePath());
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT format FROM run")) {
                if (!r.next() || !MARKER.equals(r.getString(1))) {
                    c.close();
                    throw new IOException(file + " is not a SeqGuard anomaly log");
                }
            } catch (SQLException e) {
                c.close();
                throw new IOException(file + " is not a SeqGuard anomaly log (" + e.getMessage() + ")");
            }
            return new AnomalyLog(c, file);
        } catch (SQLException e) {
            throw new IOException("cannot open " + file + ": " + e.getMessage(), e);
        }
    }

    private static Connection connect(Path file) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + file);
    }

    /** What was logged. */
    public record RunInfo(String source, String detector, String eventScorer, double threshold, int utcOffsetMinutes,
                          int users, int events, int flaggedUsers, int flaggedEvents, String createdAt) {
    }

    /**
     * An item or category touched by flagged accounts.
     *
     * @param id              item or category id
     * @param category        the item's category (for categories: the same id)
     * @param flaggedAccounts distinct flagged accounts that touched it
     * @param allAccounts     distinct accounts in the whole batch that touched it
     * @param flaggedEvents   events on it by flagged accounts or flagged on their own
     * @param firstMs         first such event (epoch ms)
     * @param lastMs          last such event
     */
    public record Targeted(String id, String category, int flaggedAccounts, int allAccounts, long flaggedEvents,
                           long firstMs, long lastMs) {
        /** Share of the accounts touching it that are flagged. */
        public double flaggedShare() {
            return allAccounts == 0 ? 0 : (double) flaggedAccounts / allAccounts;
        }
    }

    /** Flagged activity in one local hour of the day (0–23). */
    public record HourCount(int hour, long events, int accounts) {
    }

    /** A flagged user, with the items they touched most. */
    public record FlaggedUser(String userId, double score, double percentile, String detector, String explanation,
                              long firstMs, long lastMs, long events, List<String> topItems) {
        public FlaggedUser {
            topItems = List.copyOf(topItems);
        }
    }

    public RunInfo run() throws IOException {
        return query("SELECT source, detector, event_scorer, threshold, utc_offset_minutes, users, events,"
                + " flagged_users, flagged_events, created_at FROM run", null, r -> new RunInfo(r.getString(1),
                r.getString(2), r.getString(3), r.getDouble(4), r.getInt(5), r.getInt(6), r.getInt(7), r.getInt(8),
                r.getInt(9), r.getString(10))).get(0);
    }

    /** Items touched by the most flagged accounts (ties: the larger flagged share first). */
    public List<Targeted> topItems(int n) throws IOException {
        return query("SELECT f.item_id, i.category_id, COUNT(DISTINCT CASE WHEN f.user_flagged = 1 THEN f.user_id END) a,"
                + " i.accounts, COUNT(*) e, MIN(f.time_ms), MAX(f.time_ms) FROM flag_events f JOIN items i"
                + " ON i.item_id = f.item_id GROUP BY f.item_id ORDER BY a DESC, CAST(a AS REAL) / i.accounts DESC,"
                + " e DESC, f.item_id LIMIT ?", n, AnomalyLog::targeted);
    }

    /** Categories touched by the most flagged accounts (ties: the larger flagged share first). */
    public List<Targeted> topCategories(int n) throws IOException {
        return query("SELECT f.category_id, f.category_id, COUNT(DISTINCT CASE WHEN f.user_flagged = 1 THEN f.user_id END) a,"
                + " c.accounts, COUNT(*) e, MIN(f.time_ms), MAX(f.time_ms) FROM flag_events f JOIN categories c"
                + " ON c.category_id = f.category_id GROUP BY f.category_id ORDER BY a DESC,"
                + " CAST(a AS REAL) / c.accounts DESC, e DESC, f.category_id LIMIT ?", n, AnomalyLog::targeted);
    }

    /** Flagged events per local hour of the day (the model's clock), all 24 hours. */
    public List<HourCount> byHour() throws IOException {
        int offset = run().utcOffsetMinutes();
        List<HourCount> found = query("SELECT ((time_ms / 1000 + ? * 60) / 3600 % 24 + 24) % 24 h, COUNT(*),"
                + " COUNT(DISTINCT user_id) FROM flag_events GROUP BY h ORDER BY h", offset,
                r -> new HourCount(r.getInt(1), r.getLong(2), r.getInt(3)));
        List<HourCount> all = new ArrayList<>();
        for (int h = 0; h < 24; h++) {
            int hour = h;
            all.add(found.stream().filter(c -> c.hour() == hour).findFirst().orElse(new HourCount(hour, 0, 0)));
        }
        return all;
    }

    /** The highest-scoring flagged users, each with their three most-touched items. */
    public List<FlaggedUser> users(int n) throws IOException {
        return query("SELECT u.user_id, u.score, u.percentile, u.detector, u.explanation, u.first_time_ms,"
                + " u.last_time_ms, u.events, (SELECT group_concat(item_id, ' ') FROM (SELECT item_id FROM flag_events"
                + " f WHERE f.user_id = u.user_id AND f.user_flagged = 1 GROUP BY item_id ORDER BY COUNT(*) DESC,"
                + " item_id LIMIT 3)) FROM flagged_users u ORDER BY u.score DESC, u.user_id LIMIT ?", n,
                r -> new FlaggedUser(r.getString(1), r.getDouble(2), r.getDouble(3), r.getString(4), r.getString(5),
                        r.getLong(6), r.getLong(7), r.getLong(8),
                        r.getString(9) == null ? List.of() : List.of(r.getString(9).split(" "))));
    }

    private static Targeted targeted(ResultSet r) throws SQLException {
        return new Targeted(r.getString(1), r.getString(2), r.getInt(3), r.getInt(4), r.getLong(5), r.getLong(6),
                r.getLong(7));
    }

    private interface Row<T> {
        T read(ResultSet r) throws SQLException;
    }

    private <T> List<T> query(String sql, Integer parameter, Row<T> row) throws IOException {
        try (PreparedStatement p = db.prepareStatement(sql)) {
            if (parameter != null) {
                p.setInt(1, parameter);
            }
            List<T> out = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(row.read(r));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IOException("query on " + file + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            db.close();
        } catch (SQLException e) {
            throw new IOException("cannot close " + file + ": " + e.getMessage(), e);
        }
    }
}
