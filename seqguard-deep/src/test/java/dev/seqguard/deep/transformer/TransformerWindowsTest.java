package dev.seqguard.deep.transformer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seqguard.core.model.Sequence;
import dev.seqguard.core.token.Tokenizer;
import dev.seqguard.core.token.Vocabulary;
import dev.seqguard.core.token.VocabularyOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Windows, event parts and slots: the plain-Java plumbing under the network. */
class TransformerWindowsTest {

    @Test
    void cutsLongSequencesIntoOverlappingWindowsEndingAtTheLastEvent() {
        assertThat(Windows.of(0, 10, 16, 4)).containsExactly(new Windows.Span(0, 0, 10));
        assertThat(Windows.of(0, 40, 16, 4)).containsExactly(new Windows.Span(0, 0, 16), new Windows.Span(0, 12, 28),
                new Windows.Span(0, 24, 40));
    }

    @Test
    void scoresEachEventOnceInTheWindowWhereItHasMostContext() {
        List<Windows.Span> spans = Windows.of(0, 40, 16, 4);
        boolean[][] owned = Windows.owned(spans, 40);
        int[] owners = new int[40];
        for (int w = 0; w < owned.length; w++) {
            for (int i = 0; i < owned[w].length; i++) {
                if (owned[w][i]) {
                    owners[spans.get(w).from() + i]++;
                }
            }
        }
        assertThat(owners).containsOnly(1);
        // event 14 is 1 from the end of window 0 but 2 from the start of window 1; event 13 is the other way round
        assertThat(owned[1][14 - 12]).isTrue();
        assertThat(owned[0][14]).isFalse();
        assertThat(owned[0][13]).isTrue();
    }

    @Test
    void splitsTokensIntoPartsThatRebuildTheSameToken() {
        List<Sequence> seqs = GrammarData.users(6);
        Vocabulary v = Vocabulary.build(seqs, new VocabularyOptions(3, 4, 0, 1));
        EventParts parts = new EventParts(v);
        int[] tokens = new Tokenizer(v).tokens(seqs.get(4));
        int[] p = parts.parts(seqs.get(4));
        for (int i = 0; i < tokens.length; i++) {
            assertThat(parts.token(p[EventParts.STRIDE * i], p[EventParts.STRIDE * i + 1], p[EventParts.STRIDE * i + 2])).isEqualTo(tokens[i]);
            assertThat(parts.describe(p[EventParts.STRIDE * i], p[EventParts.STRIDE * i + 1], p[EventParts.STRIDE * i + 2])).isEqualTo(v.eventTokenString(tokens[i]));
        }
    }

    @Test
    void slotsNameCategoriesByFirstAppearanceAmongVisibleEvents() {
        // buckets 7, 9, 7, 5, 9: the third distinct bucket (5) appears once
        int[] window = {0, 7, 0, 1, 0, 9, 0, 0, 0, 7, 0, 0, 0, 5, 0, 1, 0, 9, 0, 0};
        int[][] masked = WindowBatch.slots(window, new boolean[] {false, true, false, true, false}, false);
        assertThat(masked[0]).containsExactly(0, 0, 0, 0, 1); // hidden events' input slots are unused
        assertThat(masked[1]).containsExactly(0, 1, 0, EventParts.NEW_SLOT, 1);
        int[][] causal = WindowBatch.slots(window, null, true);
        assertThat(causal[0]).containsExactly(0, 1, 0, 2, 1);
        assertThat(causal[1]).containsExactly(EventParts.NEW_SLOT, EventParts.NEW_SLOT, 0, EventParts.NEW_SLOT, 1);
    }

    @Test
    void numbersSessionsWithinAWindowAndGroupsThemInterleaved() {
        // session starts at events 0 (window start), 2 and 3; event 1 continues the first session
        int[] window = {0, 7, 0, 0, 0, 7, 0, 0, 0, 9, 0, 1, 0, 5, 0, 1, 0, 5, 0, 0};
        int[] sessions = EventParts.sessions(window);
        assertThat(sessions).containsExactly(0, 0, 1, 2, 2);
        assertThat(EventParts.sessionGroup(sessions, 2, 0)).containsExactly(true, true, false, true, true);
        assertThat(EventParts.sessionGroup(sessions, 2, 1)).containsExactly(false, false, true, false, false);
    }

    @Test
    void padsToAPowerOfTwoCappedAtTheWindow() {
        assertThat(WindowBatch.paddedLength(1, 65)).isEqualTo(8);
        assertThat(WindowBatch.paddedLength(8, 65)).isEqualTo(16);
        assertThat(WindowBatch.paddedLength(40, 65)).isEqualTo(64);
        assertThat(WindowBatch.paddedLength(64, 65)).isEqualTo(65);
    }
}
