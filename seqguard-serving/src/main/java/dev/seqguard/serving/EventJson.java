package dev.seqguard.serving;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.seqguard.core.model.Action;
import dev.seqguard.core.model.BehaviorEvent;
import dev.seqguard.core.model.EventExtras;
import java.io.IOException;
import java.math.BigDecimal;
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
    /** The one mapper of the wire format (events in, flags and state out); configured here only. */
    public static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long EARLIEST_MILLIS = Instant.parse("2000-01-01T00:00:00Z").toEpochMilli();
    private static final long FUTURE_SLACK_MILLIS = 24L * 3600 * 1000;
    /** Seconds outside this range are out of range before any rounding (the sanity rule then narrows it). */
    private static final BigDecimal MIN_SECONDS = BigDecimal.valueOf(-1L << 40);
    private static final BigDecimal MAX_SECONDS = BigDecimal.valueOf(1L << 40);
    private static final int MAX_TIME_TEXT = 64;
    private static final int MAX_ECHO = 80;

    private static final Parsed NOT_AN_OBJECT = new Parsed(null, null, "an event must be a JSON object");

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
            // streamed element by element: the tree of a whole batch (a map per event) was a large share of a
            // request's allocation; what is read is the same as MAPPER.readTree's (trailing content ignored alike)
            try (JsonParser p = MAPPER.createParser(body)) {
                p.nextToken();
                JsonToken t;
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (t == null) {
                        throw new JsonParseException(p, "Unexpected end-of-input: expected close marker for Array");
                    }
                    if (t == JsonToken.START_OBJECT) {
                        out.add(parseEvent(Fields.read(p)));
                    } else {
                        p.skipChildren();
                        out.add(NOT_AN_OBJECT);
                    }
                }
            } catch (IOException e) {
                throw new NotJsonException("body is not valid JSON: " + parseError(e, 0));
            }
            return out;
        }
        if (body[i] != '{') {
            throw new NotJsonException("body is neither a JSON array nor NDJSON (one JSON object per line)");
        }
        // line by line from the bytes: Jackson checks each line's UTF-8 (a decoded String would hide bad bytes as U+FFFD)
        String firstError = null;
        boolean anyJson = false;
        int lineNo = 0;
        for (int start = 0; start < body.length; ) {
            int end = start;
            while (end < body.length && body[end] != '\n') {
                end++;
            }
            lineNo++;
            if (!isBlank(body, start, end)) {
                try {
                    out.add(parseEvent(MAPPER.readTree(body, start, end - start)));
                    anyJson = true;
                } catch (IOException e) {
                    String error = parseError(e, lineNo);
                    firstError = firstError == null ? error : firstError;
                    out.add(new Parsed(null, null, "line " + lineNo + " is not a JSON object: " + error));
                }
            }
            start = end + 1;
        }
        if (!anyJson) {
            // nothing in the body is JSON: a wrong body, not a batch of bad events
            throw new NotJsonException("body is neither JSON nor NDJSON (no line parses); first error: " + firstError);
        }
        return out;
    }

    private static boolean isBlank(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Character.isWhitespace(b[i])) {
                return false;
            }
        }
        return true;
    }

    /**
     * Where and why a body (or, for {@code line > 0}, one NDJSON line) fails to parse: {@code line L, column C:
     * reason}, the reason without Jackson's source excerpt.
     */
    private static String parseError(IOException e, int line) {
        if (e instanceof JsonProcessingException j && j.getLocation() != null) {
            JsonLocation at = j.getLocation();
            return "line " + (line > 0 ? line : at.getLineNr()) + ", column " + at.getColumnNr() + ": "
                    + firstLine(j.getOriginalMessage());
        }
        return firstLine(e.getMessage());
    }

    private static String firstLine(String message) {
        String m = String.valueOf(message);
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private static Parsed parseEvent(JsonNode n) {
        if (n == null || !n.isObject()) {
            return NOT_AN_OBJECT;
        }
        return parseEvent(Fields.of(n));
    }

    private static Parsed parseEvent(Fields n) {
        String user = null;
        try {
            // inside the try: a user_id that is neither a string nor an integer is this event's error, not the batch's
            user = id(n, Fields.USER_ID);
            if (user == null || user.isEmpty()) {
                throw new IllegalArgumentException("missing user_id");
            }
            String item = id(n, Fields.ITEM_ID);
            if (item == null) {
                throw new IllegalArgumentException("missing item_id");
            }
            String category = id(n, Fields.CATEGORY_ID);
            JsonNode b = n.get(Fields.BEHAVIOR);
            if (b == null || b.isNull()) {
                throw new IllegalArgumentException("missing behavior");
            }
            Optional<Action> action = Action.parse(b.asText());
            if (action.isEmpty()) {
                throw new IllegalArgumentException("unknown behavior '" + shortened(b.asText()) + "' (pv, cart, fav, buy, click or search)");
            }
            long millis = timestamp(n.get(Fields.TIMESTAMP));
            double price = Double.NaN;
            JsonNode p = n.get(Fields.PRICE);
            if (p != null && !p.isNull()) {
                if (!p.isNumber() || !Double.isFinite(p.asDouble()) || p.asDouble() < 0) {
                    throw new IllegalArgumentException("price must be a non-negative number, got " + shortened(p));
                }
                price = p.asDouble();
            }
            String session = id(n, Fields.SESSION_ID);
            JsonNode q = n.get(Fields.QUERY);
            String query = q != null && !q.isNull() ? q.asText() : null;
            EventExtras extras = session == null && query == null && Double.isNaN(price) ? EventExtras.NONE
                    : new EventExtras(session, query, price, -1, null);
            return new Parsed(new BehaviorEvent(user, item, category == null ? "" : category, action.get(), millis, extras),
                    user, null);
        } catch (IllegalArgumentException e) {
            return new Parsed(null, user, e.getMessage());
        }
    }

    /**
     * The fields an event reads, as the tree model holds them (a later duplicate key wins), taken from an object
     * node or straight from a parser; other fields are skipped.
     */
    private static final class Fields {
        static final int USER_ID = 0;
        static final int ITEM_ID = 1;
        static final int CATEGORY_ID = 2;
        static final int BEHAVIOR = 3;
        static final int TIMESTAMP = 4;
        static final int PRICE = 5;
        static final int SESSION_ID = 6;
        static final int QUERY = 7;
        private static final String[] NAMES = {"user_id", "item_id", "category_id", "behavior", "timestamp", "price",
                "session_id", "query"};
        private final JsonNode[] values = new JsonNode[NAMES.length];

        JsonNode get(int field) {
            return values[field];
        }

        static Fields of(JsonNode object) {
            Fields f = new Fields();
            for (int i = 0; i < NAMES.length; i++) {
                f.values[i] = object.get(NAMES[i]);
            }
            return f;
        }

        /** Reads the object the parser is at (its START_OBJECT) up to and including its END_OBJECT. */
        static Fields read(JsonParser p) throws IOException {
            Fields f = new Fields();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                int field = indexOf(p.currentName());
                JsonToken t = p.nextToken();
                if (field < 0) {
                    p.skipChildren();
                } else if (t == JsonToken.VALUE_STRING) {
                    f.values[field] = TextNode.valueOf(p.getText());
                } else if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
                    f.values[field] = IntNode.valueOf(p.getIntValue());
                } else if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.LONG) {
                    f.values[field] = LongNode.valueOf(p.getLongValue());
                } else {
                    // rarer values (fractions, big numbers, booleans, null, containers): the tree model's own node
                    f.values[field] = MAPPER.readTree(p);
                }
            }
            return f;
        }

        private static int indexOf(String name) {
            return switch (name) {
                case "user_id" -> USER_ID;
                case "item_id" -> ITEM_ID;
                case "category_id" -> CATEGORY_ID;
                case "behavior" -> BEHAVIOR;
                case "timestamp" -> TIMESTAMP;
                case "price" -> PRICE;
                case "session_id" -> SESSION_ID;
                case "query" -> QUERY;
                default -> -1;
            };
        }
    }

    /** A string or integral id; {@code null} when absent. */
    private static String id(Fields n, int field) {
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
        throw new IllegalArgumentException(Fields.NAMES[field] + " must be a string or an integer, got " + shortened(v));
    }

    private static long timestamp(JsonNode t) {
        if (t == null || t.isNull()) {
            throw new IllegalArgumentException("missing timestamp");
        }
        long millis;
        if (t.isNumber()) {
            if (t.isDouble() && !Double.isFinite(t.doubleValue())) {
                // a literal past double range (1e999) reads as infinity, which has no decimal value
                throw new IllegalArgumentException("timestamp out of range: " + shortened(t));
            }
            // whole seconds, the common case, without a BigDecimal per event; the bound keeps * 1000 from overflowing
            millis = t.isInt() || (t.isLong() && Math.abs(t.longValue()) < 1L << 40) ? t.longValue() * 1000
                    : secondsToMillis(t.decimalValue(), t);
        } else if (t.isTextual()) {
            String s = t.asText().trim();
            if (s.length() > MAX_TIME_TEXT) {
                // parsing a million-digit decimal is quadratic; no real time is written in more characters than this
                throw new IllegalArgumentException("timestamp text longer than " + MAX_TIME_TEXT + " characters");
            }
            try {
                millis = secondsToMillis(new BigDecimal(s), t);
            } catch (NumberFormatException notNumber) {
                try {
                    millis = Instant.parse(s).toEpochMilli();
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("timestamp must be Unix seconds or ISO-8601, got " + shortened(t));
                }
            }
        } else {
            throw new IllegalArgumentException("timestamp must be Unix seconds or ISO-8601, got " + shortened(t));
        }
        if (millis < EARLIEST_MILLIS || millis > System.currentTimeMillis() + FUTURE_SLACK_MILLIS) {
            throw new IllegalArgumentException("timestamp " + shortened(t) + " is before 2000 or more than a day in the future");
        }
        return millis;
    }

    /** A value as an error message quotes it: cut after {@link #MAX_ECHO} characters (a 1 MiB id is not echoed). */
    private static String shortened(Object value) {
        String s = String.valueOf(value);
        return s.length() <= MAX_ECHO ? s : s.substring(0, MAX_ECHO) + "... (" + s.length() + " characters)";
    }

    private static long secondsToMillis(BigDecimal seconds, JsonNode raw) {
        // compared first: rescaling a value like 1e999999999 or 1e-999999999 would build a billion-digit number
        if (seconds.compareTo(MIN_SECONDS) < 0 || seconds.compareTo(MAX_SECONDS) > 0) {
            throw new IllegalArgumentException("timestamp out of range: " + shortened(raw));
        }
        try {
            return seconds.movePointRight(3).setScale(0, java.math.RoundingMode.FLOOR).longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("timestamp out of range: " + shortened(raw));
        }
    }
}
