package dev.seqguard.server;

import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import dev.seqguard.core.model.BehaviorEvent;
import dev.seqguard.serving.EventJson;
import dev.seqguard.serving.Replay;
import dev.seqguard.serving.ScoredEvent;
import dev.seqguard.serving.ScoringEngine;
import dev.seqguard.serving.Timestamps;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * {@code POST /v1/events}: parses a batch, scores its events in order on the live engine (a model swap waits for the
 * batch), commits the flags, and only then answers: one result per event, in input order, a score or an error.
 * Users the batch's event times show to be idle are judged whole ({@link ScoringEngine#advanceTo}); their flags are
 * committed with the batch's and listed by {@code GET /v1/flags} ({@code decision: idle}).
 * {@code POST /v1/watermark} moves that event-time clock without events (a quiet feed, or the end of one).
 */
final class EventsEndpoint {
    private final LiveModel model;
    private final FlagLog flags;
    private final UserIdMask mask;
    private final BodyLimit bodies;
    private final Metrics metrics;

    /** @param mask how user ids are stored and returned; {@code null}: as sent */
    EventsEndpoint(LiveModel model, FlagLog flags, UserIdMask mask, BodyLimit bodies, Metrics metrics) {
        this.model = model;
        this.flags = flags;
        this.mask = mask;
        this.bodies = bodies;
        this.metrics = metrics;
    }

    Response handle(HttpExchange ex) throws IOException {
        byte[] body = bodies.read(ex);
        if (body == null) {
            return bodies.tooLarge("; send smaller batches");
        }
        List<EventJson.Parsed> parsed;
        try {
            parsed = EventJson.parse(body);
        } catch (EventJson.NotJsonException e) {
            return Response.error(400, e.getMessage());
        }
        Batch batch = model.scoring(live -> score(live, parsed));
        return afterCommit(batch.newFlags(), stored -> {
            byte[] answer = write(batch, stored);
            metrics.events.add(batch.results().length - batch.invalid());
            metrics.invalidEvents.add(batch.invalid());
            return new Response(200, Response.JSON, answer);
        });
    }

    /** What a request answers once its flags are durable. */
    @FunctionalInterface
    private interface Answer {
        Response to(List<StoredFlag> stored) throws IOException;
    }

    /** Commits {@code newFlags}, then answers: never before they are durable; 503 when they could not be committed. */
    private Response afterCommit(List<FlagLog.NewFlag> newFlags, Answer answer) throws IOException {
        List<StoredFlag> stored;
        try {
            stored = flags.append(newFlags).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Response.error(503, "interrupted before the flags were committed; retry");
        } catch (ExecutionException e) {
            return Response.error(503, "flags could not be committed (" + e.getCause().getMessage() + "); retry");
        }
        metrics.flags.add(stored.size());
        return answer.to(stored);
    }

    /**
     * {@code POST /v1/watermark} with {@code {"timestamp": T}} (seconds, as events carry it): event time has reached
     * T, so users idle at T are judged now. Answers once their flags are durable, with how many were flagged.
     */
    Response watermark(HttpExchange ex) throws IOException {
        byte[] body = bodies.read(ex);
        if (body == null) {
            return bodies.tooLarge("");
        }
        long millis;
        try {
            com.fasterxml.jackson.databind.JsonNode req = EventJson.MAPPER.readTree(body);
            com.fasterxml.jackson.databind.JsonNode t = req == null ? null : req.get("timestamp");
            if (t == null || !t.isNumber()) {
                return Response.error(400, "send {\"timestamp\": T}: T in seconds since the epoch, as events carry it");
            }
            double seconds = t.asDouble();
            if (!(Math.abs(seconds) < 1e15)) {
                return Response.error(400, "timestamp " + t + " is out of range (seconds since the epoch)");
            }
            millis = Math.round(seconds * 1000);
        } catch (IOException e) {
            return Response.error(400, "body is not JSON; send {\"timestamp\": T}");
        }
        List<FlagLog.NewFlag> idle = model.scoring(live -> idleFlags(live.engine().advanceTo(millis),
                live.engine().model().detectorName()));
        return afterCommit(idle, stored -> {
            java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("timestamp", Timestamps.seconds(millis));
            m.put("idle_flags", stored.size());
            return Response.json(200, m);
        });
    }

