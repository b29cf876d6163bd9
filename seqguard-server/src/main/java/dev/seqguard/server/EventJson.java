package dev.seqguard.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seqguard.core.model.Action;
import dev.seqguard.core.model.BehaviorEvent;
import dev.seqguard.core.model.EventExtras;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the body of {@code POST /v1/events}: a JSON array of event objects, or NDJSON (one object per line). Each
 * element becomes an event or an error naming the field and the bad value, so one bad event never sinks the rest.
 *
 * <p>Fields: {@code user_id}, {@code item_id}, {@code behavior} ({@code pv|cart|fav|buy|click|search} and the usual
 * synonyms), {@code timestamp} (Unix seconds, fractions allowed, or ISO-8601) are required; {@code category_id},
 * {@code session_id}, {@code query}, {@code price} are optional. Times before 2000 or more than a day in the future
 * are rejected (the ingest's sanity rule).
 */
public final class EventJson {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long EARLIEST_MILLIS = Instant.parse("2000-01-01T00:00:00Z").toEpochMilli();
    private static final long FUTURE_SLACK_MILLIS = 24L * 3600 * 1000;

    private EventJson() {
    }

    /**
     * One element of the body.
     *
     * @param event  the event, or {@code null} when invalid
     * @param userId the user id as given (for error answers), possibly {@code null}
     * @param error  why the element is invalid, or {@code null}
     */
    public record Parsed(BehaviorEvent event, String userId, String error) {
    }

    /** The body is not JSON (or NDJSON) at all. */
    public static final class NotJsonException extends Exception {
        NotJsonException(String message) {
            super(message);
        }
    }

    public static List<Parsed> parse(byte[] body) throws NotJsonException {
        int i = 0;
        while (i < body.length && Character.isWhitespace(body[i])) {
            i++;
        }
        if (i == body.length) {
            throw new NotJsonException("empty body: send a JSON array of events or NDJSON");
        }
        List<Parsed> out = new ArrayList<>();
        if (body[i] == '[') {
            JsonNode root;
            try {
                root = MAPPER.readTree(body);
            } catch (IOException e) {
                throw new NotJsonException("body is not valid JSON: " + firstLine(e));
            }
            for (JsonNode n : root) {
                out.add(parseEvent(n));
            }
            return out;
        }
        if (body[i] != '{') {
            throw new NotJsonException("body is neither a JSON array nor NDJSON (one JSON object per line)");
        }
        String text = new String(body, StandardCharsets.UTF_8);
        int lineNo = 0;
        for (String line : text.split("\n")) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            try {
                out.add(parseEvent(MAPPER.readTree(line)));
            } catch (JsonProcessingException e) {
                out.add(new Parsed(null, null, "line " + lineNo + " is not a JSON object: " + firstLine(e)));
            }
        }
        return out;
    }

    private static String firstLine(Exception e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    static Parsed parseEvent(JsonNode n) {
        if (n == null || !n.isObject()) {
            return new Parsed(null, null, "an event must be a JSON object");
        }
        String user = id(n, "user_id");
        try {
            if (user == null || user.isEmpty()) {
                throw new IllegalArgumentException("missing user_id");
            }
            String item = id(n, "item_id");
            if (item == null) {
                throw new IllegalArgumentException("missing item_id");
            }
            String category = id(n, "category_id");
            JsonNode b = n.get("behavior");
            if (b == null || b.isNull()) {
                throw new IllegalArgumentException("missing behavior");
            }
            Optional<Action> action = Action.parse(b.asText());
            if (action.isEmpty()) {
                throw new IllegalArgumentException("unknown behavior '" + b.asText() + "' (pv, cart, fav, buy, click or search)");
            }
            long millis = timestamp(n.get("timestamp"));
            double price = Double.NaN;
            JsonNode p = n.get("price");
            if (p != null && !p.isNull()) {
                if (!p.isNumber() || !Double.isFinite(p.asDouble()) || p.asDouble() < 0) {
                    throw new IllegalArgumentException("price must be a non-negative number, got " + p);
                }
                price = p.asDouble();
            }
            String session = id(n, "session_id");
            String query = n.hasNonNull("query") ? n.get("query").asText() : null;
            EventExtras extras = session == null && query == null && Double.isNaN(price) ? EventExtras.NONE
                    : new EventExtras(session, query, price, -1, null);
            return new Parsed(new BehaviorEvent(user, item, category == null ? "" : category, action.get(), millis, extras),
                    user, null);
        } catch (IllegalArgumentException e) {
            return new Parsed(null, user, e.getMessage());
        }
    }

    /** A string or integral id; {@code null} when absent. */
    private static String id(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isTextual()) {
            return v.asText();
        }
        if (v.isIntegralNumber()) {
            return v.bigIntegerValue().toString();
        }
        throw new IllegalArgumentException(field + " must be a string or an integer, got " + v);
    }

    private static long timestamp(JsonNode t) {
        if (t == null || t.isNull()) {
            throw new IllegalArgumentException("missing timestamp");
        }
        long millis;
        if (t.isNumber()) {
            millis = secondsToMillis(t.decimalValue(), t);
        } else if (t.isTextual()) {
            String s = t.asText().trim();
            try {
                millis = secondsToMillis(new BigDecimal(s), t);
            } catch (NumberFormatException notNumber) {
                try {
                    millis = Instant.parse(s).toEpochMilli();
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("timestamp must be Unix seconds or ISO-8601, got " + t);
                }
            }
        } else {
            throw new IllegalArgumentException("timestamp must be Unix seconds or ISO-8601, got " + t);
        }
        if (millis < EARLIEST_MILLIS || millis > System.currentTimeMillis() + FUTURE_SLACK_MILLIS) {
            throw new IllegalArgumentException("timestamp " + t + " is before 2000 or more than a day in the future");
        }
        return millis;
    }

    private static long secondsToMillis(BigDecimal seconds, JsonNode raw) {
        try {
            return seconds.movePointRight(3).setScale(0, java.math.RoundingMode.FLOOR).longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("timestamp out of range: " + raw);
        }
    }
}
