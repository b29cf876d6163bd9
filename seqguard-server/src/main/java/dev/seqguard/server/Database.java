package dev.seqguard.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The service's embedded SQLite database, {@code D/seqguard.db}, in WAL mode with {@code synchronous=FULL}: a
 * committed transaction survives a killed process and a power cut. Tables: {@code flags}, {@code api_keys},
 * {@code user_state}, {@code meta}. Each user of the database opens its own connection.
 */
public final class Database {
    public static final String FILE = "seqguard.db";
    private final Path file;

    private Database(Path file) {
        this.file = file;
    }

    /** Opens (creating when needed) the database in {@code dataDir}. */
    public static Database open(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        Database db = new Database(dataDir.resolve(FILE));
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("CREATE TABLE IF NOT EXISTS flags (id INTEGER PRIMARY KEY, user_id TEXT NOT NULL, item_id TEXT NOT NULL,"
                    + " ts_millis INTEGER NOT NULL, score REAL NOT NULL, detector TEXT NOT NULL, explanation TEXT NOT NULL,"
                    + " flagged_at TEXT NOT NULL)");
            s.execute("CREATE INDEX IF NOT EXISTS flags_by_user ON flags(user_id, id)");
            s.execute("CREATE TABLE IF NOT EXISTS api_keys (name TEXT PRIMARY KEY, key_id TEXT NOT NULL UNIQUE,"
                    + " salt BLOB NOT NULL, hash BLOB NOT NULL, created_at TEXT NOT NULL, revoked_at TEXT)");
            s.execute("CREATE TABLE IF NOT EXISTS user_state (user_id TEXT PRIMARY KEY, last_seen INTEGER NOT NULL,"
                    + " last_score REAL, events TEXT NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)");
            // columns added since the first release: a data directory written before gains them with their defaults
            addColumn(c, "flags", "decision", "TEXT NOT NULL DEFAULT 'event'");
            addColumn(c, "user_state", "open", "INTEGER NOT NULL DEFAULT 0");
        } catch (SQLException e) {
            throw new IOException("cannot open the database " + db.file + ": " + e.getMessage(), e);
        }
        return db;
    }

    private static void addColumn(Connection c, String table, String column, String type) throws SQLException {
        try (Statement s = c.createStatement(); var r = s.executeQuery("PRAGMA table_info(" + table + ")")) {
            while (r.next()) {
                if (column.equals(r.getString("name"))) {
                    return;
                }
            }
        }
        try (Statement s = c.createStatement()) {
            s.execute("ALTER TABLE " + table + " ADD COLUMN " + column + " " + type);
        }
    }

    public Path file() {
        return file;
    }

    /** A new connection: WAL, full sync on commit, waits up to 30 s for another writer. */
    public Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout=30000");
            s.execute("PRAGMA synchronous=FULL");
        }
        return c;
    }

    /** A value of the meta table, created by {@code init} on first use (atomically). */
    public String meta(String name, java.util.function.Supplier<String> init) throws SQLException {
        try (Connection c = connect()) {
            try (var q = c.prepareStatement("INSERT OR IGNORE INTO meta(name, value) VALUES (?, ?)")) {
                q.setString(1, name);
                q.setString(2, init.get());
                q.executeUpdate();
            }
            try (var q = c.prepareStatement("SELECT value FROM meta WHERE name = ?")) {
                q.setString(1, name);
                try (var r = q.executeQuery()) {
                    r.next();
                    return r.getString(1);
                }
            }
        }
    }
}
