package dev.seqguard.deep.transformer;

import ai.djl.ndarray.NDManager;
import dev.seqguard.core.model.Sequence;
import dev.seqguard.core.token.Vocabulary;
import dev.seqguard.deep.BlockWeights;
import dev.seqguard.deep.DjlRuntime;
import dev.seqguard.detect.api.Explanation;
import dev.seqguard.detect.stat.GapSymbols;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/** What {@code transformer-mlm} and {@code transformer-clf} share: pre-training, windows, surprises, explanations. */
final class LanguageModel {
    /** How many events an explanation lists at most, and how many expected alternatives each. */
    static final int EXPLAINED_EVENTS = 5;
    static final int ALTERNATIVES = 3;
    /** Sequences scored for the typical surprise when no users were held out. */
    private static final int TYPICAL_SAMPLE = 200;

    private LanguageModel() {
    }

    /** A freshly pre-trained network, still owned by the caller's manager. */
    record Pretrained(EventParts parts, BehaviourNetwork net, NetworkTrainer trainer, NetworkTrainer.Summary summary,
                      List<Sequence> heldOut) {
    }

    /**
     * Builds the vocabulary of {@code sequences} and pre-trains a network on them: a seeded {@code validationFraction}
     * of the sequences (whole users) is held out for early stopping; training uses a seeded sample of the others of at
     * most about {@code maxTrainEvents} events. Call under {@link NetworkTrainer#LOCK}.
     */
    static Pretrained pretrain(List<Sequence> sequences, EncoderSettings s, long seed,
                               NDManager manager) {
        EventParts parts = new EventParts(Vocabulary.build(sequences, s.vocabularyOptions()));
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < sequences.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed));
        int held = sequences.size() >= 10 ? (int) Math.floor(s.validationFraction() * sequences.size()) : 0;
        List<int[]> validation = new ArrayList<>();
        List<Sequence> heldOut = new ArrayList<>();
        for (int i = 0; i < held; i++) {
            heldOut.add(sequences.get(order.get(i)));
            validation.addAll(windows(parts, heldOut.get(i), s));
        }
        List<int[]> train = new ArrayList<>();
        long events = 0;
        for (int i = held; i < order.size() && events < s.maxTrainEvents(); i++) {
            Sequence seq = sequences.get(order.get(i));
            train.addAll(windows(parts, seq, s));
            events += seq.length();
        }
        DjlRuntime.engine().setRandomSeed((int) (seed ^ (seed >>> 32)));
        BehaviourNetwork net = new BehaviourNetwork(BehaviourNetwork.Architecture.of(s, parts));
        net.initialize(manager, true);
        NetworkTrainer trainer = new NetworkTrainer(net, parts, s, manager);
        NetworkTrainer.Summary summary = trainer.pretrain(train, validation, seed);
        if (heldOut.isEmpty()) {
            heldOut = order.stream().limit(TYPICAL_SAMPLE).map(sequences::get).toList();
        }
        return new Pretrained(parts, net, trainer, summary, heldOut);
    }

    /**
     * The mean over {@code p.heldOut()} (users not trained on, when there are some) of their mean event surprise: what
     * a normal sequence scores, for the typicality aggregate.
     */
    static double typicalSurprise(Pretrained p, EncoderSettings s, NDManager manager) {
        SurpriseScorer scorer = new SurpriseScorer(p.net(), p.parts(), s, manager);
        return scorer.score(p.heldOut(), 64, false).stream()
                .mapToDouble(x -> Arrays.stream(x.surprise()).average().orElse(0)).average().orElse(0);
    }

    /** The windows of one sequence as flat parts. */
    static List<int[]> windows(EventParts parts, Sequence sequence, EncoderSettings s) {
        int[] p = parts.parts(sequence);
        List<int[]> out = new ArrayList<>();
        for (Windows.Span span : Windows.of(0, p.length / EventParts.STRIDE, s.window(), s.overlap())) {
            out.add(Arrays.copyOfRange(p, EventParts.STRIDE * span.from(), EventParts.STRIDE * span.to()));
        }
        return out;
    }

    static NDManager newManager() {
        return NDManager.newBaseManager(DjlRuntime.engine().defaultDevice(), "PyTorch");
    }

    static byte[] weights(BehaviourNetwork net) {
        return BlockWeights.save(net);
    }

    static String text(Vocabulary vocabulary) {
        StringWriter out = new StringWriter();
        try {
            vocabulary.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    static Vocabulary vocabulary(String text) {
        try {
            return Vocabulary.read(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static NetworkCache.Live live(byte[] weights, EncoderSettings settings, String vocabulary) {
        return NetworkCache.get(weights, settings, () -> new EventParts(vocabulary(vocabulary)));
    }

    static SurpriseScorer scorer(NetworkCache.Live live, EncoderSettings settings) {
        return new SurpriseScorer(live.net(), live.parts(), settings, live.manager());
    }

    /** The most surprising events of {@code sequence}, each with what the model expected there instead. */
    static Explanation explain(NetworkCache.Live live, EncoderSettings settings, Sequence sequence, double score) {
        SurpriseScorer scorer = scorer(live, settings);
        SurpriseScorer.Predictions p = scorer.score(List.of(sequence), 1, true).get(0);
        Integer[] order = new Integer[p.surprise().length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -p.surprise()[i]).thenComparing(i -> i));
        List<Explanation.Contribution> reasons = new ArrayList<>();
        for (int k = 0; k < Math.min(EXPLAINED_EVENTS, order.length); k++) {
            int i = order[k];
            StringBuilder name = new StringBuilder("#").append(i).append(' ')
                    .append(GapSymbols.describe(sequence.events(), i)).append("; expected ");
            List<SurpriseScorer.Alternative> alternatives = scorer.alternatives(p.distributions()[i], ALTERNATIVES);
            for (int a = 0; a < alternatives.size(); a++) {
                name.append(a == 0 ? "" : ", ").append(alternatives.get(a).token()).append(' ')
                        .append(Math.round(100 * alternatives.get(a).probability())).append('%');
            }
            double[] c = p.components()[i];
            if (p.surprise()[i] > c[0] + c[1] + c[2]) {
                // the score is the session's: its events explain each other, the user's other sessions do not
                name.append("; its session is unlike the user's other sessions");
            }
            reasons.add(new Explanation.Contribution(name.toString(), p.surprise()[i], p.surprise()[i]));
        }
        return new Explanation(score, reasons);
    }
}
