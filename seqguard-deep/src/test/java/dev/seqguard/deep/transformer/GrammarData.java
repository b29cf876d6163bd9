package dev.seqguard.deep.transformer;

import dev.seqguard.core.features.FeatureContext;
import dev.seqguard.core.features.FeatureMatrix;
import dev.seqguard.core.features.SequenceFeatureExtractor;
import dev.seqguard.core.model.Action;
import dev.seqguard.core.model.BehaviorEvent;
import dev.seqguard.core.model.Sequence;
import dev.seqguard.detect.api.DetectionData;
import java.util.ArrayList;
import java.util.List;

/**
 * A fixed behaviour grammar: each user shops in one category of five, cycling view -> cart -> buy with 20 s between
 * events and 5 min between cycles. Anything else is out of grammar.
 */
final class GrammarData {
    static final long T0 = 1_511_568_000_000L;
    private static final Action[] CYCLE = {Action.VIEW, Action.CART, Action.BUY};

    private GrammarData() {
    }

    /** A grammatical user of {@code events} events in category {@code "c" + category}. */
    static List<BehaviorEvent> user(String id, int category, int events) {
        List<BehaviorEvent> out = new ArrayList<>();
        long t = T0 + 1000L * category;
        for (int i = 0; i < events; i++) {
            t += i % 3 == 0 ? 300_000L : 20_000L;
            out.add(new BehaviorEvent(id, "i" + category + "-" + i % 7, "c" + category, CYCLE[i % 3], t));
        }
        return out;
    }

    /**
     * A grammatical user who shops in {@code sessions} sessions of two cycles, three hours apart; session
     * {@code foreignSession} (or none, when negative) is in category {@code foreign} instead, equally grammatical.
     */
    static Sequence sessionUser(String id, int category, int sessions, int foreignSession, int foreign) {
        List<BehaviorEvent> out = new ArrayList<>();
        long t = T0 + 1000L * category;
        for (int s = 0; s < sessions; s++) {
            t += 3 * 3_600_000L;
            int c = s == foreignSession ? foreign : category;
            for (int i = 0; i < 6; i++) {
                t += i % 3 == 0 ? 300_000L : 20_000L;
                out.add(new BehaviorEvent(id, "i" + c + "-" + i, "c" + c, CYCLE[i % 3], t));
            }
        }
        return sequence(id, out);
    }

    static Sequence sequence(String id, List<BehaviorEvent> events) {
        return new Sequence(id, id, events);
    }

    /** {@code users} grammatical users of 20-40 events. */
    static List<Sequence> users(int users) {
        List<Sequence> out = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            out.add(sequence("u" + u, user("u" + u, u % 5, 20 + (7 * u) % 21)));
        }
        return out;
    }

    /** A grammatical user whose event {@code at} is replaced by {@code action} in another user's category. */
    static Sequence planted(String id, int category, int events, int at, Action action) {
        List<BehaviorEvent> ev = user(id, category, events);
        BehaviorEvent e = ev.get(at);
        int other = (category + 2) % 5;
        ev.set(at, new BehaviorEvent(id, "i" + other + "-0", "c" + other, action, e.timeMillis()));
        return sequence(id, ev);
    }

    static DetectionData data(List<Sequence> sequences, int[] labels) {
        FeatureMatrix m = new SequenceFeatureExtractor().extract(sequences, FeatureContext.ofSequences(sequences));
        return new DetectionData(m, sequences, labels);
    }
}
