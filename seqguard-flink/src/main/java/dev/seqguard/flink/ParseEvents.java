package dev.seqguard.flink;

import dev.seqguard.core.io.EventFormat;
import dev.seqguard.core.io.QuarantineReason;
import dev.seqguard.core.model.BehaviorEvent;
import java.util.Locale;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Input lines to events with the layout's own parser ({@link EventFormat#parseLine}); a line it rejects goes to
 * {@link SeqGuardStreamJob#QUARANTINE} as {@code reason<TAB>line} and is counted, never dropped silently, and so
 * does an event outside the job's accepted times ({@code time_out_of_range}). A header line of the layout is
 * skipped.
 */
final class ParseEvents extends ProcessFunction<String, BehaviorEvent> {
    private static final long serialVersionUID = 1L;

    private final StreamJobConfig config;
    private transient EventFormat format;
    private transient String header;
    private transient LongCounter quarantined;

    ParseEvents(StreamJobConfig config) {
        this.config = config;
    }

    @Override
    public void open(OpenContext openContext) {
        format = config.eventFormat();
        header = format.header().map(h -> h.replace(" ", "").toLowerCase(Locale.ROOT)).orElse(null);
        quarantined = getRuntimeContext().getLongCounter(SeqGuardStreamJob.QUARANTINED_COUNTER);
    }

    @Override
    public void processElement(String line, Context ctx, Collector<BehaviorEvent> out) {
        if (header != null && line.replace(" ", "").toLowerCase(Locale.ROOT).equals(header)) {
            return;
        }
        BehaviorEvent event;
        try {
            event = format.parseLine(line);
        } catch (IllegalArgumentException e) {
            String message = e.getMessage() == null ? "invalid" : e.getMessage();
            int colon = message.indexOf(':');
            quarantine(colon > 0 ? message.substring(0, colon) : message, line, ctx);
            return;
        }
        if (config.accepts(event.timeMillis())) {
            out.collect(event);
        } else {
            quarantine(QuarantineReason.TIME_OUT_OF_RANGE.code(), line, ctx);
        }
    }

    private void quarantine(String reason, String line, Context ctx) {
        quarantined.add(1);
        ctx.output(SeqGuardStreamJob.QUARANTINE, reason + "\t" + line);
    }
}
