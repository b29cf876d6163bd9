package dev.seqguard.serving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seqguard.core.model.BehaviorEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The idle decision: a user is judged on their whole history once event time passes their last event by more than the
 * idle gap, once per idle period, whichever way the clock moves (a later event of theirs, another user's event, a
 * watermark), and a restored state keeps whether that already happened.
 */
class ScoringEngineIdleTest {
    private static final long MINUTE = 60_000;
    private static final long GAP = 30 * MINUTE;
    private static final long T0 = 1_511_600_000_000L;

    /** No flag at events; every idle decision flags (so the test sees every decision the engine takes). */
    private static ServingModel judgingEveryIdleUser() {
        StreamingOperatingPoint point = new StreamingOperatingPoint(StreamingOperatingPoint.LENGTH_THRESHOLDS,
                new int[] {1}, new double[] {Double.POSITIVE_INFINITY}, 0, 0, 0, 0, 0, GAP, 0,
                new double[] {Double.NEGATIVE_INFINITY});
        return ServingFixtures.serving("robust-z", 0.5).withOperatingPoint(point);
    }

    private static BehaviorEvent at(String user, long millis) {
        BehaviorEvent e = ServingFixtures.events().get(0);
        return new BehaviorEvent(user, e.itemId(), e.categoryId(), e.action(), millis, e.extras());
    }

    @Test
    void aUserIsJudgedOnceWhenEventTimePassesTheirLastEventByMoreThanTheGap() {
        ScoringEngine engine = new ScoringEngine(judgingEveryIdleUser(), 1000, 4);
        engine.score(at("a", T0));
        ScoredEvent second = engine.score(at("a", T0 + 10 * MINUTE));

        assertThat(engine.advanceTo(T0 + 10 * MINUTE + GAP)).isEmpty(); // a gap of exactly GAP is the same session
        List<ScoringEngine.IdleFlag> idle = engine.advanceTo(T0 + 10 * MINUTE + GAP + 1);
        assertThat(idle).singleElement().satisfies(f -> {
            assertThat(f.userId()).isEqualTo("a");
            assertThat(f.events()).isEqualTo(2);
            assertThat(f.last().timeMillis()).isEqualTo(T0 + 10 * MINUTE);
            assertThat(Double.compare(f.score(), second.score())).isZero(); // the whole history's score, as batch's
            assertThat(f.explanation()).isNotBlank();
        });
        assertThat(engine.advanceTo(T0 + 5 * GAP)).isEmpty(); // judged once per idle period
        assertThat(engine.user("a").orElseThrow().open()).isFalse();

        ScoredEvent back = engine.score(at("a", T0 + 6 * GAP));
        assertThat(back.idleBefore()).isNull(); // already judged before this event
        assertThat(engine.advanceTo(Long.MAX_VALUE)).singleElement()
                .satisfies(f -> assertThat(f.events()).isEqualTo(3));
        assertThat(engine.idleDecisions()).isEqualTo(2);
    }

    @Test
    void aUserBackAfterTheGapIsJudgedOnTheHistoryBeforeTheirNewEvent() {
        ScoringEngine engine = new ScoringEngine(judgingEveryIdleUser(), 1000, 1);
        engine.score(at("b", T0));

        ScoredEvent back = engine.score(at("b", T0 + GAP + 1)); // nobody moved the clock in between

        assertThat(back.idleBefore()).isNotNull();
        assertThat(back.idleBefore().events()).isEqualTo(1);
        assertThat(engine.user("b").orElseThrow().open()).isTrue();
        assertThat(engine.score(at("b", T0 + GAP + 2)).idleBefore()).isNull();
    }

    @Test
    void anotherUsersEventMovesTheClockForEveryone() {
        ScoringEngine engine = new ScoringEngine(judgingEveryIdleUser(), 1000, 4);
        engine.score(at("c", T0));
        engine.score(at("d", T0 + 2 * GAP));

        assertThat(engine.advanceTo(Long.MIN_VALUE)).extracting(ScoringEngine.IdleFlag::userId).containsExactly("c");
    }

    @Test
    void aUserWhoseEventsArriveBehindTheClockGetsAGapBeyondTheClockBeforeTheyAreJudged() {
        ScoringEngine engine = new ScoringEngine(judgingEveryIdleUser(), 1000, 1);
        engine.score(at("late-clock", T0 + 10 * GAP)); // the clock stands far ahead, as after the first user of a file
        engine.advanceTo(T0 + 10 * GAP);
        engine.score(at("h", T0));

        // the clock passed h's own idle time long ago; h's next event (within the gap) is still to come
        assertThat(engine.advanceTo(T0 + 10 * GAP + 1)).extracting(ScoringEngine.IdleFlag::userId)
                .doesNotContain("h");
        assertThat(engine.score(at("h", T0 + MINUTE)).idleBefore()).isNull();
        assertThat(engine.advanceTo(T0 + 12 * GAP)).extracting(ScoringEngine.IdleFlag::userId)
                .contains("h").filteredOn("h"::equals).hasSize(1);
        assertThat(engine.user("h").orElseThrow().open()).isFalse();
    }

    @Test
    void aRestoredStateKeepsWhetherItsUserWasJudged() {
        ScoringEngine engine = new ScoringEngine(judgingEveryIdleUser(), 1000, 1);
        engine.score(at("e", T0));
        engine.score(at("f", T0));
        engine.advanceTo(T0 + 2 * GAP); // both judged
        engine.score(at("f", T0 + 3 * GAP)); // f open again
        ScoringEngine.Checkpoint saved = engine.drainCheckpoint();

        ScoringEngine restarted = new ScoringEngine(judgingEveryIdleUser(), 1000, 1);
        for (ScoringEngine.UserHistory h : saved.changed()) {
            restarted.restore(h.userId(), h.events(), h.lastScore(), h.open());
        }

        assertThat(restarted.advanceTo(Long.MAX_VALUE)).extracting(ScoringEngine.IdleFlag::userId).containsExactly("f");
    }

    @Test
    void aModelWithoutTheIdleDecisionNeverTakesOne() {
        ScoringEngine engine = new ScoringEngine(ServingFixtures.serving("robust-z", 0.5), 1000, 1);
        engine.score(at("g", T0));

        assertThat(engine.score(at("g", T0 + 10 * GAP)).idleBefore()).isNull();
        assertThat(engine.advanceTo(Long.MAX_VALUE)).isEmpty();
        assertThat(engine.user("g").orElseThrow().open()).isFalse();
    }
}
