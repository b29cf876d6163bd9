package dev.seqguard.server;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Which model directory the service in a data directory serves, kept in its database ({@code meta} row
 * {@code model_dir}) so that a model loaded by {@code POST /v1/model} is still the one served after a restart.
 * The service records the model it starts with and every model it swaps to; {@code serve} without {@code --model}
 * serves the recorded one, and an explicit {@code --model} wins over it.
 */
public final class ModelChoice {
    private static final String KEY = "model_dir";
    private final Database db;

    ModelChoice(Database db) {
        this.db = db;
    }

    /** The choice recorded in {@code dataDir} (creating its database when needed). */
    public static ModelChoice in(Path dataDir) throws IOException {
        return new ModelChoice(Database.open(dataDir));
    }

    /** The model directory served last, if any was recorded. */
    public Optional<Path> saved() throws IOException {
        try (Connection c = db.connect(); PreparedStatement q = c.prepareStatement("SELECT value FROM meta WHERE name = ?")) {
            q.setString(1, KEY);
            try (ResultSet r = q.executeQuery()) {
                return r.next() ? Optional.of(Path.of(r.getString(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IOException("cannot read the saved model choice in " + db.file() + ": " + e.getMessage(), e);
        }
    }

    /** Records {@code modelDir} (absolute) as the model served from now on; durable when this returns. */
    public void save(Path modelDir) throws IOException {
        try (Connection c = db.connect(); PreparedStatement q = c.prepareStatement(
                "INSERT INTO meta(name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value")) {
            q.setString(1, KEY);
            q.setString(2, modelDir.toAbsolutePath().normalize().toString());
            q.executeUpdate();
        } catch (SQLException e) {
            throw new IOException("cannot save the model choice in " + db.file() + ": " + e.getMessage(), e);
        }
    }
}
