package dev.seqguard.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WalCheckpointTest {
    @TempDir
    Path data;

    @Test
    void flagCommitsLeaveTheWalToTheStateCheckpoint() throws Exception {
        Database db = Database.open(data);
        FlagLog flags = new FlagLog(db);
        StateStore states = new StateStore(db);
        Path wal = data.resolve(Database.FILE + "-wal");
        long before = Files.size(wal);
        for (int i = 0; i < 50; i++) {
            flags.append(List.of(new FlagLog.NewFlag("u" + i, "item", 1_511_600_000_000L + i, 0.9, "robust-z",
                    "x".repeat(2000)))).get();
        }
        long grown = Files.size(wal);

        assertThat(grown).isGreaterThan(before + 50 * 2000);
        assertThat(states.checkpointWal()).isTrue();
        assertThat(flags.since(0, 100)).hasSize(50);
        flags.close();
        states.close();
    }
}
