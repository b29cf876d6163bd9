package dev.seqguard.serving;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.seqguard.core.model.BehaviorEvent;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code seqguard replay}: a recorded event log through the service's streaming path ({@link ScoringEngine}: the
 * same incremental features, detector, threshold and explanations), in event-time order, in one process. The flags
 * it writes are the reference the service must match on the same events and model, and how a streaming model is
 * back-tested on history.
 */
public final class Replay {
    public static final String FLAGS_FILE = "flags.jsonl";

    private Replay() {
    }

    /** What a replay did. */
    public record Result(long events, List<ReplayFlag> flags, int users, long evictions) {
        public Result {
            flags = List.copyOf(flags);
        }
    }

    /** {@link ReplayFlag#decision} of a flag raised at an event: the history up to it crosses its length's threshold. */
    public static final String AT_EVENT = "event";
    /** {@link ReplayFlag#decision} of a flag raised when the user went idle: the whole history crosses the batch threshold. */
    public static final String WHEN_IDLE = "idle";

    /**
     * One line of {@code flags.jsonl}.
     *
     * @param itemId     the flagged event's item; for an idle flag, the last event's
     * @param timeMillis the flagged event's time; for an idle flag, the last event's
     * @param decision   {@link #AT_EVENT} or {@link #WHEN_IDLE}
     */
    public record ReplayFlag(String userId, String itemId, long timeMillis, double score, String detector,
                             String explanation, String decision) {
        /** A flag at an event. */
        public ReplayFlag(String userId, String itemId, long timeMillis, double score, String detector, String explanation) {
            this(userId, itemId, timeMillis, score, detector, explanation, AT_EVENT);
        }

        /** The flag of a user's whole history when they went idle. */
        public static ReplayFlag idle(ScoringEngine.IdleFlag f, String detector) {
            return new ReplayFlag(f.userId(), f.last().itemId(), f.last().timeMillis(), f.score(), detector,
                    f.explanation(), WHEN_IDLE);
        }
    }

    /**
     * Scores every event in time order (a stable sort: events with equal times keep their input order).
     *
     * @param shards as the service's {@code shards}; results do not depend on it unless users are evicted
     */
    public static Result run(ServingModel model, List<BehaviorEvent> events, int maxUsers, int shards) {
        List<BehaviorEvent> ordered = new ArrayList<>(events);
        ordered.sort(Comparator.comparingLong(BehaviorEvent::timeMillis));
        ScoringEngine engine = new ScoringEngine(model, maxUsers, shards);
        List<ReplayFlag> flags = new ArrayList<>();
        String detector = model.detectorName();
        for (BehaviorEvent e : ordered) {
            engine.advanceTo(e.timeMillis()).forEach(f -> flags.add(ReplayFlag.idle(f, detector)));
            ScoredEvent s = engine.score(e);
            if (s.idleBefore() != null) {
                flags.add(ReplayFlag.idle(s.idleBefore(), detector));
            }
            if (s.flag()) {
                flags.add(new ReplayFlag(e.userId(), e.itemId(), e.timeMillis(), s.score(), detector, s.explanation()));
            }
        }
        // the end of the input: every user is idle from here on
        engine.advanceTo(Long.MAX_VALUE).forEach(f -> flags.add(ReplayFlag.idle(f, detector)));
        return new Result(ordered.size(), flags, engine.users(), engine.evictions());
    }

    /**
     * Writes {@code flags.jsonl}: one object per line with {@code user_id,item_id,timestamp,score,detector,explanation,
     * decision}.
     */
    public static void write(List<ReplayFlag> flags, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (ReplayFlag f : flags) {
                w.write(line(f));
                w.write('\n');
            }
        }
    }

    /** One line of {@code flags.jsonl} (no terminator): also what the Flink job writes per flag. */
    public static String line(ReplayFlag f) throws IOException {
        StringWriter sw = new StringWriter(200);
        try (JsonGenerator g = EventJson.MAPPER.getFactory().createGenerator(sw)) {
            g.writeStartObject();
            g.writeStringField("user_id", f.userId());
            g.writeStringField("item_id", f.itemId());
            Timestamps.write(g, "timestamp", f.timeMillis());
            g.writeNumberField("score", f.score());
            g.writeStringField("detector", f.detector());
            g.writeStringField("explanation", f.explanation());
            g.writeStringField("decision", f.decision());
            g.writeEndObject();
        }
        return sw.toString();
    }
}
