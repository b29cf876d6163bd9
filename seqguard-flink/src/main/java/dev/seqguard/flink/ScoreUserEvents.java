package dev.seqguard.flink;

import dev.seqguard.core.model.BehaviorEvent;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Scores each user's events in event-time order with the config's model, fixed for the job's life; the per-user
 * logic, state and outputs are {@link UserEventScorer}'s. {@link ScoreUserEventsWithModelUpdates} is the variant
 * whose model can be replaced while the job runs.
 */
final class ScoreUserEvents extends KeyedProcessFunction<String, BehaviorEvent, String> {
    private static final long serialVersionUID = 1L;

    private final StreamJobConfig config;
    private transient UserEventScorer scorer;

    ScoreUserEvents(StreamJobConfig config) {
        this.config = config;
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        scorer = new UserEventScorer(getRuntimeContext(), config, config.loadModel());
    }

    @Override
    public void processElement(BehaviorEvent event, Context ctx, Collector<String> out) throws Exception {
        scorer.processElement(ctx.getCurrentKey(), event, ctx.timerService(), out, ctx::output);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<String> out) throws Exception {
        scorer.onTimer(ctx.getCurrentKey(), timestamp, ctx.timerService(), out, ctx::output);
    }
}
