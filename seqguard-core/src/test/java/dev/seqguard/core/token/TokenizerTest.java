package dev.seqguard.core.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seqguard.core.features.TaobaoSample;
import dev.seqguard.core.model.Action;
import dev.seqguard.core.model.BehaviorEvent;
import dev.seqguard.core.model.Sequence;
import dev.seqguard.core.seq.GapBucket;
import dev.seqguard.core.seq.SequenceBuilder;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenizerTest {
    private static final long DAY = 86_400_000L;

    private static BehaviorEvent ev(String item, String category, Action action, long t) {
        return new BehaviorEvent("u", item, category, action, t);
    }

    /** Category "hot" 3 events, "warm" 2, "cold" 1; item "a" 3 events, "b" 2, "c" 1. */
    private static final Sequence SEQ = new Sequence("u", "u", List.of(
            ev("a", "hot", Action.VIEW, 0), ev("a", "hot", Action.VIEW, 500), ev("a", "hot", Action.CART, 5_500),
            ev("b", "warm", Action.VIEW, 65_500), ev("b", "warm", Action.BUY, 65_500 + 2 * DAY), ev("c", "cold", Action.FAV, 3 * DAY)));

    @Test
    void combinesBehaviourCategoryBucketAndGapBucket() {
        Vocabulary vocab = Vocabulary.build(List.of(SEQ), new VocabularyOptions(2, 4, 10, 2));
        assertThat(vocab.categories()).containsExactly("hot", "warm");
        assertThat(vocab.items()).containsExactly("a", "b");
        assertThat(vocab.eventVocabularySize()).isEqualTo(4 + Action.count() * 6 * GapBucket.count());
        Tokenizer tokenizer = new Tokenizer(vocab);
        int[] tokens = tokenizer.tokens(SEQ);
        assertThat(Arrays.stream(tokens).mapToObj(vocab::eventTokenString)).containsExactly(
                "pv|c:hot|first", "pv|c:hot|<1s", "cart|c:hot|<10s", "pv|c:warm|<10min", "buy|c:warm|>=1d",
                "fav|h:" + (vocab.categoryBucket("cold") - 2) + "|<1d");
        assertThat(vocab.categoryBucket("cold")).isBetween(2, 5);
        assertThat(tokens).doesNotHaveDuplicates();
        assertThat(Arrays.stream(tokens).allMatch(t -> t >= 4 && t < vocab.eventVocabularySize())).isTrue();
        assertThat(tokenizer.items(SEQ)).containsExactly(4, 4, 4, 5, 5, Vocabulary.UNK);
    }

    @Test
    void prependsClsToBothChannels() {
        Tokenizer tokenizer = new Tokenizer(Vocabulary.build(List.of(SEQ), VocabularyOptions.defaults()));
        TokenizedSequence t = tokenizer.encode(SEQ, true);
        assertThat(t.length()).isEqualTo(SEQ.length() + 1);
        assertThat(t.tokens()[0]).isEqualTo(Vocabulary.CLS);
        assertThat(t.items()[0]).isEqualTo(Vocabulary.CLS);
        assertThat(Arrays.copyOfRange(t.tokens(), 1, t.length())).containsExactly(tokenizer.tokens(SEQ));
        assertThat(tokenizer.token(SEQ.events().get(1), SEQ.events().get(0))).isEqualTo(t.tokens()[2]);
    }

    @Test
    void everyEventTokenRoundTripsThroughItsString() {
        Vocabulary vocab = Vocabulary.build(List.of(SEQ), new VocabularyOptions(2, 3, 10, 1));
        for (int id = 0; id < vocab.eventVocabularySize(); id++) {
            assertThat(vocab.eventTokenId(vocab.eventTokenString(id))).isEqualTo(id);
        }
        assertThat(vocab.eventTokenString(Vocabulary.MASK)).isEqualTo("[MASK]");
        assertThat(vocab.itemTokenString(Vocabulary.PAD)).isEqualTo("[PAD]");
        assertThatThrownBy(() -> vocab.eventTokenString(vocab.eventVocabularySize())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> vocab.eventTokenId("pv|c:nope|first")).hasMessageContaining("category");
        assertThatThrownBy(() -> vocab.eventTokenId("pv|h:3|first")).hasMessageContaining("hash bucket");
    }

    @Test
    void savesAndLoadsExactlyIncludingAwkwardIds() throws IOException {
        Sequence awkward = new Sequence("u", "u", List.of(ev("line\nbreak", "back\\slash", Action.VIEW, 0),
                ev("line\nbreak", "back\\slash", Action.VIEW, 1), ev("x y", "tab\there", Action.BUY, 2), ev("x y", "\\n", Action.BUY, 3)));
        for (Vocabulary vocab : List.of(Vocabulary.build(List.of(SEQ, awkward), new VocabularyOptions(3, 5, 3, 1)),
                Vocabulary.build(new SequenceBuilder().build(TaobaoSample.load()), VocabularyOptions.defaults()))) {
            StringWriter out = new StringWriter();
            vocab.write(out);
            Vocabulary back = Vocabulary.read(new StringReader(out.toString()));
            assertThat(back).isEqualTo(vocab);
            assertThat(back.categories()).containsExactlyElementsOf(vocab.categories());
            assertThat(back.items()).containsExactlyElementsOf(vocab.items());
            for (Sequence s : List.of(SEQ, awkward)) {
                assertThat(new Tokenizer(back).tokens(s)).containsExactly(new Tokenizer(vocab).tokens(s));
                assertThat(new Tokenizer(back).items(s)).containsExactly(new Tokenizer(vocab).items(s));
            }
        }
    }

    @Test
    void buildsATaobaoVocabularyWithMostFrequentFirst() {
        List<Sequence> sequences = new SequenceBuilder().build(TaobaoSample.load());
        Vocabulary vocab = Vocabulary.build(sequences, VocabularyOptions.defaults());
        assertThat(vocab.categories()).hasSize(200);
        assertThat(vocab.items()).isNotEmpty().hasSizeLessThanOrEqualTo(20_000);
        Tokenizer tokenizer = new Tokenizer(vocab);
        long unknownItems = sequences.stream().flatMapToInt(s -> Arrays.stream(tokenizer.items(s)))
                .filter(i -> i == Vocabulary.UNK).count();
        long itemsSeenOnce = sequences.stream().flatMap(s -> s.events().stream())
                .collect(java.util.stream.Collectors.groupingBy(BehaviorEvent::itemId, java.util.stream.Collectors.counting()))
                .values().stream().filter(c -> c == 1).count();
        // items below minItemCount=2 are exactly the unknown ones while the vocabulary is not full
        assertThat(unknownItems).isEqualTo(itemsSeenOnce);
    }

    @Test
    void rejectsBadOptionsAndInput() {
        assertThatThrownBy(() -> new VocabularyOptions(-1, 4, 10, 1)).hasMessageContaining("topCategories");
        assertThatThrownBy(() -> new VocabularyOptions(1, 0, 10, 1)).hasMessageContaining("categoryHashBuckets");
        assertThatThrownBy(() -> new VocabularyOptions(1, 4, -1, 1)).hasMessageContaining("topItems");
        assertThatThrownBy(() -> new VocabularyOptions(1, 4, 10, 0)).hasMessageContaining("minItemCount");
        assertThatThrownBy(() -> Vocabulary.read(new StringReader("something else\n"))).hasMessageContaining("not a SeqGuard vocabulary");
        assertThatThrownBy(() -> Vocabulary.read(new StringReader("seqguard-vocabulary 1\noptions 1 1 1 1\ncategories 2\nx\n")))
                .hasMessageContaining("ends before");
    }
}
