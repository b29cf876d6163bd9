package dev.seqguard.flink;

import dev.seqguard.core.io.EventFormat;
import dev.seqguard.core.model.BehaviorEvent;
import dev.seqguard.serving.Replay;
import dev.seqguard.serving.ScoredEvent;
import dev.seqguard.serving.ScoringEngine;
import dev.seqguard.serving.ServingModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BiConsumer;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The per-user scoring both keyed scoring operators run ({@link ScoreUserEvents}, and
 * {@link ScoreUserEventsWithModelUpdates} which can swap its model): each user's events in event-time order through
 * the service's streaming path ({@link ScoringEngine}: the same incremental features, detector, threshold and
 * explanations as {@code replay} and {@code serve}). Built in a function's {@code open}, one per task.
 *
 * <p>Keyed state per user (the only per-user state that is checkpointed):
 * <ul>
 *   <li>{@code pending}: events ahead of the watermark, not yet scored, in arrival order, with one event-time timer
 *       at the earliest of them ({@code nextDue}); when the watermark passes it, every pending event the watermark
 *       has passed is scored in event-time order (arrival order within one time), so events that arrive out of
 *       order (up to the watermark's bound) are scored as if they had arrived in order. One timer per user rather
 *       than one per event time, and an append per event rather than a rewrite of a map entry, keep Flink's timer
 *       queue and state table out of the per-event cost. An event that arrives behind the watermark is scored at
 *       once (everything still pending for its user is later);</li>
 *   <li>{@code nextDue}: the time of the user's pending timer, absent when nothing is pending;</li>
 *   <li>{@code history}: every scored event, from which the feature state is rebuilt exactly
 *       ({@link ScoringEngine#restore}) after a restart, a rescale, a model swap or when this task's in-memory cache
 *       dropped the user;</li>
 *   <li>{@code lastScored}: the time of the user's last scored event; an event older than that (later than the
 *       watermark allowed) cannot be scored in order and goes to quarantine as {@code late_event};</li>
 *   <li>{@code expiry}: with an idle-state timeout, when the user's state is dropped (event time).</li>
 * </ul>
 * The task's {@link ScoringEngine} is a cache of built feature state over that keyed state, never the truth.
 * Outputs: clean (accepted, unflagged) events in the input layout on the main output; flags on
 * {@link SeqGuardStreamJob#FLAGS} as {@code replay}'s {@code flags.jsonl} lines.
 */
final class UserEventScorer {
    private static final Comparator<BehaviorEvent> BY_TIME = Comparator.comparingLong(BehaviorEvent::timeMillis);

    /** Where an operator's side outputs go ({@code ctx::output} of either function's context). */
    @FunctionalInterface
    interface SideOutputs extends BiConsumer<OutputTag<String>, String> {
    }

    private final StreamJobConfig config;
    private final EventFormat format;
    private final ListState<BehaviorEvent> pending;
    private final ValueState<Long> nextDue;
    private final ListState<BehaviorEvent> history;
    private final ValueState<Long> lastScored;
    private final ValueState<Long> expiry;
    private final LongCounter flags;
    private final LongCounter late;
    private ServingModel model;
    private ScoringEngine engine;

    UserEventScorer(RuntimeContext rc, StreamJobConfig config, ServingModel model) {
        this.config = config;
        this.format = config.eventFormat();
        this.pending = rc.getListState(new ListStateDescriptor<>("pending", EventTypes.EVENT));
        this.nextDue = rc.getState(new ValueStateDescriptor<>("nextDue", Types.LONG));
        this.history = rc.getListState(new ListStateDescriptor<>("history", EventTypes.EVENT));
        this.lastScored = rc.getState(new ValueStateDescriptor<>("lastScored", Types.LONG));
        this.expiry = rc.getState(new ValueStateDescriptor<>("expiry", Types.LONG));
        this.flags = rc.getLongCounter(SeqGuardStreamJob.FLAGS_COUNTER);
        this.late = rc.getLongCounter(SeqGuardStreamJob.LATE_COUNTER);
        useModel(model);
    }

    /**
     * Scores from now on with {@code next}. The built feature state of every cached user is dropped with the old
     * engine (a model's features and their scaling are its own); each user's is rebuilt from their keyed history on
     * their next event.
     *
     * @throws IllegalArgumentException for a model a keyed job cannot score ({@link SeqGuardStreamJob#requireKeyedModel})
     */
    void useModel(ServingModel next) {
        SeqGuardStreamJob.requireKeyedModel(next);
        model = next;
        engine = new ScoringEngine(next, config.cachedUsers(), 1);
    }

    ServingModel model() {
        return model;
    }

    void processElement(String user, BehaviorEvent event, TimerService timers, Collector<String> out,
                        SideOutputs side) throws Exception {
        Long last = lastScored.value();
        if (last != null && event.timeMillis() < last) {
            late.add(1);
            side.accept(SeqGuardStreamJob.QUARANTINE, "late_event\t" + format.format(event));
            return;
        }
        long t = event.timeMillis();
        if (t <= timers.currentWatermark()) {
            // Behind the watermark (a replayed file, a backlog): the timers of this user's earlier pending events fired
            // when the watermark passed them, so whatever is still pending is later than this event, and scoring it now
            // keeps event-time order. Waiting would hold it until the watermark next moves, which for a file read
            // user by user is the end of the input.
            score(user, event, out, side);
            lastScored.update(t);
            scheduleExpiry(timers, t);
            return;
        }
        pending.add(event);
        Long due = nextDue.value();
        if (due == null || t < due) {
            if (due != null && !due.equals(expiry.value())) {
                timers.deleteEventTimeTimer(due);
            }
            nextDue.update(t);
            timers.registerEventTimeTimer(t);
        }
    }

    void onTimer(String user, long timestamp, TimerService timers, Collector<String> out, SideOutputs side)
            throws Exception {
        Long due = nextDue.value();
        if (due != null && due <= timestamp) {
            scoreDue(user, timers, out, side);
        }
        Long expiresAt = expiry.value();
        if (expiresAt != null && expiresAt == timestamp && nextDue.value() == null) {
            pending.clear();
            history.clear();
            lastScored.clear();
            expiry.clear();
            engine.forget(user);
        }
    }

    /**
     * Scores, in event-time order, the pending events the watermark has passed, keeps the rest pending and sets the
     * user's timer to the earliest of them.
     */
    private void scoreDue(String user, TimerService timers, Collector<String> out, SideOutputs side) throws Exception {
        long watermark = timers.currentWatermark();
        List<BehaviorEvent> all = new ArrayList<>();
        pending.get().forEach(all::add);
        all.sort(BY_TIME); // stable: arrival order within one time
        int ready = 0;
        while (ready < all.size() && all.get(ready).timeMillis() <= watermark) {
            score(user, all.get(ready), out, side);
            ready++;
        }
        if (ready > 0) {
            long last = all.get(ready - 1).timeMillis();
            lastScored.update(last);
            scheduleExpiry(timers, last);
        }
        if (ready == all.size()) {
            pending.clear();
            nextDue.clear();
        } else {
            pending.update(all.subList(ready, all.size()));
            long next = all.get(ready).timeMillis();
            nextDue.update(next);
            timers.registerEventTimeTimer(next);
        }
    }

    private void score(String user, BehaviorEvent e, Collector<String> out, SideOutputs side) throws Exception {
        if (engine.user(user).isEmpty()) {
            List<BehaviorEvent> before = new ArrayList<>();
            history.get().forEach(before::add);
            engine.restore(user, before, Double.NaN);
        }
        ScoredEvent s = engine.score(e);
        history.add(s.event()); // equal to e, sharing its ids with the user's earlier events

        if (s.flag()) {
            flags.add(1);
            side.accept(SeqGuardStreamJob.FLAGS, Replay.line(new Replay.ReplayFlag(e.userId(), e.itemId(),
                    e.timeMillis(), s.score(), model.detectorName(), s.explanation())));
        } else {
            out.collect(format.format(e));
        }
    }

    private void scheduleExpiry(TimerService timers, long lastEventTime) throws Exception {
        long timeout = config.idleStateTimeout().toMillis();
        if (timeout == 0) {
            return;
        }
        Long old = expiry.value();
        // a timer is one per time: the user's pending timer may share the old expiry's time, and must survive
        if (old != null && !old.equals(nextDue.value())) {
            timers.deleteEventTimeTimer(old);
        }
        long at = lastEventTime + timeout;
        expiry.update(at);
        timers.registerEventTimeTimer(at);
    }
}
