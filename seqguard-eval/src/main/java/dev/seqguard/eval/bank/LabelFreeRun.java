package dev.seqguard.eval.bank;

import dev.seqguard.core.inject.InjectionConfig;
import dev.seqguard.core.model.BehaviorEvent;
import dev.seqguard.detect.api.DetectionData;
import dev.seqguard.detect.pipeline.PipelineOptions;
import dev.seqguard.detect.pipeline.Preparation;
import dev.seqguard.detect.pipeline.PreparedData;
import dev.seqguard.eval.select.InjectedValidation;
import dev.seqguard.eval.select.SelectionOptions;
import dev.seqguard.eval.select.SelectionResult;
import dev.seqguard.eval.select.Selector;
import java.util.List;

/**
 * Label-free selection on events exactly as {@code seqguard select --events F} runs it with no labels and default
 * options ({@code SelectCommand.runEvents}): user sequences with a 30-minute session gap and default features,
 * self-injected validation at rate 0.05 with every injector kind, {@link SelectionOptions} of 5 folds, an ensemble of
 * 3, the default threshold rule, 5 labels per class, 3 repeats. The one place the benchmark couples to how
 * {@code select} is wired: when that wiring changes, change it here too.
 *
 * @param detectors detector names as {@code --detectors} takes them; empty = the default set
 * @param ensemble  as {@code --ensemble}
 * @param seed      as {@code --seed}
 */
public record LabelFreeRun(List<String> detectors, int ensemble, long seed) {
    /** {@code select}'s {@code --seed} default. */
    public static final long SELECT_SEED = 1;
    /** {@code select}'s {@code --synthetic-rate} default. */
    public static final double SYNTHETIC_RATE = 0.05;

    public LabelFreeRun {
        detectors = List.copyOf(detectors);
    }

    /** {@code seqguard select --events F} with no other option. */
    public static LabelFreeRun defaults() {
        return new LabelFreeRun(List.of(), 3, SELECT_SEED);
    }

    /** {@code seqguard select --events F --detectors iforest --ensemble 0}. */
    public static LabelFreeRun iforestOnly() {
        return new LabelFreeRun(List.of("iforest"), 0, SELECT_SEED);
    }

    /** The run's outcome: the prepared rows (users) and the selection on them. */
    public record Outcome(PreparedData prepared, SelectionResult result) {
        public List<String> users() {
            return prepared.userIds();
        }
    }

    public Outcome run(List<BehaviorEvent> events) {
        Preparation prep = new Preparation(PipelineOptions.defaults());
        PreparedData prepared = prep.prepare(events);
        DetectionData data = prepared.detectionData(null);
        SelectionOptions options = new SelectionOptions(detectors, 5, seed, ensemble, null, 5, 3);
        InjectedValidation synthetic = new InjectedValidation(events, prep, SYNTHETIC_RATE,
                InjectionConfig.parseTypes("all"));
        SelectionResult result = new Selector(options, step -> { }).select(data, null, synthetic, synthetic);
        return new Outcome(prepared, result);
    }
}
