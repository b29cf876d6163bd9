package dev.seqguard.detect.stat;

import dev.seqguard.core.features.FeatureMatrix;
import dev.seqguard.core.model.Action;
import dev.seqguard.core.model.BehaviorEvent;
import dev.seqguard.core.model.Sequence;
import dev.seqguard.detect.api.DetectionData;
import java.util.ArrayList;
import java.util.List;

/** Builds sequences and detection data by hand for detector tests. */
public final class SequenceFixtures {
    public static final long T0 = 1_511_568_000_000L; // 2017-11-25T00:00:00Z

    private SequenceFixtures() {
    }

    /** Fluent builder of one user's events: each step advances the clock by a gap. */
    public static final class Builder {
        private final String user;
        private final List<BehaviorEvent> events = new ArrayList<>();
        private long time = T0;

        public Builder(String user) {
            this.user = user;
        }

        /** Adds an event {@code gapSeconds} after the previous one (the first at T0 + gapSeconds). */
        public Builder then(Action action, String item, String category, double gapSeconds) {
            time += Math.round(gapSeconds * 1000);
            events.add(new BehaviorEvent(user, item, category, action, time));
            return this;
        }

        public Sequence build() {
            return new Sequence(user, user, events);
        }
    }

    public static Builder user(String id) {
        return new Builder(id);
    }

    /** Detection data with two simple features per sequence: length and distinct items. */
    public static DetectionData data(List<Sequence> sequences) {
        double[][] v = new double[sequences.size()][];
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < v.length; i++) {
            Sequence s = sequences.get(i);
            v[i] = new double[] {s.length(), s.events().stream().map(BehaviorEvent::itemId).distinct().count()};
            ids.add(s.id());
        }
        return DetectionData.of(new FeatureMatrix(List.of("length", "distinct_items"), ids, v), sequences);
    }

    /** Table data with feature names f0..f{d-1}. */
    public static DetectionData table(double[][] rows) {
        List<String> names = new ArrayList<>();
        for (int j = 0; j < rows[0].length; j++) {
            names.add("f" + j);
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            ids.add(Integer.toString(i));
        }
        return DetectionData.of(new FeatureMatrix(names, ids, rows));
    }
}
