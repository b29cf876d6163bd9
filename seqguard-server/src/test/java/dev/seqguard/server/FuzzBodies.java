package dev.seqguard.server;

import dev.seqguard.serving.EventJson;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random and mutated request bodies for {@code POST /v1/events}, drawn from a seeded generator (the same seed, the
 * same bodies): a valid batch with one to four edits (truncated, a byte replaced, a nasty token or invalid UTF-8
 * inserted, a range cut out), random bytes, well-formed JSON with wrong types, huge numbers and duplicate keys
 * (as an array or NDJSON), nesting up to 5,000 deep, and — rarely — a 1 MiB string.
 */
final class FuzzBodies {
    private static final byte[] TEMPLATE = ("[{\"user_id\":\"fz-1\",\"item_id\":\"i-7\",\"category_id\":\"c-3\",\"behavior\":\"pv\","
            + "\"timestamp\":1511600000},{\"user_id\":\"fz-1\",\"item_id\":\"i-8\",\"category_id\":\"c-3\",\"behavior\":\"buy\","
            + "\"timestamp\":\"2017-11-25T09:00:00Z\",\"price\":9.5,\"query\":\"shoes\",\"session_id\":4}]").getBytes(StandardCharsets.UTF_8);
    private static final List<String> NASTY = List.of("{", "}", "[", "]", "\"", "\\", ",", ":", "\\u0000", "\\ud800", "NaN",
            "-", "1e999999999", "-0.0e-0", "9".repeat(400), "null", "true", "\u0000", "\u00e9\u4e2d\ud83d\ude00", "\r\n", "\n");
    private static final List<byte[]> BAD_UTF8 = List.of(new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xFF},
            new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xF0, (byte) 0x9F}, new byte[] {(byte) 0x80});
    private static final List<String> NAMES = List.of("user_id", "item_id", "category_id", "behavior", "timestamp", "price",
            "session_id", "query", "user_id", "timestamp", "x", "");
    private static final List<String> VALUES = List.of("\"pv\"", "\"buy\"", "\"teleport\"", "\"\"", "1511600000",
            "\"1511600000.5\"", "\"2017-11-25T09:00:00Z\"", "1e400", "-1e400", "\"1e999999999\"", "\"-1e-999999999\"",
            "1.7976931348623157e308", "-0", "0.0", "9223372036854775808", "-9223372036854775809", "1" + "0".repeat(999),
            "null", "true", "false", "[]", "{}", "[1,[2,[3]]]", "{\"a\":{\"b\":null}}", "\"\\u0000\\ud800\\n\\\"\"",
            "\"\u4e2d\ud83d\ude00\"");
    /** One huge body in this many. */
    private static final int HUGE_ONE_IN = 5_000;

    private final SplittableRandom random;

    FuzzBodies(long seed) {
        this.random = new SplittableRandom(seed);
    }

    byte[] next() {
        if (random.nextInt(HUGE_ONE_IN) == 0) {
            return hugeString();
        }
        int kind = random.nextInt(100);
        if (kind < 45) {
            return mutated();
        }
        if (kind < 60) {
            byte[] b = new byte[random.nextInt(301)];
            random.nextBytes(b);
            return b;
        }
        if (kind < 95) {
            return structured();
        }
        return deeplyNested();
    }

    private byte[] mutated() {
        byte[] b = TEMPLATE;
        for (int n = 1 + random.nextInt(4); n > 0; n--) {
            int at = random.nextInt(b.length + 1);
            ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + 16);
            switch (random.nextInt(5)) {
                case 0 -> out.write(b, 0, at);
                case 1 -> {
                    out.write(b, 0, b.length);
                    byte[] copy = out.toByteArray();
                    if (at < copy.length) {
                        copy[at] = (byte) random.nextInt(256);
                    }
                    out.reset();
                    out.writeBytes(copy);
                }
                case 2 -> splice(out, b, at, pick(NASTY).getBytes(StandardCharsets.UTF_8));
                case 3 -> splice(out, b, at, pick(BAD_UTF8));
                default -> {
                    out.write(b, 0, at);
                    int to = Math.min(b.length, at + 1 + random.nextInt(24));
                    out.write(b, to, b.length - to);
                }
            }
            b = out.toByteArray();
        }
        return b;
    }

    private static void splice(ByteArrayOutputStream out, byte[] b, int at, byte[] insert) {
        out.write(b, 0, at);
        out.writeBytes(insert);
        out.write(b, at, b.length - at);
    }

    private byte[] structured() {
        boolean array = random.nextBoolean();
        StringBuilder s = new StringBuilder(array ? "[" : "");
        for (int e = random.nextInt(7); e > 0; e--) {
            if (random.nextInt(10) == 0) {
                s.append(value());
            } else {
                s.append('{');
                for (int f = random.nextInt(11); f > 0; f--) {
                    s.append('"').append(pick(NAMES)).append("\":").append(value()).append(f > 1 ? "," : "");
                }
                s.append('}');
            }
            s.append(e > 1 ? (array ? "," : "\n") : "");
        }
        return s.append(array ? "]" : "").toString().getBytes(StandardCharsets.UTF_8);
    }

    private String value() {
        return switch (random.nextInt(5)) {
            case 0 -> String.valueOf(random.nextInt());
            case 1 -> String.valueOf(random.nextLong());
            case 2 -> String.valueOf(Double.longBitsToDouble(random.nextLong())).replace("Infinity", "1e999");
            case 3 -> EventJson.MAPPER.valueToTree(randomText(random.nextInt(41))).toString();
            default -> pick(VALUES);
        };
    }

    private String randomText(int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            // mostly ASCII, some of the rest of the Basic Multilingual Plane (lone surrogates included)
            s.append((char) (random.nextInt(4) == 0 ? random.nextInt(0x10000) : random.nextInt(128)));
        }
        return s.toString();
    }

    /** Arrays and objects nested up to 5,000 deep, closed or not: as the body, or as the value of one field. */
    private byte[] deeplyNested() {
        int depth = 1 + random.nextInt(5_000);
        boolean closed = random.nextBoolean();
        String body = random.nextBoolean() ? "[".repeat(depth) + "1" + (closed ? "]".repeat(depth) : "")
                : "[{\"user_id\":\"u\",\"query\":" + "{\"a\":".repeat(depth) + "1" + (closed ? "}".repeat(depth) + "}]" : "");
        return body.getBytes(StandardCharsets.UTF_8);
    }

    /** A 1 MiB string as an id, a behaviour, a timestamp or a query. */
    private byte[] hugeString() {
        String field = pick(List.of("user_id", "behavior", "timestamp", "query"));
        String event = "{\"user_id\":\"big\",\"item_id\":\"i\",\"behavior\":\"pv\",\"timestamp\":1511600000,\"" + field
                + "\":\"" + (field.equals("timestamp") ? "1" : "x").repeat(1 << 20) + "\"}";
        return ("[" + event + "]").getBytes(StandardCharsets.UTF_8);
    }

    private <T> T pick(List<T> from) {
        return from.get(random.nextInt(from.size()));
    }
}
