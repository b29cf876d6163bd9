package dev.seqguard.recsys.clean;

import dev.seqguard.core.model.BehaviorEvent;
import dev.seqguard.core.model.Sequence;
import dev.seqguard.detect.api.DetectionData;
import dev.seqguard.eval.output.EventScoring;
import dev.seqguard.serving.ModelDirectory;
import dev.seqguard.detect.pipeline.PreparedData;
import dev.seqguard.detect.pipeline.Preparation;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a saved {@code select} model says about a batch of events: per user a score (the maximum over the user's
 * sequences, as in {@code scores.csv}) and, for flagged users, the explanation; per event a score (from the selected
 * detector or its companion, as in {@code event_scores.csv}).
 *
 * @param userScores       user id to score, in sequence order
 * @param explanations     flagged user id to the strongest reasons
 * @param threshold        a user is flagged when their score is at or above it
 * @param eventScores      per input event (same order as the events given), higher = more anomalous
 * @param detector         the detector that scored users
 * @param eventScorer      the detector that scored events
 * @param utcOffsetMinutes the local clock of the model's features (for hour-of-day summaries)
 */
public record DetectionScores(Map<String, Double> userScores, Map<String, String> explanations, double threshold,
                              double[] eventScores, String detector, String eventScorer, int utcOffsetMinutes) {
    public DetectionScores {
        userScores = Collections.unmodifiableMap(new LinkedHashMap<>(userScores));
        explanations = Collections.unmodifiableMap(new LinkedHashMap<>(explanations));
        eventScores = eventScores.clone();
    }

    public boolean flagged(String user) {
        Double s = userScores.get(user);
        return s != null && s >= threshold;
    }

    /** Flagged users, in sequence order. */
    public List<String> flaggedUsers() {
        return userScores.keySet().stream().filter(this::flagged).toList();
    }

    /**
     * Applies the saved model to {@code events} with its own pipeline and threshold. It sees the events only —
     * never labels or targets.
     *
     * @throws IllegalArgumentException when the model was selected on a feature table or on other features
     */
    public static DetectionScores of(ModelDirectory model, List<BehaviorEvent> events) {
        if (model.selection().pipeline() == null) {
            throw new IllegalArgumentException("the model was selected on a feature table, not on events; it cannot score an event log");
        }
        Preparation prep = new Preparation(model.selection().pipeline());
        if (!prep.featureNames().equals(model.selection().featureNames())) {
            throw new IllegalArgumentException("the model was fitted on other features than this SeqGuard computes; re-run select");
        }
        PreparedData prepared = prep.prepare(events);
        DetectionData data = prepared.detectionData(null);
        double[] scores = model.detector().score(data);
        double[][] perEvent = EventScoring.score(model.detector(), model.eventDetector(), data);
        double threshold = model.selection().threshold();
        Map<String, Double> users = new LinkedHashMap<>();
        Map<String, Integer> bestRow = new LinkedHashMap<>();
        IdentityHashMap<BehaviorEvent, Double> byEvent = new IdentityHashMap<>();
        List<Sequence> seqs = prepared.sequences();
        for (int r = 0; r < seqs.size(); r++) {
            String u = seqs.get(r).userId();
            if (!users.containsKey(u) || scores[r] > users.get(u)) {
                users.put(u, scores[r]);
                bestRow.put(u, r);
            }
            List<BehaviorEvent> ev = seqs.get(r).events();
            for (int e = 0; e < ev.size(); e++) {
                byEvent.put(ev.get(e), perEvent == null ? scores[r] : perEvent[r][e]);
            }
        }
        Map<String, String> why = new LinkedHashMap<>();
        DetectionData unlabelled = data.withoutLabels();
        users.forEach((u, s) -> {
            if (s >= threshold) {
                why.put(u, model.detector().explain(unlabelled, bestRow.get(u)).summary(5));
            }
        });
        double[] eventScores = new double[events.size()];
        for (int e = 0; e < events.size(); e++) {
            Double s = byEvent.get(events.get(e));
            if (s == null) {
                throw new IllegalStateException("event " + e + " was not in any scored sequence");
            }
            eventScores[e] = s;
        }
        String eventScorer = perEvent == null ? model.detector().name() + " (user score)"
                : model.detector().scoreEvents(unlabelled.select(new int[] {0})).isPresent() ? model.detector().name()
                : model.eventDetector().name();
        return new DetectionScores(users, why, threshold, eventScores, model.selection().detector(), eventScorer,
                model.selection().pipeline().features().utcOffsetMinutes());
    }
}
