package dev.seqguard.flink;

import dev.seqguard.core.io.EventFormat;
import dev.seqguard.core.model.BehaviorEvent;
import dev.seqguard.serving.Replay;
import dev.seqguard.serving.ScoredEvent;
import dev.seqguard.serving.ScoringEngine;
import dev.seqguard.serving.ServingModel;
import dev.seqguard.serving.StreamingOperatingPoint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
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
 *   <li>{@code expiry}: with an idle-state timeout, when the user's state is dropped (event time);</li>
 *   <li>{@code judged}: true when the user's whole history was judged idle ({@link ScoringEngine#judgeIdle}) and no
 *       event came since; read only when the task's cache rebuilds the user;</li>
 *   <li>{@code idleDue}: the time of the user's idle timer, {@link StreamingOperatingPoint#idleAt} of the later of
 *       their last scored event and the watermark when it was scored. For an event scored in order that is its own
 *       idle time; for one scored behind the watermark (a file read user by user) the watermark stands near the end of
 *       the input while the user's next events are still to come, so a timer at the event's own idle time would fire
 *       at whichever watermark lands between two of their events, judging a history replay never judges. One idle
 *       gap beyond the watermark is never too early: a later judgement of the same history raises the same flag, and
 *       an event after the gap or the end of the input judges it anyway. (A checkpoint from before this state: the
 *       timer is taken to be at the last event's own idle time, as it was registered.)</li>
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
    private final ValueState<Boolean> judged;
    private final ValueState<Long> idleDue;
    private final LongCounter flags;
    private final LongCounter late;
    private ServingModel model;
    private ScoringEngine engine;
    private StreamingOperatingPoint idle;

    UserEventScorer(RuntimeContext rc, StreamJobConfig config, ServingModel model) {
        this.config = config;
        this.format = config.eventFormat();
        this.pending = rc.getListState(new ListStateDescriptor<>("pending", EventTypes.EVENT));
        this.nextDue = rc.getState(new ValueStateDescriptor<>("nextDue", Types.LONG));
        this.history = rc.getListState(new ListStateDescriptor<>("history", EventTypes.EVENT));
        this.lastScored = rc.getState(new ValueStateDescriptor<>("lastScored", Types.LONG));
        this.expiry = rc.getState(new ValueStateDescriptor<>("expiry", Types.LONG));
        this.judged = rc.getState(new ValueStateDescriptor<>("judged", Types.BOOLEAN));
        this.idleDue = rc.getState(new ValueStateDescriptor<>("idleDue", Types.LONG));
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
        idle = next.idleDecision().orElse(null);
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
            moveIdleTimer(timers, last, Math.max(t, timers.currentWatermark()));
            return;
        }
        pending.add(event);
        Long due = nextDue.value();
        if (due == null || t < due) {
            if (due != null && !due.equals(expiry.value()) && !isIdleTimer(due, last)) {
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
            scoreDue(user, timers, out, side); // an event after the idle gap: the engine judges the history before it
        }
        Long last = lastScored.value();
        if (isIdleTimer(timestamp, last)) {
            judgeIdle(user, side);
        }
        Long expiresAt = expiry.value();
        if (expiresAt != null && expiresAt == timestamp && nextDue.value() == null) {
            judgeIdle(user, side); // a timeout shorter than the idle gap must not skip the decision
            pending.clear();
            history.clear();
            lastScored.clear();
            expiry.clear();
            judged.clear();
            idleDue.clear();
            engine.forget(user);
        }
    }

    /** The user's whole history, judged once per idle period (nothing when judged already or without the rule). */
    private void judgeIdle(String user, SideOutputs side) throws Exception {
        if (idle == null || Boolean.TRUE.equals(judged.value()) || lastScored.value() == null) {
            return;
        }
        cached(user);
        engine.judgeIdle(user).ifPresent(f -> emitIdle(f, side));
        judged.update(true);
    }

    private void emitIdle(ScoringEngine.IdleFlag f, SideOutputs side) {
        flags.add(1);
        try {
            side.accept(SeqGuardStreamJob.FLAGS, Replay.line(Replay.ReplayFlag.idle(f, model.detectorName())));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Whether {@code time} is the user's idle timer ({@code idleDue}). */
    private boolean isIdleTimer(long time, Long lastScoredTime) throws Exception {
        return idle != null && lastScoredTime != null && idleTimerAt(lastScoredTime) == time;
    }

    /** The time of the user's idle timer ({@code idleDue}; a checkpoint from before it: the last event's idle time). */
    private long idleTimerAt(long lastScoredTime) throws Exception {
        Long due = idleDue.value();
        return due != null ? due : idle.idleAt(lastScoredTime);
    }

    /**
     * The idle timer follows the last scored event, one idle gap after {@code from} (that event's time, or the
     * watermark if it was scored behind it); the old timer goes unless another purpose shares its time.
     */
    private void moveIdleTimer(TimerService timers, Long before, long from) throws Exception {
        if (idle == null) {
            return;
        }
        long next = idle.idleAt(from);
        if (before != null) {
            long old = idleTimerAt(before);
            if (old != next && !Long.valueOf(old).equals(nextDue.value()) && !Long.valueOf(old).equals(expiry.value())) {
                timers.deleteEventTimeTimer(old);
            }
        }
        timers.registerEventTimeTimer(next);
        idleDue.update(next);
    }

    /**
     * Scores, in event-time order, the pending events the watermark has passed, keeps the rest pending and sets the
     * user's timer to the earliest of them.
     */
    private void scoreDue(String user, TimerService timers, Collector<String> out, SideOutputs side) throws Exception {
        long watermark = timers.currentWatermark();
        Long before = lastScored.value();
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
        if (ready > 0) {
            moveIdleTimer(timers, before, all.get(ready - 1).timeMillis());
        }
    }

    private void score(String user, BehaviorEvent e, Collector<String> out, SideOutputs side) throws Exception {
        boolean wasJudged = cached(user);
        ScoredEvent s = engine.score(e);
        history.add(s.event()); // equal to e, sharing its ids with the user's earlier events
        if (wasJudged) {
            judged.clear();
        }
        if (s.idleBefore() != null) {
            emitIdle(s.idleBefore(), side);
        }

        if (s.flag()) {
            flags.add(1);
            side.accept(SeqGuardStreamJob.FLAGS, Replay.line(new Replay.ReplayFlag(e.userId(), e.itemId(),
                    e.timeMillis(), s.score(), model.detectorName(), s.explanation())));
        } else {
            out.collect(format.format(e));
        }
    }

    /**
     * Makes sure the task's engine holds the user, rebuilding them from keyed state when its cache does not; returns
     * whether their history was judged idle with no event since.
     */
    private boolean cached(String user) throws Exception {
        Optional<ScoringEngine.UserView> view = engine.user(user);
        if (view.isPresent()) {
            return idle != null && !view.get().open();
        }
        List<BehaviorEvent> before = new ArrayList<>();
        history.get().forEach(before::add);
        boolean wasJudged = idle != null && Boolean.TRUE.equals(judged.value());
        engine.restore(user, before, Double.NaN, !wasJudged);
        return wasJudged;
    }

    private void scheduleExpiry(TimerService timers, long lastEventTime) throws Exception {
        long timeout = config.idleStateTimeout().toMillis();
        if (timeout == 0) {
            return;
        }
        Long old = expiry.value();
        // a timer is one per time: the user's pending timer may share the old expiry's time, and must survive
        if (old != null && !old.equals(nextDue.value()) && !isIdleTimer(old, lastEventTime)) {
            timers.deleteEventTimeTimer(old);
        }
        long at = lastEventTime + timeout;
        expiry.update(at);
        timers.registerEventTimeTimer(at);
    }
}
