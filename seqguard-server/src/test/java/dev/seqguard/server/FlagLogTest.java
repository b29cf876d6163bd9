package dev.seqguard.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Group commit: flags of requests waiting together share one durable commit; a request without flags waits for none. */
class FlagLogTest {
    @TempDir
    Path dir;

    @Test
    void appendsWaitingTogetherShareOneCommitAndAnswerOnlyOnceDurable() throws Exception {
        Database db = Database.open(dir);
        try (FlagLog log = new FlagLog(db); Connection blocker = db.connect()) {
            // another connection holds the write lock: the writer's commit of the first append waits for it
            blocker.setAutoCommit(false);
            try (Statement s = blocker.createStatement()) {
                s.executeUpdate("INSERT INTO meta(name, value) VALUES ('lock', 'held')");
            }
            List<CompletableFuture<List<StoredFlag>>> pending = Collections.synchronizedList(new ArrayList<>());
            pending.add(log.append(List.of(flag("u0"))));
            List<Thread> requests = new ArrayList<>();
            for (int i = 1; i <= 20; i++) {
                String user = "u" + i;
                Thread t = new Thread(() -> pending.add(log.append(List.of(flag(user), flag(user)))));
                t.start();
                requests.add(t);
            }
            for (Thread t : requests) {
                t.join();
            }

            CompletableFuture<List<StoredFlag>> noFlags = log.append(List.of());
            assertThat(noFlags).as("a request without flags does not wait for the blocked commit").isCompletedWithValue(List.of());
            Thread.sleep(200);
            assertThat(pending).as("no request is answered before its flags are committed").noneMatch(CompletableFuture::isDone);

            blocker.rollback();
            List<Long> ids = new ArrayList<>();
            for (CompletableFuture<List<StoredFlag>> f : pending) {
                f.get(30, TimeUnit.SECONDS).forEach(s -> ids.add(s.flagId()));
            }

            assertThat(ids).hasSize(41).doesNotHaveDuplicates().allMatch(id -> id >= 1 && id <= 41);
            assertThat(log.commits()).as("21 appends, committed in at most 2 transactions").isBetween(1L, 2L);
            assertThat(log.since(0, 1000)).hasSize(41);
        }
    }

    private static FlagLog.NewFlag flag(String user) {
        return new FlagLog.NewFlag(user, "item", 1_511_600_000_000L, 0.9, "robust-z", "reason", "event");
    }
}
