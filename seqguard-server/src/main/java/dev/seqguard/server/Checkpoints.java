package dev.seqguard.server;

import dev.seqguard.serving.ScoringEngine;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Saves the live engine's changed user state ({@link StateStore}) every interval and on demand, one save at a time.
 * A failed save is counted and its users are marked changed again, so the next save retries them.
 */
final class Checkpoints {
    private final LiveModel model;
    private final StateStore states;
    private final Metrics metrics;
    private final Object lock = new Object();
    private final ScheduledExecutorService scheduler;

    Checkpoints(LiveModel model, StateStore states, Metrics metrics, Duration every) {
        this.model = model;
        this.states = states;
        this.metrics = metrics;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "seqguard-checkpoint");
            t.setDaemon(true);
            return t;
        });
        long ms = every.toMillis();
        scheduler.scheduleWithFixedDelay(this::saveQuietly, ms, ms, TimeUnit.MILLISECONDS);
    }

    /** Saves what changed since the last save. */
    void save() throws SQLException {
        synchronized (lock) {
            ScoringEngine.Checkpoint c = model.engine().drainCheckpoint();
            if (c.isEmpty()) {
                return;
            }
            try {
                states.save(c);
                metrics.checkpoints.increment();
            } catch (SQLException | RuntimeException e) {
                metrics.checkpointFailures.increment();
                model.engine().requeue(c);
                throw e;
            }
        }
    }

    private void saveQuietly() {
        try {
            save();
        } catch (SQLException | RuntimeException e) {
            // counted in seqguard_checkpoint_failures_total and retried at the next tick
        }
    }

    /** Stops the schedule, waiting up to 5 s for a save under way; {@link #save} still works after. */
    void stop() throws InterruptedException {
        scheduler.shutdown();
        scheduler.awaitTermination(5, TimeUnit.SECONDS);
    }
}
