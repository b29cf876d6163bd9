package dev.seqguard.server;

import dev.seqguard.serving.ScoringEngine;
import dev.seqguard.serving.ServingModel;
import java.util.function.Function;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The engine being served, swapped atomically: a swap waits for the requests scoring on the old engine, rebuilds
 * every user's state on the new one, then switches, so no request sees a half-built engine.
 */
final class LiveModel {
    /** An engine, and the drift of its live scores from its model's training scores. */
    record Live(ScoringEngine engine, ScoreDrift drift) {
        Live(ScoringEngine engine) {
            this(engine, new ScoreDrift(engine.model().trainingScores()));
        }
    }

    private final int maxUsers;
    private final int shards;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private volatile Live live;
    private volatile long evictionsBefore;

    LiveModel(ScoringEngine first, int maxUsers, int shards) {
        this.live = new Live(first);
        this.maxUsers = maxUsers;
        this.shards = shards;
    }

    Live now() {
        return live;
    }

    ScoringEngine engine() {
        return live.engine();
    }

    /** Users evicted by the engines swapped out so far (the live engine counts its own). */
    long evictionsBefore() {
        return evictionsBefore;
    }

    /** Runs {@code scoring} on the live engine; a swap waits until it returns. */
    <T> T scoring(Function<Live, T> scoring) {
        lock.readLock().lock();
        try {
            return scoring.apply(live);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Makes {@code next} live, with every user's state (and the pending checkpoint) carried over. */
    void swap(ServingModel next) {
        ScoringEngine fresh = new ScoringEngine(next, maxUsers, shards);
        lock.writeLock().lock();
        try {
            ScoringEngine old = live.engine();
            ScoringEngine.Checkpoint pending = old.drainCheckpoint();
            old.copyStateTo(fresh);
            fresh.requeue(pending);
            evictionsBefore += old.evictions();
            live = new Live(fresh);
        } finally {
            lock.writeLock().unlock();
        }
    }
}
