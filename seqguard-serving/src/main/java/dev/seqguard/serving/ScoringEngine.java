package dev.seqguard.serving;

import dev.seqguard.core.features.FeatureMatrix;
import dev.seqguard.core.features.SequenceFeatureExtractor;
import dev.seqguard.core.model.BehaviorEvent;
import dev.seqguard.detect.api.DetectionData;
import dev.seqguard.detect.api.StreamingDetector.StreamScore;
import dev.seqguard.detect.stream.StreamingScorer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The streaming path shared by {@code seqguard serve} and {@code seqguard replay}: incremental features and the
 * model's detector ({@link StreamingScorer}), then the model's streaming operating point
 * ({@link ServingModel#flags}), and an explanation for every flag.
 *
 * <p>Thread-safe: users are spread over shards by a hash of their id, one {@link StreamingScorer} per shard, and a
 * shard is scored under its own lock, so two threads contend only when their users share a shard. A model that
 * learns online (random cut forest) gets one shard, so its forest sees every event. The user cap is split evenly
 * between shards (least recently seen evicted first, per shard).
 *
 * <p>Besides the scorer's feature state, each user's event history is kept so that the state can be checkpointed
 * and rebuilt ({@link #drainCheckpoint}, {@link #restore}) and carried over to another model ({@link #copyStateTo}).
 */
public final class ScoringEngine {
    /** Reasons shown per flag. */
    public static final int EXPLAINED_REASONS = 5;

    private final ServingModel model;
    private final List<String> featureNames;
    private final Shard[] shards;
    private final AtomicLong clock = new AtomicLong();
    private final StreamingOperatingPoint idle;
    // the latest event time seen or announced: users idle at it are judged by advanceTo
    private final AtomicLong eventClock = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong idleDecisions = new AtomicLong();

    /**
     * @param maxUsers users with state, at most (split between shards)
     * @param shards   lock stripes for concurrent scoring (1 for online models whatever is asked)
     */
    public ScoringEngine(ServingModel model, int maxUsers, int shards) {
        this.model = Objects.requireNonNull(model, "model");
        if (maxUsers < 1) {
            throw new IllegalArgumentException("maxUsers must be at least 1, got " + maxUsers);
        }
        if (shards < 1) {
            throw new IllegalArgumentException("shards must be at least 1, got " + shards);
        }
        this.idle = model.idleDecision().orElse(null);
        int n = model.learnsOnline() ? 1 : Math.min(shards, maxUsers);
        SequenceFeatureExtractor extractor = model.newExtractor();
        this.featureNames = extractor.names();
        this.shards = new Shard[n];
        int perShard = (maxUsers + n - 1) / n;
        for (int i = 0; i < n; i++) {
            this.shards[i] = new Shard(model, model.newExtractor(), perShard);
        }
    }

    public ServingModel model() {
        return model;
    }

    /**
     * Scores one event against its user's state, then folds it in. The result's event equals {@code event}, with the
     * ids as the user's state holds them ({@link StreamingScorer#canonical}): keep that one in a history.
     *
     * @throws IllegalArgumentException when the event is older than the user's previous event (nothing changes)
     */
    public ScoredEvent score(BehaviorEvent event) {
        Shard shard = shardOf(event.userId());
        synchronized (shard) {
            UserState state = shard.states.get(event.userId());
            if (state != null && event.timeMillis() < state.lastTimeMillis()) {
                throw new IllegalArgumentException("timestamp " + Timestamps.seconds(event.timeMillis())
                        + " is earlier than this user's previous event at " + Timestamps.seconds(state.lastTimeMillis())
                        + " (events of a user must arrive in time order)");
            }
            IdleFlag idleBefore = null;
            if (state != null && state.open && idle != null && event.timeMillis() >= idle.idleAt(state.lastTimeMillis())) {
                idleBefore = judgeIdle(shard, event.userId(), state);
            }
            StreamScore s = shard.scorer.process(event);
            if (state == null) {
                state = new UserState();
                shard.states.put(event.userId(), state);
            }
            boolean warm = s.warmedUp();
            // the history is as long as the user's kept events plus this one, after a restore too
            boolean flag = warm && model.flags(s.score(), state.history.size() + 1);
            String explanation = flag ? explain(shard, event.userId()) : null;
            BehaviorEvent kept = shard.scorer.canonical(event);
            state.add(kept, warm ? s.score() : Double.NaN, clock.incrementAndGet());
            shard.dirty.add(event.userId());
            if (idle != null) {
                state.open = true;
                // an event behind the clock (a user's backlog, a file posted user by user) has its user's next events
                // still to come: judged one gap after the clock, not at the event's own idle time the clock has passed
                state.idleAt = idle.idleAt(Math.max(kept.timeMillis(), eventClock.get()));
                if (!state.queued) {
                    shard.idleQueue.add(new IdleDue(state.idleAt, event.userId(), state));
                    state.queued = true;
                }
                eventClock.accumulateAndGet(kept.timeMillis(), Math::max);
            }
            return new ScoredEvent(kept, warm ? s.score() : Double.NaN, !warm, flag, explanation, idleBefore);
        }
    }

    /**
     * Judges every user who is idle at event time {@code timeMillis} (or at the latest event time scored, if later)
     * and has not been judged since their last event: their whole history against the idle threshold
     * ({@link StreamingOperatingPoint#flagsIdle}). Returns the flagged ones; nothing for a model without the idle
     * decision. The service calls it after each batch on its event-time clock, replay after each event and at the
     * end of the input ({@code Long.MAX_VALUE}).
     */
    public List<IdleFlag> advanceTo(long timeMillis) {
        if (idle == null) {
            return List.of();
        }
        long now = eventClock.accumulateAndGet(timeMillis, Math::max);
        List<IdleFlag> out = new ArrayList<>();
        for (Shard shard : shards) {
            synchronized (shard) {
                while (!shard.idleQueue.isEmpty() && shard.idleQueue.peek().at() <= now) {
                    IdleDue due = shard.idleQueue.poll();
                    UserState state = shard.states.get(due.userId());
                    if (state != due.state()) {
                        continue; // evicted or forgotten since, and perhaps started afresh with an entry of its own
                    }
                    state.queued = false;
                    if (!state.open) {
                        continue;
                    }
                    long at = state.idleAt;
                    if (at > now) {
                        shard.idleQueue.add(new IdleDue(at, due.userId(), state)); // events came since it was queued
                        state.queued = true;
                        continue;
                    }
                    IdleFlag f = judgeIdle(shard, due.userId(), state);
                    if (f != null) {
                        out.add(f);
                    }
                }
            }
        }
        return out;
    }

    /**
     * Judges one user's whole history now, as {@link #advanceTo} would once they are idle, for a caller with its own
     * clock per user (the Flink job's event-time timer). Nothing when the user has no state or was judged since their
     * last event.
     */
    public Optional<IdleFlag> judgeIdle(String userId) {
        if (idle == null) {
            return Optional.empty();
        }
        Shard shard = shardOf(userId);
        synchronized (shard) {
            UserState state = shard.states.get(userId);
            return state == null || !state.open ? Optional.empty() : Optional.ofNullable(judgeIdle(shard, userId, state));
        }
    }

    // inside the shard's lock; the user is open: judged once per idle period
    private IdleFlag judgeIdle(Shard shard, String userId, UserState state) {
        state.open = false;
        shard.dirty.add(userId);
        idleDecisions.incrementAndGet();
        double score = model.learnsOnline() ? state.lastScore : shard.scorer.scoreNow(userId);
        if (!idle.flagsIdle(score, state.history.size())) {
            return null;
        }
        BehaviorEvent last = state.history.get(state.history.size() - 1);
        return new IdleFlag(userId, last, state.history.size(), score, explain(shard, userId));
    }

    /** Idle decisions taken since this engine started (flagged or not). */
    public long idleDecisions() {
        return idleDecisions.get();
    }

    private String explain(Shard shard, String userId) {
        double[] x = shard.scorer.features(userId);
        FeatureMatrix row = new FeatureMatrix(featureNames, List.of(userId), new double[][] {x});
        return model.detector().explain(DetectionData.of(row), 0).summary(EXPLAINED_REASONS);
    }

    /** A user's state now, if they have any. */
    public Optional<UserView> user(String userId) {
        Shard shard = shardOf(userId);
        synchronized (shard) {
            UserState s = shard.states.get(userId);
            return s == null ? Optional.empty()
                    : Optional.of(new UserView(userId, s.history.size(), s.lastScore, s.lastTimeMillis(), s.open));
        }
    }

    /**
     * Rebuilds a user's state from their history without scoring (after a restart or for another model).
     *
     * @param lastScore the score after the last event, as saved ({@link Double#NaN} when unknown or warming up)
     * @param open      events came since the user was last judged idle ({@link UserView#open}, as saved)
     */
    public void restore(String userId, List<BehaviorEvent> history, double lastScore, boolean open) {
        if (history.isEmpty()) {
            return;
        }
        Shard shard = shardOf(userId);
        synchronized (shard) {
            UserState state = new UserState();
            for (BehaviorEvent e : history) {
                if (!e.userId().equals(userId)) {
                    throw new IllegalArgumentException("history of " + userId + " holds an event of " + e.userId());
                }
                shard.scorer.absorb(e);
                state.add(e, Double.NaN, clock.incrementAndGet());
            }
            state.lastScore = lastScore;
            shard.states.put(userId, state);
            if (idle != null && open) {
                state.open = true;
                state.idleAt = idle.idleAt(state.lastTimeMillis());
                shard.idleQueue.add(new IdleDue(state.idleAt, userId, state));
                state.queued = true;
            }
        }
    }

    /**
     * Drops a user's state as an eviction would (their next event starts afresh; a checkpoint deletes them), for a
     * caller that expires users by its own rule, such as the Flink job's idle-state timeout.
     */
    public void forget(String userId) {
        Shard shard = shardOf(userId);
        synchronized (shard) {
            shard.scorer.forget(userId);
            if (shard.states.remove(userId) != null) {
                shard.dirty.remove(userId);
                shard.dropped.add(userId);
            }
        }
    }

    /** Users with state now. */
    public int users() {
        int n = 0;
        for (Shard s : shards) {
            synchronized (s) {
                n += s.states.size();
            }
        }
        return n;
    }

    /** Users dropped to keep within the cap, since this engine started. */
    public long evictions() {
        long n = 0;
        for (Shard s : shards) {
            synchronized (s) {
                n += s.scorer.evictions();
            }
        }
        return n;
    }

    /**
     * What changed since the last call: the full history of every user who got events, and the users whose state
     * was evicted. Clears the change marks; give the result back with {@link #requeue} if it could not be saved.
     */
    public Checkpoint drainCheckpoint() {
        List<UserHistory> changed = new ArrayList<>();
        Set<String> dropped = new HashSet<>();
        for (Shard s : shards) {
            synchronized (s) {
                for (String u : s.dirty) {
                    UserState st = s.states.get(u);
                    if (st != null) {
                        changed.add(new UserHistory(u, List.copyOf(st.history), st.lastScore, st.lastSeen, st.open));
                    }
                }
                dropped.addAll(s.dropped);
                s.dirty.clear();
                s.dropped.clear();
            }
        }
        return new Checkpoint(changed, dropped);
    }

    /** Marks the users of a checkpoint that could not be saved as changed again. */
    public void requeue(Checkpoint c) {
        for (UserHistory h : c.changed()) {
            Shard s = shardOf(h.userId());
            synchronized (s) {
                if (s.states.containsKey(h.userId())) {
                    s.dirty.add(h.userId());
                }
            }
        }
        for (String u : c.dropped()) {
            Shard s = shardOf(u);
            synchronized (s) {
                if (!s.states.containsKey(u)) {
                    s.dropped.add(u);
                }
            }
        }
    }

    /**
     * Rebuilds every user's state in {@code next} (least recently seen first, so its eviction order matches), and
     * marks them changed there. Callers stop scoring on this engine first.
     */
    public void copyStateTo(ScoringEngine next) {
        List<UserHistory> all = new ArrayList<>();
        for (Shard s : shards) {
            synchronized (s) {
                s.states.forEach((u, st) -> all.add(new UserHistory(u, List.copyOf(st.history), st.lastScore, st.lastSeen,
                        st.open)));
            }
        }
        all.sort(Comparator.comparingLong(UserHistory::lastSeen));
        for (UserHistory h : all) {
            next.restore(h.userId(), h.events(), h.lastScore(), h.open());
            Shard s = next.shardOf(h.userId());
            synchronized (s) {
                if (s.states.containsKey(h.userId())) {
                    s.dirty.add(h.userId());
                }
            }
        }
    }

    private Shard shardOf(String userId) {
        return shards[Math.floorMod(userId.hashCode() * 0x9E3779B9, shards.length)];
    }

    /**
     * A user as {@code GET /v1/users/{id}} shows them.
     *
     * @param open events came since the user was last judged idle (always false for a model without the idle decision)
     */
    public record UserView(String userId, int events, double lastScore, long lastTimeMillis, boolean open) {
    }

    /**
     * A user's whole history, flagged when they went idle.
     *
     * @param last   the history's last event
     * @param events the history's length
     */
    public record IdleFlag(String userId, BehaviorEvent last, int events, double score, String explanation) {
    }

    private record IdleDue(long at, String userId, UserState state) {
    }

    /**
     * One user's saved state.
     *
     * @param lastSeen a logical clock: larger = seen more recently (restores the eviction order)
     * @param open     events came since the user was last judged idle
     */
    public record UserHistory(String userId, List<BehaviorEvent> events, double lastScore, long lastSeen, boolean open) {
        public UserHistory {
            events = List.copyOf(events);
        }
    }

    /** Users whose state changed, and users whose state was dropped. */
    public record Checkpoint(List<UserHistory> changed, Set<String> dropped) {
        public Checkpoint {
            changed = List.copyOf(changed);
            dropped = Set.copyOf(dropped);
        }

        public boolean isEmpty() {
            return changed.isEmpty() && dropped.isEmpty();
        }
    }

    private static final class UserState {
        final List<BehaviorEvent> history = new ArrayList<>();
        double lastScore = Double.NaN;
        long lastSeen;
        // events since the last idle decision; an entry of this state is in the shard's idle queue
        boolean open;
        boolean queued;
        // event time at which the open history is judged (the idle queue entry may be older)
        long idleAt;

        void add(BehaviorEvent e, double score, long seen) {
            history.add(e);
            lastScore = score;
            lastSeen = seen;
        }

        long lastTimeMillis() {
            return history.get(history.size() - 1).timeMillis();
        }
    }

    private static final class Shard {
        final StreamingScorer scorer;
        final Map<String, UserState> states = new HashMap<>();
        final Set<String> dirty = new HashSet<>();
        final Set<String> dropped = new HashSet<>();
        final PriorityQueue<IdleDue> idleQueue = new PriorityQueue<>(Comparator.comparingLong(IdleDue::at));

        Shard(ServingModel model, SequenceFeatureExtractor extractor, int maxUsers) {
            this.scorer = new StreamingScorer(model.detector(), extractor, model.context(), model.warmUpEvents(),
                    maxUsers, this::evicted);
        }

        // called by the scorer, inside this shard's lock
        private void evicted(String userId) {
            states.remove(userId);
            dirty.remove(userId);
            dropped.add(userId);
        }
    }
}
