package dev.seqguard.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Group commit: flags of requests waiting together share one durable commit; a request without flags waits for none. */
class FlagLogTest {
    @TempDir
    Path dir;

    @Test
    void appendsWaitingTogetherShareOneCommitAndAnswerOnlyOnceDurable() throws Exception {
        Database db = Database.open(dir);
        try (FlagLog log = new FlagLog(db)) {
            List<CompletableFuture<List<StoredFlag>>> pending = Collections.synchronizedList(new ArrayList<>());
            List<Thread> requests = new ArrayList<>();
            // as while a commit is in progress: every request that comes now waits for the commit lock
            log.commitLock().lock();
            try {
                for (int i = 0; i <= 20; i++) {
                    String user = "u" + i;
                    List<FlagLog.NewFlag> flags = i == 0 ? List.of(flag(user)) : List.of(flag(user), flag(user));
                    Thread t = new Thread(() -> pending.add(log.append(flags)));
                    t.start();
                    requests.add(t);
                }
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (log.waiting() < 21 && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                assertThat(log.waiting()).as("21 appends wait for the commit in progress").isEqualTo(21);
                CompletableFuture<List<StoredFlag>> noFlags = log.append(List.of());
                assertThat(noFlags).as("a request without flags does not wait for the commit").isCompletedWithValue(List.of());
                Thread.sleep(100);
                assertThat(pending).as("no request is answered before its flags are committed").isEmpty();
                assertThat(log.since(0, 1000)).isEmpty();
            } finally {
                log.commitLock().unlock();
            }
            for (Thread t : requests) {
                t.join(30_000);
            }
            List<Long> ids = new ArrayList<>();
            for (CompletableFuture<List<StoredFlag>> f : pending) {
                assertThat(f).isDone();
                f.get().forEach(s -> ids.add(s.flagId()));
            }

            assertThat(ids).hasSize(41).doesNotHaveDuplicates().allMatch(id -> id >= 1 && id <= 41);
            assertThat(log.commits()).as("21 appends, committed by the first waiter in one transaction").isEqualTo(1L);
            assertThat(log.since(0, 1000)).hasSize(41);
        }
    }

    @Test
    void aLoneAppendCommitsOnItsOwnThreadAndAClosedLogRefuses() throws Exception {
        Database db = Database.open(dir);
        FlagLog log = new FlagLog(db);
        CompletableFuture<List<StoredFlag>> one = log.append(List.of(flag("solo")));
        assertThat(one).isDone();
        assertThat(one.get()).singleElement().satisfies(f -> assertThat(f.flagId()).isEqualTo(1));
        log.close();
        assertThat(log.append(List.of(flag("late")))).isCompletedExceptionally();
        try (FlagLog reopened = new FlagLog(db)) {
            assertThat(reopened.since(0, 10)).extracting(StoredFlag::userId).containsExactly("solo");
        }
    }

    private static FlagLog.NewFlag flag(String user) {
        return new FlagLog.NewFlag(user, "item", 1_511_600_000_000L, 0.9, "robust-z", "reason", "event");
    }
}
