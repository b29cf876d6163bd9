package dev.seqguard.recsys;

import dev.seqguard.core.model.BehaviorEvent;
import dev.seqguard.recsys.clean.TrainingSet;
import dev.seqguard.recsys.eval.LeaveLastOut;
import dev.seqguard.recsys.eval.OfflineEvaluation;
import dev.seqguard.recsys.eval.RecMetrics;
import dev.seqguard.recsys.eval.Targets;
import dev.seqguard.recsys.model.BehaviorWeights;
import dev.seqguard.recsys.model.HotInCategoryRecommender;
import dev.seqguard.recsys.model.Interactions;
import dev.seqguard.recsys.model.ItemKnnRecommender;
import dev.seqguard.recsys.model.PopularityRecommender;
import dev.seqguard.recsys.model.Recommender;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs every recommender on every training set (raw, oracle, cleaned) of one leave-last-out split and measures it
 * on the evaluated (real) users only.
 *
 * @param metrics        recommender name to training-set name to metrics, in run order
 * @param trainingSets   the training sets, in run order
 * @param evaluatedUsers users with a held-out item
 * @param catalogue      distinct items of the input
 * @param targets        the attack's target items
 */
public record RecommenderLift(Map<String, Map<String, RecMetrics>> metrics, List<TrainingSet> trainingSets,
                              int evaluatedUsers, int catalogue, Targets targets) {
    public RecommenderLift {
        Map<String, Map<String, RecMetrics>> copy = new LinkedHashMap<>();
        metrics.forEach((k, v) -> copy.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
        metrics = Collections.unmodifiableMap(copy);
        trainingSets = List.copyOf(trainingSets);
    }

    /** item-knn, hot-in-category (three favourite categories), popularity. */
    public static List<Recommender> defaultRecommenders() {
        return List.of(new ItemKnnRecommender(), new HotInCategoryRecommender(), new PopularityRecommender());
    }

    /**
     * @param events    every input event (real and, if any, injected)
     * @param evaluated the real users: only they get a held-out item and enter the metrics
     * @param sets      training sets over {@code events} (the first is usually {@code raw})
     */
    public static RecommenderLift run(List<BehaviorEvent> events, Set<String> evaluated, Targets targets,
                                      List<TrainingSet> sets, List<Recommender> recommenders,
                                      BehaviorWeights behaviour) {
        LeaveLastOut split = LeaveLastOut.split(events, evaluated, behaviour);
        int catalogue = (int) events.stream().map(BehaviorEvent::itemId).filter(i -> !i.isEmpty()).distinct().count();
        Map<String, Map<String, RecMetrics>> out = new LinkedHashMap<>();
        recommenders.forEach(r -> out.put(r.name(), new LinkedHashMap<>()));
        for (TrainingSet set : sets) {
            if (set.weights().length != events.size()) {
                throw new IllegalArgumentException("training set " + set.name() + " has " + set.weights().length
                        + " weights for " + events.size() + " events");
            }
            Interactions m = Interactions.of(events, split.trainingWeights(set.weights()), behaviour);
            for (Recommender r : recommenders) {
                out.get(r.name()).put(set.name(), OfflineEvaluation.evaluate(r.fit(m), split, targets.ids(), catalogue));
            }
        }
        return new RecommenderLift(out, sets, split.users(), catalogue, targets);
    }

    /**
     * The {@code recommend.json} object: recommender name to {@code raw}, {@code oracle} (null when not run) and
     * {@code cleaned} (strategy name to block; empty without a model), each block the six {@link RecMetrics#KEYS}.
     */
    public Map<String, Object> toJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        metrics.forEach((rec, runs) -> {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("raw", runs.get("raw").asMap());
            r.put("oracle", runs.containsKey("oracle") ? runs.get("oracle").asMap() : null);
            r.put("cleaned", runs.entrySet().stream().filter(e -> !e.getKey().equals("raw") && !e.getKey().equals("oracle"))
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().asMap(), (a, b) -> a, LinkedHashMap::new)));
            out.put(rec, r);
        });
        return out;
    }
}
