package dev.seqguard.flink;

import dev.seqguard.core.io.EventFormat;
import dev.seqguard.core.io.QuarantineReason;
import dev.seqguard.core.model.BehaviorEvent;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Input lines to events with the layout's own parser ({@link EventFormat#parseLine}); a line it rejects goes to
 * {@link SeqGuardStreamJob#QUARANTINE} as {@code reason<TAB>line} and is counted, never dropped silently, and so
 * does an event outside the job's accepted times ({@code time_out_of_range}). A header line (the input's, see
 * {@link StreamJobConfig#header}, else the layout's own) is skipped wherever it appears: every file of a directory
 * starts with one, and a file source does not tell which line is a file's first.
 */
final class ParseEvents extends ProcessFunction<String, BehaviorEvent> {
    private static final long serialVersionUID = 1L;

    private final StreamJobConfig config;
    private transient Function<String, BehaviorEvent> parser;
    private transient String header;
    private transient LongCounter quarantined;

    ParseEvents(StreamJobConfig config) {
        this.config = config;
    }

    @Override
    public void open(OpenContext openContext) {
        EventFormat format = config.eventFormat();
        parser = format.lineParser(config.header());
        header = Optional.ofNullable(config.header()).or(format::header).map(ParseEvents::normalized).orElse(null);
        quarantined = getRuntimeContext().getLongCounter(SeqGuardStreamJob.QUARANTINED_COUNTER);
    }

    @Override
    public void processElement(String line, Context ctx, Collector<BehaviorEvent> out) {
        if (header != null && normalized(line).equals(header)) {
            return;
        }
        BehaviorEvent event;
        try {
            event = parser.apply(line);
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

    /** A header compared leniently, as the batch reader does: case and spaces do not matter. */
    private static String normalized(String line) {
        return line.replace(" ", "").toLowerCase(Locale.ROOT);
    }

    private void quarantine(String reason, String line, Context ctx) {
        quarantined.add(1);
        ctx.output(SeqGuardStreamJob.QUARANTINE, reason + "\t" + line);
    }
}
