package dev.seqguard.flink;

import dev.seqguard.core.features.FeatureContext;
import dev.seqguard.core.model.BehaviorEvent;
import dev.seqguard.serving.ServingModel;
import java.nio.file.Path;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * {@link ScoreUserEvents} whose model can be replaced while the job runs (hot reload): the second, broadcast input
 * carries model directories ({@code select} output), one a line. Every task loads a new directory in
 * {@link #processBroadcastElement}, checks it ({@link SeqGuardStreamJob#requireKeyedModel}), records it in broadcast
 * state and scores from then on with it; users whose feature state a task had built are rebuilt from their keyed
 * history on their next event. A directory that does not load, or holds a model a keyed job cannot score, is
 * quarantined as {@code model_rejected} and the current model stays.
 *
 * <p>The broadcast state ({@link #MODEL}) holds the current model's directory, so a job restored from a checkpoint
 * scores with the model it had reached, not the config's; the directory must therefore stay in place while a
 * checkpoint refers to it.
 */
final class ScoreUserEventsWithModelUpdates extends KeyedBroadcastProcessFunction<String, BehaviorEvent, String, String> {
    private static final long serialVersionUID = 1L;

    /** Broadcast state: {@link #CURRENT} → the directory of the model scoring now (absent: the config's). */
    static final MapStateDescriptor<String, String> MODEL =
            new MapStateDescriptor<>("model-updates", Types.STRING, Types.STRING);
    static final String CURRENT = "current";
    /** Model directories rejected (unloadable, or not scorable per user). */
    static final String REJECTED_COUNTER = "seqguard-models-rejected";

    private final StreamJobConfig config;
    private transient FeatureContext context;
    private transient UserEventScorer scorer;
    private transient String scoringWith;
    private transient LongCounter rejected;

    ScoreUserEventsWithModelUpdates(StreamJobConfig config) {
        this.config = config;
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        // the context is the job's, not a model's: built once and shared by every model the task loads
        context = config.featureContext();
        scoringWith = config.modelDir();
        scorer = new UserEventScorer(getRuntimeContext(), config, ServingModel.load(Path.of(scoringWith), context));
        rejected = getRuntimeContext().getLongCounter(REJECTED_COUNTER);
    }

    @Override
    public void processElement(BehaviorEvent event, ReadOnlyContext ctx, Collector<String> out) throws Exception {
        follow(ctx.getBroadcastState(MODEL));
        scorer.processElement(ctx.getCurrentKey(), event, ctx.timerService(), out, ctx::output);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<String> out) throws Exception {
        follow(ctx.getBroadcastState(MODEL));
        scorer.onTimer(ctx.getCurrentKey(), timestamp, ctx.timerService(), out, ctx::output);
    }

    @Override
    public void processBroadcastElement(String line, Context ctx, Collector<String> out) throws Exception {
        String dir = line.strip();
        if (dir.isEmpty()) {
            return;
        }
        ServingModel next;
        try {
            next = ServingModel.load(Path.of(dir), context);
            SeqGuardStreamJob.requireKeyedModel(next);
        } catch (Exception e) {
            // every task sees the same directory and rejects it alike, so broadcast state stays equal across tasks
            rejected.add(1);
            ctx.output(SeqGuardStreamJob.QUARANTINE, "model_rejected\t" + dir + "\t" + e.getMessage());
            return;
        }
        ctx.getBroadcastState(MODEL).put(CURRENT, dir);
        scorer.useModel(next);
        scoringWith = dir;
    }

    /**
     * After a restore, open() cannot read broadcast state, so the first event or timer loads the model the state
     * names. That directory loaded when it was broadcast; failing now fails the task rather than score with another.
     */
    private void follow(ReadOnlyBroadcastState<String, String> state) throws Exception {
        String dir = state.get(CURRENT);
        if (dir != null && !dir.equals(scoringWith)) {
            scorer.useModel(ServingModel.load(Path.of(dir), context));
            scoringWith = dir;
        }
    }
}