    private static List<FlagLog.NewFlag> idleFlags(List<ScoringEngine.IdleFlag> idle, String detector) {
        List<FlagLog.NewFlag> out = new ArrayList<>(idle.size());
        for (ScoringEngine.IdleFlag f : idle) {
            out.add(idleFlag(f, detector));
        }
        return out;
    }

    private static FlagLog.NewFlag idleFlag(ScoringEngine.IdleFlag f, String detector) {
        return new FlagLog.NewFlag(f.userId(), f.last().itemId(), f.last().timeMillis(), f.score(), detector,
                f.explanation(), Replay.WHEN_IDLE);
    }

    /**
     * A scored batch.
     *
     * @param results  per input element: its {@link ScoredEvent}, or the {@link EventJson.Parsed} that names its error
     * @param newFlags the flags to commit: the events' in input order, then the idle users'
     * @param flagged  the index in {@code results} of each event flag (the first of {@code newFlags})
     * @param invalid  how many results are errors
     */
    private record Batch(Object[] results, List<FlagLog.NewFlag> newFlags, List<Integer> flagged, int invalid) {
    }

    private Batch score(LiveModel.Live live, List<EventJson.Parsed> parsed) {
        String detector = live.engine().model().detectorName();
        Object[] results = new Object[parsed.size()];
        List<FlagLog.NewFlag> newFlags = new ArrayList<>();
        List<FlagLog.NewFlag> idle = new ArrayList<>();
        List<Integer> flagged = new ArrayList<>();
        int invalid = 0;
        for (int i = 0; i < results.length; i++) {
            EventJson.Parsed p = parsed.get(i);
            if (p.error() != null) {
                results[i] = p;
                invalid++;
                continue;
            }
            BehaviorEvent e = mask == null ? p.event() : p.event().withUser(mask.mask(p.event().userId()));
            try {
                ScoredEvent s = live.engine().score(e);
                live.drift().record(s.score());
                results[i] = s;
                if (s.idleBefore() != null) {
                    idle.add(idleFlag(s.idleBefore(), detector));
                }
                if (s.flag()) {
                    flagged.add(i);
                    newFlags.add(new FlagLog.NewFlag(e.userId(), e.itemId(), e.timeMillis(), s.score(), detector,
                            s.explanation(), Replay.AT_EVENT));
                }
            } catch (IllegalArgumentException bad) {
                results[i] = new EventJson.Parsed(null, e.userId(), bad.getMessage());
                invalid++;
            }
        }
        // the batch moved the event-time clock: users idle at it are judged now
        idle.addAll(idleFlags(live.engine().advanceTo(Long.MIN_VALUE), detector));
        newFlags.addAll(idle);
        return new Batch(results, newFlags, flagged, invalid);
    }

    private byte[] write(Batch batch, List<StoredFlag> stored) throws IOException {
        Object[] results = batch.results();
        long[] flagIds = new long[results.length];
        for (int k = 0; k < batch.flagged().size(); k++) {
            flagIds[batch.flagged().get(k)] = stored.get(k).flagId();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(128 + 160 * results.length);
        try (JsonGenerator g = EventJson.MAPPER.getFactory().createGenerator(out)) {
            g.writeStartArray();
            for (int i = 0; i < results.length; i++) {
                g.writeStartObject();
                if (results[i] instanceof ScoredEvent s) {
                    writeScored(g, s, flagIds[i]);
                } else {
                    writeError(g, i, (EventJson.Parsed) results[i]);
                }
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        return out.toByteArray();
    }

    private static void writeScored(JsonGenerator g, ScoredEvent s, long flagId) throws IOException {
        BehaviorEvent e = s.event();
        g.writeStringField("user_id", e.userId());
        Timestamps.write(g, "timestamp", e.timeMillis());
        g.writeStringField("item_id", e.itemId());
        if (s.warmingUp()) {
            g.writeNullField("score");
        } else {
            g.writeNumberField("score", s.score());
        }
        g.writeBooleanField("flag", s.flag());
        if (s.flag()) {
            g.writeNumberField("flag_id", flagId);
            g.writeStringField("explanation", s.explanation());
        }
        g.writeBooleanField("warming_up", s.warmingUp());
    }

    private void writeError(JsonGenerator g, int index, EventJson.Parsed p) throws IOException {
        g.writeNumberField("index", index);
        if (p.userId() != null) {
            g.writeStringField("user_id", mask == null ? p.userId() : mask.mask(p.userId()));
        }
        g.writeStringField("error", p.error());
    }
}
