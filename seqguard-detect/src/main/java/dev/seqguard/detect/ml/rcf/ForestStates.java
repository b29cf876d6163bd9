package dev.seqguard.detect.ml.rcf;

import com.amazon.randomcutforest.RandomCutForest;
import com.amazon.randomcutforest.state.RandomCutForestMapper;
import com.amazon.randomcutforest.state.RandomCutForestState;

/**
 * Converts live forests to and from RCF's own state objects. Tree structure and the executor context (random
 * state) are saved too, so a restored forest scores and updates exactly as the original would have.
 */
public final class ForestStates {
    private ForestStates() {
    }

    public static RandomCutForestState toState(RandomCutForest forest) {
        return mapper().toState(forest);
    }

    /** A new, independent forest; the state is only read. */
    public static RandomCutForest toForest(RandomCutForestState state) {
        return mapper().toModel(state);
    }

    // RandomCutForestMapper is a mutable bean: one per call keeps this thread-safe.
    private static RandomCutForestMapper mapper() {
        RandomCutForestMapper mapper = new RandomCutForestMapper();
        mapper.setSaveExecutorContextEnabled(true);
        mapper.setSaveTreeStateEnabled(true);
        mapper.setSaveSamplerStateEnabled(true);
        return mapper;
    }
}
