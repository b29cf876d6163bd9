package dev.seqguard.core.seq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seqguard.core.features.TaobaoSample;
import dev.seqguard.core.model.Action;
import dev.seqguard.core.model.BehaviorEvent;
import dev.seqguard.core.model.EventExtras;
import dev.seqguard.core.model.Sequence;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SequenceBuilderTest {
    private static final long MIN = 60_000L;

    private static BehaviorEvent ev(String user, String item, long t) {
        return new BehaviorEvent(user, item, "c", Action.VIEW, t);
    }

    @Test
    void groupsPerUserAndOrdersByTimeKeepingInputOrderForTies() {
        List<BehaviorEvent> in = List.of(ev("u", "late", 300), ev("v", "x", 5), ev("u", "tieA", 100),
                ev("u", "first", 50), ev("u", "tieB", 100));
        List<Sequence> out = new SequenceBuilder().build(in);
        assertThat(out).extracting(Sequence::id).containsExactly("u", "v");
        assertThat(out.get(0).events()).extracting(BehaviorEvent::itemId)
                .containsExactly("first", "tieA", "tieB", "late");
    }

    @Test
    void ordersNumericUserIdsNumerically() {
        List<BehaviorEvent> in = List.of(ev("100", "a", 1), ev("9", "a", 1), ev("10", "a", 1), ev("0009", "a", 1));
        assertThat(new SequenceBuilder().build(in)).extracting(Sequence::id).containsExactly("0009", "9", "10", "100");
    }

    @Test
    void ordersMixedUserIdsAsText() {
        List<BehaviorEvent> in = List.of(ev("9", "a", 1), ev("b", "a", 1), ev("10", "a", 1), ev("a", "a", 1));
        assertThat(new SequenceBuilder().build(in)).extracting(Sequence::id).containsExactly("10", "9", "a", "b");
    }

    @Test
    void cutsSessionsOnlyAtGapsLongerThanTheThreshold() {
        long gap = 30 * MIN;
        List<BehaviorEvent> in = List.of(ev("u", "a", 0), ev("u", "b", 10 * MIN), ev("u", "c", 10 * MIN + gap),
                ev("u", "d", 10 * MIN + 2 * gap + 1), ev("u", "e", 10 * MIN + 2 * gap + 2));
        List<Sequence> out = new SequenceBuilder(SequenceOptions.sessions(gap)).build(in);
        assertThat(out).extracting(Sequence::id).containsExactly("u#0", "u#1");
        assertThat(out.get(0).events()).extracting(BehaviorEvent::itemId).containsExactly("a", "b", "c");
        assertThat(out.get(1).events()).extracting(BehaviorEvent::itemId).containsExactly("d", "e");
        assertThat(out).allSatisfy(s -> assertThat(s.userId()).isEqualTo("u"));
    }

    @Test
    void defaultSessionGapIsThirtyMinutes() {
        List<BehaviorEvent> in = List.of(ev("u", "a", 0), ev("u", "b", 31 * MIN), ev("u", "c", 40 * MIN));
        SequenceBuilder sessions = new SequenceBuilder(new SequenceOptions(SequenceUnit.SESSION,
                SequenceOptions.DEFAULT_SESSION_GAP_MILLIS, false));
        assertThat(sessions.build(in)).extracting(Sequence::length).containsExactly(1, 2);
        assertThat(new SequenceBuilder().build(in)).extracting(Sequence::length).containsExactly(3);
    }

    @Test
    void splitsOnLayoutSessionIdsWhenAsked() {
        EventExtras s1 = new EventExtras("s1", null, Double.NaN, -1, null);
        EventExtras s2 = new EventExtras("s2", null, Double.NaN, -1, null);
        List<BehaviorEvent> in = List.of(new BehaviorEvent("u", "a", "c", Action.VIEW, 0, s1),
                new BehaviorEvent("u", "b", "c", Action.VIEW, 1000, s2), new BehaviorEvent("u", "c", "c", Action.VIEW, 2000, s2));
        SequenceOptions bySessionId = new SequenceOptions(SequenceUnit.SESSION, 30 * MIN, true);
        assertThat(new SequenceBuilder(bySessionId).build(in)).extracting(Sequence::length).containsExactly(1, 2);
        assertThat(new SequenceBuilder(SequenceOptions.sessions(30 * MIN)).build(in)).hasSize(1);
    }

    @Test
    void buildsTheSampleDeterministicallyWithEveryEventOnce() {
        List<BehaviorEvent> events = TaobaoSample.load();
        List<Sequence> users = new SequenceBuilder().build(events);
        List<Sequence> sessions = new SequenceBuilder(SequenceOptions.sessions(30 * MIN)).build(events);
        assertThat(users).hasSize(652);
        assertThat(users.stream().mapToInt(Sequence::length).sum()).isEqualTo(events.size());
        assertThat(sessions.stream().mapToInt(Sequence::length).sum()).isEqualTo(events.size());
        assertThat(users).extracting(s -> Long.parseLong(s.id())).isSorted();
        for (Sequence s : users) {
            assertThat(s.events()).extracting(BehaviorEvent::timeMillis).isSorted();
        }
        List<BehaviorEvent> reversed = new ArrayList<>(events);
        java.util.Collections.reverse(reversed);
        assertThat(new SequenceBuilder().build(reversed)).extracting(Sequence::id)
                .containsExactlyElementsOf(users.stream().map(Sequence::id).toList());
    }

    @Test
    void slidesWindowsAndAlignsTheLastOneToTheEnd() {
        Sequence s = new Sequence("u", "u", IntStream.range(0, 10).mapToObj(i -> ev("u", "i" + i, i)).toList());
        assertThat(SequenceBuilder.windows(s, 4, 3)).extracting(SequenceWindow::offset).containsExactly(0, 3, 6);
        assertThat(SequenceBuilder.windows(s, 4, 4)).extracting(SequenceWindow::offset).containsExactly(0, 4, 6);
        List<SequenceWindow> w = SequenceBuilder.windows(s, 4, 4);
        assertThat(w.get(1).sequence().id()).isEqualTo("u@4");
        assertThat(w.get(1).sequence().events()).extracting(BehaviorEvent::itemId).containsExactly("i4", "i5", "i6", "i7");
        assertThat(w.get(2).sequence().events()).extracting(BehaviorEvent::itemId).containsExactly("i6", "i7", "i8", "i9");
        assertThat(SequenceBuilder.windows(s, 20, 5)).singleElement()
                .satisfies(x -> assertThat(x.sequence().length()).isEqualTo(10));
    }

    @Test
    void rejectsBadOptions() {
        assertThatThrownBy(() -> new SequenceOptions(SequenceUnit.SESSION, 0, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sessionGapMillis");
        Sequence s = new Sequence("u", "u", List.of(ev("u", "a", 0)));
        assertThatThrownBy(() -> SequenceBuilder.windows(s, 0, 1)).hasMessageContaining("size");
        assertThatThrownBy(() -> SequenceBuilder.windows(s, 2, 0)).hasMessageContaining("stride");
    }

    @Test
    void bucketsGapsOnALogScale() {
        assertThat(GapBucket.of(0)).isEqualTo(GapBucket.UNDER_1S);
        assertThat(GapBucket.of(999)).isEqualTo(GapBucket.UNDER_1S);
        assertThat(GapBucket.of(1000)).isEqualTo(GapBucket.UNDER_10S);
        assertThat(GapBucket.of(59_999)).isEqualTo(GapBucket.UNDER_1MIN);
        assertThat(GapBucket.of(3_600_000)).isEqualTo(GapBucket.UNDER_1D);
        assertThat(GapBucket.of(86_400_000)).isEqualTo(GapBucket.DAY_OR_MORE);
        assertThatThrownBy(() -> GapBucket.of(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
