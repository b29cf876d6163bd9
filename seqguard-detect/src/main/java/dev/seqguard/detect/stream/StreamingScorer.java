package dev.seqguard.detect.stream;

import dev.seqguard.core.features.FeatureAccumulator;
import dev.seqguard.core.features.FeatureContext;
import dev.seqguard.core.features.FeatureMatrix;
import dev.seqguard.core.features.SequenceFeatureExtractor;
import dev.seqguard.core.model.BehaviorEvent;
import dev.seqguard.detect.api.DetectionData;
import dev.seqguard.detect.api.FittedDetector;
import dev.seqguard.detect.api.OnlineUpdate;
import dev.seqguard.detect.api.StreamingDetector;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Scores a live event stream with any fitted feature detector: each user's features are kept incrementally
 * ({@link FeatureAccumulator}, which gives exactly the batch vector), and every event is scored as the user's
 * sequence so far. A user is "warming up" until they have {@code minEvents} events; a model that learns online
 * ({@link FittedDetector#online}, a random cut forest) also learns from every scored vector (score, then update) and warms up until its forest is full.
 *
 * <p>Group features (item popularity, co-visitation) come from a fixed {@link FeatureContext}, normally the one
 * of the training batch. User state is bounded: at most {@code maxUsers} users, least recently seen evicted first.
 * Not thread-safe: one instance per partition or key group.
 */
public final class StreamingScorer implements StreamingDetector {
    private final FittedDetector detector;
    private final OnlineUpdate.VectorStream online;
    private final SequenceFeatureExtractor extractor;
    private final FeatureContext context;
    private final int minEvents;
    private final Map<String, FeatureAccumulator> users;
    private final Consumer<String> onEvict;
    private long evictions;
    // the vector the last process() scored, and its user: an explanation asked for right after needs no recompute
    private String lastUser;
    private double[] lastFeatures;

    public StreamingScorer(FittedDetector detector, SequenceFeatureExtractor extractor, FeatureContext context,
                           int minEvents, int maxUsers) {
        this(detector, extractor, context, minEvents, maxUsers, user -> { });
    }

    /**
     * @param onEvict told the id of every user whose state is dropped to keep within {@code maxUsers}, so a caller
     *                that keeps more per-user state (a service's event history) can drop it in step
     */
    public StreamingScorer(FittedDetector detector, SequenceFeatureExtractor extractor, FeatureContext context,
                           int minEvents, int maxUsers, Consumer<String> onEvict) {
        this.onEvict = Objects.requireNonNull(onEvict, "onEvict");
        this.detector = Objects.requireNonNull(detector, "detector");
        this.extractor = Objects.requireNonNull(extractor, "extractor");
        this.context = Objects.requireNonNull(context, "context");
        if (minEvents < 1) {
            throw new IllegalArgumentException("minEvents must be at least 1, got " + minEvents);
        }
        if (maxUsers < 1) {
            throw new IllegalArgumentException("maxUsers must be at least 1, got " + maxUsers);
        }
        this.minEvents = minEvents;
        this.online = detector.online().map(OnlineUpdate::newStream).orElse(null);
        this.users = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, FeatureAccumulator> eldest) {
                boolean evict = size() > maxUsers;
                if (evict) {
                    evictions++;
                    onEvict.accept(eldest.getKey());
                }
                return evict;
            }
        };
    }

    /**
     * @throws IllegalArgumentException when the event is older than the user's previous event (late events must be
     *                                  handled by the caller, e.g. by a watermark)
     */
    @Override
    public StreamScore process(BehaviorEvent event) {
        FeatureAccumulator acc = users.computeIfAbsent(event.userId(), u -> extractor.newAccumulator());
        acc.update(event);
        double[] features = acc.features(context);
        lastUser = event.userId();
        lastFeatures = features;
        if (online != null) {
            StreamScore s = online.processVector(features);
            return acc.size() < minEvents ? StreamScore.warmingUp() : s;
        }
        if (acc.size() < minEvents) {
            return StreamScore.warmingUp();
        }
        FeatureMatrix row = new FeatureMatrix(extractor.names(), List.of(event.userId()), new double[][] {features});
        return new StreamScore(detector.score(DetectionData.of(row))[0], true);
    }

    /**
     * Folds the event into its user's state without scoring it and without teaching an online model: restores a
     * user's state from a saved history after a restart or a model swap.
     *
     * @throws IllegalArgumentException when the event is older than the user's previous event
     */
    public void absorb(BehaviorEvent event) {
        lastUser = null;
        users.computeIfAbsent(event.userId(), u -> extractor.newAccumulator()).update(event);
    }

    /** The user's current feature vector (what the last {@link #process} scored), or {@code null} for no state. */
    public double[] features(String userId) {
        if (userId.equals(lastUser)) {
            return lastFeatures.clone();
        }
        FeatureAccumulator acc = users.get(userId);
        return acc == null ? null : acc.features(context);
    }

    /**
     * The user's score on their state now: what {@link #process} gave for their last event, recomputed from the
     * features (so a state rebuilt by {@link #absorb} scores as the uninterrupted one). {@link Double#NaN} for no
     * state, a history shorter than the warm-up, or an online model (its forest has moved on since).
     */
    public double scoreNow(String userId) {
        FeatureAccumulator acc = users.get(userId);
        if (acc == null || online != null || acc.size() < minEvents) {
            return Double.NaN;
        }
        double[] features = userId.equals(lastUser) ? lastFeatures : acc.features(context);
        FeatureMatrix row = new FeatureMatrix(extractor.names(), List.of(userId), new double[][] {features.clone()});
        return detector.score(DetectionData.of(row))[0];
    }

    /**
     * Drops a user's state (a caller's own expiry, e.g. an idle-user timeout); their next event starts afresh. Not
     * counted as an eviction.
     */
    public void forget(String userId) {
        lastUser = null;
        users.remove(userId);
    }

    /**
     * The event as its user's state holds its ids ({@link FeatureAccumulator#canonical}): equal to {@code event}, for
     * a caller that keeps the history.
     *
     * @throws IllegalArgumentException when the event has not been processed or absorbed
     */
    public BehaviorEvent canonical(BehaviorEvent event) {
        FeatureAccumulator acc = users.get(event.userId());
        if (acc == null) {
            throw new IllegalArgumentException("user " + event.userId() + " has no state");
        }
        return acc.canonical(event);
    }

    /** Users with state now. */
    public int users() {
        return users.size();
    }

    /** Users whose state was dropped to keep within the cap. */
    public long evictions() {
        return evictions;
    }
}
